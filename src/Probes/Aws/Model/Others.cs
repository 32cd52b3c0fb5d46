namespace Verification.Probes.Aws.Model;

/// <summary>A Cloud Map namespace (ServiceDiscovery GetNamespace).</summary>
public sealed record Namespace
{
    public string Id { get; init; } = "";
    public string Arn { get; init; } = "";
    public string? Name { get; init; }

    /// <summary>"DNS_PUBLIC", "DNS_PRIVATE" or "HTTP".</summary>
    public string? Type { get; init; }
    public string? HostedZoneId { get; init; }
    public string? HttpName { get; init; }
}

public sealed record ReplicationStatus
{
    public string? Region { get; init; }
    public string? KmsKeyId { get; init; }
    public string? Status { get; init; }
}

/// <summary>A secret's rotation schedule: a day count, or a rate()/cron() expression (DescribeSecret fills the day count for rate() only).</summary>
public sealed record RotationRulesType
{
    public long? AutomaticallyAfterDays { get; init; }
    public string? ScheduleExpression { get; init; }
}

/// <summary>Secrets Manager DescribeSecret: metadata only, never the value.</summary>
public sealed record SecretDescription
{
    public string ARN { get; init; } = "";
    public string? Name { get; init; }
    public string? KmsKeyId { get; init; }
    public bool? RotationEnabled { get; init; }

    /// <summary>Null when the secret has never been rotated.</summary>
    public DateTimeOffset? LastRotatedDate { get; init; }
    public RotationRulesType? RotationRules { get; init; }
    public DateTimeOffset? DeletedDate { get; init; }
    public List<ReplicationStatus> ReplicationStatus { get; init; } = [];
    public List<Tag> Tags { get; init; } = [];
}

/// <summary>A CloudWatch Logs log group.</summary>
public sealed record LogGroup
{
    public string LogGroupName { get; init; } = "";
    public string? Arn { get; init; }

    /// <summary>Absent means the logs never expire.</summary>
    public int? RetentionInDays { get; init; }
    public string? KmsKeyId { get; init; }

    /// <summary>Epoch milliseconds on the wire (Logs is the one JSON service that does this).</summary>
    public DateTimeOffset? CreationTime { get; init; }
    public long? StoredBytes { get; init; }
    public string? LogGroupClass { get; init; }
}

/// <summary>KMS DescribeKey's KeyMetadata.</summary>
public sealed record KeyMetadata
{
    public string KeyId { get; init; } = "";
    public string Arn { get; init; } = "";
    /// <summary>Null when KMS did not say.</summary>
    public bool? Enabled { get; init; }

    /// <summary>"Enabled", "Disabled", "PendingDeletion", ...</summary>
    public string? KeyState { get; init; }

    /// <summary>"CUSTOMER" or "AWS".</summary>
    public string? KeyManager { get; init; }
    public string? KeyUsage { get; init; }
    public string? Origin { get; init; }
    public DateTimeOffset? DeletionDate { get; init; }
}

/// <summary>A KMS alias and the key it points at.</summary>
public sealed record AliasListEntry
{
    public string AliasName { get; init; } = "";
    public string? AliasArn { get; init; }
    public string? TargetKeyId { get; init; }
}
