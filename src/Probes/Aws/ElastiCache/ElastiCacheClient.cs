using System.Xml.Linq;
using Verification.Probes.Aws.Model;
using Verification.Probes.Aws.Transport;

namespace Verification.Probes.Aws.ElastiCache;

/// <summary>The ElastiCache questions the collector asks, over the Query protocol (the registry serves no AWSSDK.ElastiCache).</summary>
public sealed class ElastiCacheClient(AwsTransport transport)
{
    private const string MarkerName = "Marker";

    private readonly QueryClient _query = new(transport, AwsService.ElastiCache);

    /// <summary>Every replication group in the region, following Marker to the last page.</summary>
    public async Task<List<ReplicationGroup>> DescribeReplicationGroupsAsync(CancellationToken cancellationToken)
    {
        var pages = await _query.PagesAsync("DescribeReplicationGroups", [], MarkerName, MarkerName, cancellationToken).ConfigureAwait(false);
        return _query.Read("DescribeReplicationGroups", () => pages.SelectMany(p => p.Items("ReplicationGroups", "ReplicationGroup")).Select(ParseReplicationGroup).ToList());
    }

    /// <summary>Every cache cluster in the region with its nodes, following Marker to the last page.</summary>
    public async Task<List<CacheCluster>> DescribeCacheClustersAsync(CancellationToken cancellationToken)
    {
        var pages = await _query.PagesAsync("DescribeCacheClusters", [new("ShowCacheNodeInfo", "true")], MarkerName, MarkerName, cancellationToken).ConfigureAwait(false);
        return _query.Read("DescribeCacheClusters", () => pages.SelectMany(p => p.Items("CacheClusters", "CacheCluster")).Select(ParseCacheCluster).ToList());
    }

    /// <summary>Every cache subnet group in the region, following Marker to the last page.</summary>
    public async Task<List<CacheSubnetGroup>> DescribeCacheSubnetGroupsAsync(CancellationToken cancellationToken)
    {
        var pages = await _query.PagesAsync("DescribeCacheSubnetGroups", [], MarkerName, MarkerName, cancellationToken).ConfigureAwait(false);
        return _query.Read("DescribeCacheSubnetGroups", () => pages.SelectMany(p => p.Items("CacheSubnetGroups", "CacheSubnetGroup")).Select(ParseCacheSubnetGroup).ToList());
    }

    /// <summary>Every serverless cache in the region, following NextToken to the last page.</summary>
    public async Task<List<ServerlessCache>> DescribeServerlessCachesAsync(CancellationToken cancellationToken)
    {
        // Unlike the rest of this service, DescribeServerlessCaches pages with NextToken, not Marker.
        var pages = await _query.PagesAsync("DescribeServerlessCaches", [], "NextToken", "NextToken", cancellationToken).ConfigureAwait(false);
        return _query.Read("DescribeServerlessCaches", () => pages.SelectMany(p => p.Items("ServerlessCaches", "member")).Select(ParseServerlessCache).ToList());
    }

    /// <summary>Every RBAC user group in the region, following Marker to the last page.</summary>
    public async Task<List<UserGroup>> DescribeUserGroupsAsync(CancellationToken cancellationToken)
    {
        var pages = await _query.PagesAsync("DescribeUserGroups", [], MarkerName, MarkerName, cancellationToken).ConfigureAwait(false);
        return _query.Read("DescribeUserGroups", () => pages.SelectMany(p => p.Items("UserGroups", "member")).Select(ParseUserGroup).ToList());
    }

    /// <summary>Every RBAC user in the region, following Marker to the last page.</summary>
    public async Task<List<User>> DescribeUsersAsync(CancellationToken cancellationToken)
    {
        var pages = await _query.PagesAsync("DescribeUsers", [], MarkerName, MarkerName, cancellationToken).ConfigureAwait(false);
        return _query.Read("DescribeUsers", () => pages.SelectMany(p => p.Items("Users", "member")).Select(ParseUser).ToList());
    }

    internal static ServerlessCache ParseServerlessCache(XElement e) => new()
    {
        ServerlessCacheName = e.Text("ServerlessCacheName") ?? "",
        Description = e.Text("Description"),
        Status = e.Text("Status"),
        Engine = e.Text("Engine"),
        MajorEngineVersion = e.Text("MajorEngineVersion"),
        KmsKeyId = e.Text("KmsKeyId"),
        SecurityGroupIds = e.Strings("SecurityGroupIds", "SecurityGroupId"),
        Endpoint = ParseEndpoint(e, "Endpoint"),
        ReaderEndpoint = ParseEndpoint(e, "ReaderEndpoint"),
        ARN = e.Text("ARN"),
        UserGroupId = e.Text("UserGroupId"),
        SubnetIds = e.Strings("SubnetIds", "SubnetId"),
        SnapshotRetentionLimit = e.Int("SnapshotRetentionLimit"),
    };

    internal static UserGroup ParseUserGroup(XElement e) => new()
    {
        UserGroupId = e.Text("UserGroupId") ?? "",
        Status = e.Text("Status"),
        Engine = e.Text("Engine"),
        UserIds = e.Strings("UserIds", "member"),
        ReplicationGroups = e.Strings("ReplicationGroups", "member"),
        ServerlessCaches = e.Strings("ServerlessCaches", "member"),
        ARN = e.Text("ARN"),
    };

