namespace Verification.Probes.Aws.Model;

// Shapes follow the IAM API Reference (2010-05-08) and the STS API Reference (2011-06-15).

public sealed record Role
{
    public string RoleName { get; init; } = "";
    public string? RoleId { get; init; }
    public string Arn { get; init; } = "";
    public string? Path { get; init; }

    /// <summary>The trust policy, URL-decoded (IAM sends it URL-encoded).</summary>
    public string? AssumeRolePolicyDocument { get; init; }
}

public sealed record AttachedPolicy
{
    public string? PolicyName { get; init; }
    public string PolicyArn { get; init; } = "";
}

/// <summary>The answer of GetPolicy (the IAM shape Policy; named apart from the run's <c>Policy</c>).</summary>
public sealed record ManagedPolicy
{
    public string? PolicyName { get; init; }
    public string Arn { get; init; } = "";
    public string? DefaultVersionId { get; init; }
}

public sealed record PolicyVersion
{
    public string? VersionId { get; init; }
    public bool? IsDefaultVersion { get; init; }

    /// <summary>The policy document, URL-decoded (IAM sends it URL-encoded).</summary>
    public string Document { get; init; } = "";
}

public sealed record EvaluationResult
{
    public string EvalActionName { get; init; } = "";
    public string? EvalResourceName { get; init; }

    /// <summary>"allowed", "explicitDeny" or "implicitDeny".</summary>
    public string EvalDecision { get; init; } = "";
}

public sealed record CallerIdentity
{
    public string Account { get; init; } = "";
    public string Arn { get; init; } = "";
    public string? UserId { get; init; }
}
