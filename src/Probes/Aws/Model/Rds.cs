namespace Verification.Probes.Aws.Model;

// Shapes and member names follow the RDS API Reference (2014-10-31) so AWSSDK.RDS could replace the thin client.
// Security-relevant members are nullable: absent means AWS did not say, which a control reports as an error, never as false or 0.

public sealed record Endpoint
{
    public string? Address { get; init; }
    public int? Port { get; init; }
}

public sealed record RdsSubnet
{
    public string SubnetIdentifier { get; init; } = "";
    public string? AvailabilityZone { get; init; }
}

public sealed record DBSubnetGroup
{
    public string DBSubnetGroupName { get; init; } = "";
    public string? VpcId { get; init; }
    public List<RdsSubnet> Subnets { get; init; } = [];
}

public sealed record VpcSecurityGroupMembership
{
    public string VpcSecurityGroupId { get; init; } = "";
    public string? Status { get; init; }
}

public sealed record DBParameterGroupStatus
{
    public string DBParameterGroupName { get; init; } = "";
    public string? ParameterApplyStatus { get; init; }
}

public sealed record CertificateDetails
{
    public string? CAIdentifier { get; init; }
    public DateTimeOffset? ValidTill { get; init; }
}

public sealed record Tag
{
    public string Key { get; init; } = "";
    public string? Value { get; init; }
}

public sealed record DBInstance
{
    public string DBInstanceIdentifier { get; init; } = "";
    public string? DBInstanceArn { get; init; }
    public string? DBInstanceClass { get; init; }
    public string? Engine { get; init; }
    public string? EngineVersion { get; init; }
    public string? DBInstanceStatus { get; init; }
    public Endpoint? Endpoint { get; init; }
    public bool? PubliclyAccessible { get; init; }
    public bool? StorageEncrypted { get; init; }
    public string? KmsKeyId { get; init; }
    public int? BackupRetentionPeriod { get; init; }
    public bool? MultiAZ { get; init; }
    public bool? DeletionProtection { get; init; }
    public string? DBClusterIdentifier { get; init; }
    public DBSubnetGroup? DBSubnetGroup { get; init; }
    public List<VpcSecurityGroupMembership> VpcSecurityGroups { get; init; } = [];
    public List<DBParameterGroupStatus> DBParameterGroups { get; init; } = [];
    public List<string> EnabledCloudwatchLogsExports { get; init; } = [];
    public bool? PerformanceInsightsEnabled { get; init; }
    public string? PerformanceInsightsKMSKeyId { get; init; }
    public string? CACertificateIdentifier { get; init; }
    public CertificateDetails? CertificateDetails { get; init; }
    public List<Tag> TagList { get; init; } = [];
    public bool? IAMDatabaseAuthenticationEnabled { get; init; }
    public bool? AutoMinorVersionUpgrade { get; init; }

    /// <summary>Enhanced Monitoring interval in seconds; 0 means off.</summary>
    public int? MonitoringInterval { get; init; }
}

public sealed record ServerlessV2ScalingConfigurationInfo
{
    public double? MinCapacity { get; init; }
    public double? MaxCapacity { get; init; }
}

public sealed record DBClusterMember
{
    public string DBInstanceIdentifier { get; init; } = "";
    public bool IsClusterWriter { get; init; }
    public string? DBClusterParameterGroupStatus { get; init; }
}

public sealed record DBCluster
{
    public string DBClusterIdentifier { get; init; } = "";
    public string? DBClusterArn { get; init; }
    public string? Engine { get; init; }
    public string? EngineVersion { get; init; }
    public string? EngineMode { get; init; }
    public string? Status { get; init; }
    public string? Endpoint { get; init; }
    public string? ReaderEndpoint { get; init; }
    public int? Port { get; init; }
    public bool? StorageEncrypted { get; init; }
    public string? KmsKeyId { get; init; }
    public int? BackupRetentionPeriod { get; init; }
    public bool? MultiAZ { get; init; }
    public bool? DeletionProtection { get; init; }
    public bool? PubliclyAccessible { get; init; }

    /// <summary>A plain name here, unlike DBInstance.DBSubnetGroup which is a structure.</summary>
    public string? DBSubnetGroup { get; init; }
    public string? DBClusterParameterGroup { get; init; }
    public List<VpcSecurityGroupMembership> VpcSecurityGroups { get; init; } = [];
    public List<DBClusterMember> DBClusterMembers { get; init; } = [];
    public ServerlessV2ScalingConfigurationInfo? ServerlessV2ScalingConfiguration { get; init; }
    public List<string> EnabledCloudwatchLogsExports { get; init; } = [];
    public List<Tag> TagList { get; init; } = [];
    public bool? IAMDatabaseAuthenticationEnabled { get; init; }
    public bool? AutoMinorVersionUpgrade { get; init; }
}

public sealed record Parameter
{
    public string ParameterName { get; init; } = "";
    public string? ParameterValue { get; init; }
    public string? Source { get; init; }
    public string? ApplyType { get; init; }
}

public sealed record DBEngineVersion
{
    public string Engine { get; init; } = "";
    public string EngineVersion { get; init; } = "";
    public string? DBParameterGroupFamily { get; init; }
    public string? Status { get; init; }
}

public sealed record DBSnapshot
{
    public string DBSnapshotIdentifier { get; init; } = "";
    public string? DBInstanceIdentifier { get; init; }
    public string? DBSnapshotArn { get; init; }
    public string? SnapshotType { get; init; }
    public string? Status { get; init; }
    public bool? Encrypted { get; init; }
    public string? KmsKeyId { get; init; }
}

public sealed record DBClusterSnapshot
{
    public string DBClusterSnapshotIdentifier { get; init; } = "";
    public string? DBClusterIdentifier { get; init; }
    public string? DBClusterSnapshotArn { get; init; }
    public string? SnapshotType { get; init; }
    public string? Status { get; init; }
    public bool? StorageEncrypted { get; init; }
    public string? KmsKeyId { get; init; }
}

/// <summary>One attribute of a manual snapshot (DB or cluster); "restore" lists the accounts that may restore it, "all" for everyone.</summary>
public sealed record DBSnapshotAttribute
{
    public string AttributeName { get; init; } = "";
    public List<string> AttributeValues { get; init; } = [];
}