    internal static User ParseUser(XElement e) => new()
    {
        UserId = e.Text("UserId") ?? "",
        UserName = e.Text("UserName"),
        Status = e.Text("Status"),
        Engine = e.Text("Engine"),
        AccessString = e.Text("AccessString"),
        UserGroupIds = e.Strings("UserGroupIds", "member"),
        Authentication = e.Child("Authentication") is { } a ? new Authentication { Type = a.Text("Type"), PasswordCount = a.Int("PasswordCount") } : null,
        ARN = e.Text("ARN"),
    };

    internal static ReplicationGroup ParseReplicationGroup(XElement e) => new()
    {
        ReplicationGroupId = e.Text("ReplicationGroupId") ?? "",
        Description = e.Text("Description"),
        Status = e.Text("Status"),
        MemberClusters = e.Strings("MemberClusters", "ClusterId"),
        NodeGroups = [.. e.Items("NodeGroups", "NodeGroup").Select(g => new NodeGroup
        {
            NodeGroupId = g.Text("NodeGroupId"),
            Status = g.Text("Status"),
            PrimaryEndpoint = ParseEndpoint(g, "PrimaryEndpoint"),
            ReaderEndpoint = ParseEndpoint(g, "ReaderEndpoint"),
            NodeGroupMembers = [.. g.Items("NodeGroupMembers", "NodeGroupMember").Select(m => new NodeGroupMember
            {
                CacheClusterId = m.Text("CacheClusterId"),
                CacheNodeId = m.Text("CacheNodeId"),
                PreferredAvailabilityZone = m.Text("PreferredAvailabilityZone"),
                CurrentRole = m.Text("CurrentRole"),
            })],
        })],
        ConfigurationEndpoint = ParseEndpoint(e, "ConfigurationEndpoint"),
        AutomaticFailover = e.Text("AutomaticFailover"),
        MultiAZ = e.Text("MultiAZ"),
        SnapshotRetentionLimit = e.Int("SnapshotRetentionLimit"),
        ClusterEnabled = e.Bool("ClusterEnabled"),
        CacheNodeType = e.Text("CacheNodeType"),
        AuthTokenEnabled = e.Bool("AuthTokenEnabled"),
        TransitEncryptionEnabled = e.Bool("TransitEncryptionEnabled"),
        TransitEncryptionMode = e.Text("TransitEncryptionMode"),
        AtRestEncryptionEnabled = e.Bool("AtRestEncryptionEnabled"),
        KmsKeyId = e.Text("KmsKeyId"),
        ARN = e.Text("ARN"),
        UserGroupIds = e.Strings("UserGroupIds", "member"),
        Engine = e.Text("Engine"),
        AutoMinorVersionUpgrade = e.Bool("AutoMinorVersionUpgrade"),
    };

    internal static CacheCluster ParseCacheCluster(XElement e) => new()
    {
        CacheClusterId = e.Text("CacheClusterId") ?? "",
        CacheNodeType = e.Text("CacheNodeType"),
        Engine = e.Text("Engine"),
        EngineVersion = e.Text("EngineVersion"),
        CacheClusterStatus = e.Text("CacheClusterStatus"),
        PreferredAvailabilityZone = e.Text("PreferredAvailabilityZone"),
        CacheSubnetGroupName = e.Text("CacheSubnetGroupName"),

        // VPC security groups are <member> items, unlike the rest of this service's lists.
        SecurityGroups = [.. e.Items("SecurityGroups", "member").Select(g => new SecurityGroupMembership
        {
            SecurityGroupId = g.Text("SecurityGroupId") ?? "",
            Status = g.Text("Status"),
        })],
        ReplicationGroupId = e.Text("ReplicationGroupId"),
        SnapshotRetentionLimit = e.Int("SnapshotRetentionLimit"),
        AuthTokenEnabled = e.Bool("AuthTokenEnabled"),
        TransitEncryptionEnabled = e.Bool("TransitEncryptionEnabled"),
        TransitEncryptionMode = e.Text("TransitEncryptionMode"),
        AtRestEncryptionEnabled = e.Bool("AtRestEncryptionEnabled"),
        ARN = e.Text("ARN"),
        CacheNodes = [.. e.Items("CacheNodes", "CacheNode").Select(n => new CacheNode
        {
            CacheNodeId = n.Text("CacheNodeId"),
            CacheNodeStatus = n.Text("CacheNodeStatus"),
            Endpoint = ParseEndpoint(n, "Endpoint"),
            CustomerAvailabilityZone = n.Text("CustomerAvailabilityZone"),
        })],
    };

    internal static CacheSubnetGroup ParseCacheSubnetGroup(XElement e) => new()
    {
        CacheSubnetGroupName = e.Text("CacheSubnetGroupName") ?? "",
        VpcId = e.Text("VpcId"),
        Subnets = [.. e.Items("Subnets", "Subnet").Select(s => new CacheSubnet
        {
            SubnetIdentifier = s.Text("SubnetIdentifier") ?? "",
            SubnetAvailabilityZone = s.Child("SubnetAvailabilityZone")?.Text("Name"),
        })],
        ARN = e.Text("ARN"),
    };

    private static CacheEndpoint? ParseEndpoint(XElement parent, string name) =>
        parent.Child(name) is { } endpoint ? new CacheEndpoint { Address = endpoint.Text("Address"), Port = endpoint.Int("Port") } : null;
}
