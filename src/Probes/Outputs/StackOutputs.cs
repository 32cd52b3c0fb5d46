namespace Verification.Probes.Outputs;

/// <summary>A host and port, as written in an outputs file ("db.example.com:5432" or a bare host with the engine's default port).</summary>
public sealed record HostPort(string Host, int Port)
{
    public override string ToString() => $"{Host}:{Port}";
}

/// <summary>The stack outputs the suite starts from, validated; names follow the seeds' TerraformOutput keys.</summary>
public sealed record StackOutputs
{
    /// <summary>The file the outputs came from.</summary>
    public string SourceFile { get; init; } = "";

    /// <summary>The detected format's <see cref="OutputsFormat.Id"/>: "flat" (Pulumi or flat-outputs.json, the same shape), "terraform", "cdktf", "cloudformation"; joined with "+" when read from several files.</summary>
    public string Format { get; init; } = "";

    /// <summary>The CDKTF or CloudFormation stack the outputs belong to, when the file held stacks.</summary>
    public string? StackName { get; init; }

    public string VpcId { get; init; } = "";
    public string AlbDnsName { get; init; } = "";
    public HostPort DbEndpoint { get; init; } = new("", 5432);
    public HostPort RedisEndpoint { get; init; } = new("", 6379);
    public string KmsKeyArn { get; init; } = "";
    public string DbSecretArn { get; init; } = "";
    public string? EcsClusterName { get; init; }
    public string? EcsClusterArn { get; init; }
    public string? LogGroupName { get; init; }

    /// <summary>The bucket holding the IaC state (and so the generated database password); the StateBucket setting wins over the output.</summary>
    public string? StateBucket { get; init; }
    public string? Region { get; init; }
    public string? EnvironmentSuffix { get; init; }

    /// <summary>Every key/value found in the file, secret-looking values masked, for the evidence.</summary>
    public SortedDictionary<string, string> Raw { get; init; } = new(StringComparer.Ordinal);

    /// <summary>SHA-256 of the file as read (lowercase hex), for the evidence.</summary>
    public string Sha256 { get; init; } = "";

    /// <summary>The region named in the stack's ARNs (kms_key_arn), which the run must match.</summary>
    public string ArnRegion => KmsKeyArn.Split(':') is { Length: > 4 } parts ? parts[3] : "";

    /// <summary>The account named in the stack's ARNs.</summary>
    public string ArnAccount => KmsKeyArn.Split(':') is { Length: > 4 } parts ? parts[4] : "";
}

/// <summary>An outputs file that cannot be used, with one message that says what was expected and what was found.</summary>
public sealed class OutputsException(string message) : Exception(message);
