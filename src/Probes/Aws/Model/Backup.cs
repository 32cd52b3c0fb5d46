namespace Verification.Probes.Aws.Model;

/// <summary>A resource AWS Backup has backed up at least once (ListProtectedResources).</summary>
public sealed record ProtectedResource
{
    public string ResourceArn { get; init; } = "";
    public string? ResourceType { get; init; }
    public DateTimeOffset? LastBackupTime { get; init; }
    public string? LastBackupVaultArn { get; init; }
}

/// <summary>GetBackupPlan's answer: the plan's ids and its current version.</summary>
public sealed record GetBackupPlanOutput
{
    public string BackupPlanId { get; init; } = "";
    public string? BackupPlanArn { get; init; }
    public string? VersionId { get; init; }
    public BackupPlan BackupPlan { get; init; } = new();
}

/// <summary>A backup plan's name and rules.</summary>
public sealed record BackupPlan
{
    public string? BackupPlanName { get; init; }
    public List<BackupRule> Rules { get; init; } = [];
}

/// <summary>One rule of a plan: when, into which vault, and how long recovery points are kept.</summary>
public sealed record BackupRule
{
    public string? RuleName { get; init; }
    public string? TargetBackupVaultName { get; init; }
    public string? ScheduleExpression { get; init; }
    public bool? EnableContinuousBackup { get; init; }

    /// <summary>Null: recovery points are kept until deleted by hand.</summary>
    public Lifecycle? Lifecycle { get; init; }
}

/// <summary>When a rule's recovery points move to cold storage and are deleted.</summary>
public sealed record Lifecycle
{
    public long? MoveToColdStorageAfterDays { get; init; }

    /// <summary>Null: never deleted.</summary>
    public long? DeleteAfterDays { get; init; }
}

/// <summary>GetBackupSelection's BackupSelection: which resources a plan backs up.</summary>
public sealed record BackupSelection
{
    public string? SelectionName { get; init; }
    public string? IamRoleArn { get; init; }
    public List<string> Resources { get; init; } = [];
    public List<string> NotResources { get; init; } = [];
    public List<BackupCondition> ListOfTags { get; init; } = [];
    public BackupConditions? Conditions { get; init; }
}

/// <summary>One ListOfTags entry (ConditionType STRINGEQUALS).</summary>
public sealed record BackupCondition
{
    public string? ConditionType { get; init; }
    public string ConditionKey { get; init; } = "";
    public string ConditionValue { get; init; } = "";
}

/// <summary>A selection's tag conditions, all of which a resource must meet.</summary>
public sealed record BackupConditions
{
    public List<ConditionParameter> StringEquals { get; init; } = [];
    public List<ConditionParameter> StringNotEquals { get; init; } = [];
    public List<ConditionParameter> StringLike { get; init; } = [];
    public List<ConditionParameter> StringNotLike { get; init; } = [];
}

/// <summary>A tag key ("aws:ResourceTag/backup") and value.</summary>
public sealed record ConditionParameter
{
    public string ConditionKey { get; init; } = "";
    public string ConditionValue { get; init; } = "";
}

/// <summary>DescribeBackupVault's answer.</summary>
public sealed record BackupVault
{
    public string BackupVaultName { get; init; } = "";
    public string? BackupVaultArn { get; init; }
    public string? EncryptionKeyArn { get; init; }

    /// <summary>"CUSTOMER_MANAGED_KMS_KEY" or "AWS_OWNED_KMS_KEY".</summary>
    public string? EncryptionKeyType { get; init; }
    public bool? Locked { get; init; }
    public long? MinRetentionDays { get; init; }
    public long? MaxRetentionDays { get; init; }
    public DateTimeOffset? LockDate { get; init; }
}
