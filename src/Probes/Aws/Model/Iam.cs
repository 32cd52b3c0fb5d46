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
