namespace Verification.Probes.Aws.Model;

// Shapes follow the ElastiCache API Reference (2015-02-02).

public sealed record CacheEndpoint
{
    public string? Address { get; init; }
    public int? Port { get; init; }
}

public sealed record NodeGroupMember
{
    public string? CacheClusterId { get; init; }
    public string? CacheNodeId { get; init; }
    public string? PreferredAvailabilityZone { get; init; }
    public string? CurrentRole { get; init; }
}

public sealed record NodeGroup
{
    public string? NodeGroupId { get; init; }
    public string? Status { get; init; }
    public CacheEndpoint? PrimaryEndpoint { get; init; }
    public CacheEndpoint? ReaderEndpoint { get; init; }
    public List<NodeGroupMember> NodeGroupMembers { get; init; } = [];
}

public sealed record ReplicationGroup
{
    public string ReplicationGroupId { get; init; } = "";
    public string? Description { get; init; }
    public string? Status { get; init; }
    public List<string> MemberClusters { get; init; } = [];
    public List<NodeGroup> NodeGroups { get; init; } = [];
    public CacheEndpoint? ConfigurationEndpoint { get; init; }

    /// <summary>"enabled", "disabled", "enabling", "disabling": a string on the wire, not a boolean.</summary>
    public string? AutomaticFailover { get; init; }

    /// <summary>"enabled" or "disabled".</summary>
    public string? MultiAZ { get; init; }
    public int? SnapshotRetentionLimit { get; init; }
    public bool? ClusterEnabled { get; init; }
    public string? CacheNodeType { get; init; }
    public bool? AuthTokenEnabled { get; init; }
    public bool? TransitEncryptionEnabled { get; init; }

    /// <summary>"preferred" or "required".</summary>
    public string? TransitEncryptionMode { get; init; }
    public bool? AtRestEncryptionEnabled { get; init; }
    public string? KmsKeyId { get; init; }
    public string? ARN { get; init; }
    public List<string> UserGroupIds { get; init; } = [];
    public string? Engine { get; init; }
    public bool? AutoMinorVersionUpgrade { get; init; }
}

public sealed record SecurityGroupMembership
{
    public string SecurityGroupId { get; init; } = "";
    public string? Status { get; init; }
}

public sealed record CacheNode
{
    public string? CacheNodeId { get; init; }
    public string? CacheNodeStatus { get; init; }
    public CacheEndpoint? Endpoint { get; init; }
    public string? CustomerAvailabilityZone { get; init; }
}

public sealed record CacheCluster
{
    public string CacheClusterId { get; init; } = "";
    public string? CacheNodeType { get; init; }
    public string? Engine { get; init; }
    public string? EngineVersion { get; init; }
    public string? CacheClusterStatus { get; init; }
    public string? PreferredAvailabilityZone { get; init; }
    public string? CacheSubnetGroupName { get; init; }
    public List<SecurityGroupMembership> SecurityGroups { get; init; } = [];
    public string? ReplicationGroupId { get; init; }
    public int? SnapshotRetentionLimit { get; init; }
    public bool? AuthTokenEnabled { get; init; }
    public bool? TransitEncryptionEnabled { get; init; }
    public string? TransitEncryptionMode { get; init; }
    public bool? AtRestEncryptionEnabled { get; init; }
    public string? ARN { get; init; }

    /// <summary>Only returned when the request sets ShowCacheNodeInfo.</summary>
    public List<CacheNode> CacheNodes { get; init; } = [];
}

public sealed record CacheSubnet
{
    public string SubnetIdentifier { get; init; } = "";
    public string? SubnetAvailabilityZone { get; init; }
}

public sealed record CacheSubnetGroup
{
    public string CacheSubnetGroupName { get; init; } = "";
    public string? VpcId { get; init; }
    public List<CacheSubnet> Subnets { get; init; } = [];
    public string? ARN { get; init; }
}

/// <summary>An ElastiCache Serverless cache: always in a VPC through SubnetIds, always encrypted at rest and in transit.</summary>
public sealed record ServerlessCache
{
    public string ServerlessCacheName { get; init; } = "";
    public string? Description { get; init; }
    public string? Status { get; init; }
    public string? Engine { get; init; }
    public string? MajorEngineVersion { get; init; }

    /// <summary>The customer managed key; absent when the cache uses the AWS owned key.</summary>
    public string? KmsKeyId { get; init; }
    public List<string> SecurityGroupIds { get; init; } = [];
    public CacheEndpoint? Endpoint { get; init; }
    public CacheEndpoint? ReaderEndpoint { get; init; }
    public string? ARN { get; init; }

    /// <summary>The RBAC user group; absent when the cache has none (its default user then needs no password).</summary>
    public string? UserGroupId { get; init; }
    public List<string> SubnetIds { get; init; } = [];
    public int? SnapshotRetentionLimit { get; init; }
}

/// <summary>An RBAC user group: the users a replication group or serverless cache accepts.</summary>
public sealed record UserGroup
{
    public string UserGroupId { get; init; } = "";
    public string? Status { get; init; }
    public string? Engine { get; init; }
    public List<string> UserIds { get; init; } = [];
    public List<string> ReplicationGroups { get; init; } = [];
    public List<string> ServerlessCaches { get; init; } = [];
    public string? ARN { get; init; }
}

/// <summary>How an RBAC user authenticates.</summary>
public sealed record Authentication
{
    /// <summary>"password", "no-password" or "iam" (CreateUser's AuthenticationMode says "no-password-required").</summary>
    public string? Type { get; init; }
    public int? PasswordCount { get; init; }
}

/// <summary>An RBAC user (the "default" user exists in every account).</summary>
public sealed record User
{
    public string UserId { get; init; } = "";
    public string? UserName { get; init; }
    public string? Status { get; init; }
    public string? Engine { get; init; }
    public string? AccessString { get; init; }
    public List<string> UserGroupIds { get; init; } = [];
    public Authentication? Authentication { get; init; }
    public string? ARN { get; init; }
}
