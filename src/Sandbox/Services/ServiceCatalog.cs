using Verification.Sandbox.Protocol;

namespace Verification.Sandbox.Services;

/// <summary>The services the sandbox simulates, with the per-service facts the wire depends on.</summary>
internal static class ServiceCatalog
{
    // List item element names, from each service's model (member.locationName). A list missing here is a
    // scenario/renderer mismatch and fails loudly rather than guessing an element name the parsers would not expect.
    private static readonly Dictionary<string, string> RdsItems = new(StringComparer.Ordinal)
    {
        ["DBInstances"] = "DBInstance",
        ["DBClusters"] = "DBCluster",
        ["DBSubnetGroups"] = "DBSubnetGroup",
        ["Subnets"] = "Subnet",
        ["VpcSecurityGroups"] = "VpcSecurityGroupMembership",
        ["DBParameterGroups"] = "DBParameterGroup",
        ["DBClusterMembers"] = "DBClusterMember",
        ["Parameters"] = "Parameter",
        ["DBEngineVersions"] = "DBEngineVersion",
        ["AvailabilityZones"] = "AvailabilityZone",
        ["OptionGroupMemberships"] = "OptionGroupMembership",
        ["TagList"] = "Tag",
        ["DBSecurityGroups"] = "DBSecurityGroup",
        ["DomainMemberships"] = "DomainMembership",
        ["ReadReplicaDBInstanceIdentifiers"] = "ReadReplicaDBInstanceIdentifier",
        ["ReadReplicaIdentifiers"] = "ReadReplicaIdentifier",
        ["AssociatedRoles"] = "DBClusterRole",
        ["EnabledCloudwatchLogsExports"] = "member",
        ["SupportedNetworkTypes"] = "member",
        ["SupportedEngineModes"] = "member",
        ["ExportableLogTypes"] = "member",
        ["ValidUpgradeTarget"] = "UpgradeTarget",
        ["SupportedFeatureNames"] = "member",
        ["DBSnapshots"] = "DBSnapshot",
        ["DBClusterSnapshots"] = "DBClusterSnapshot",
        ["DBSnapshotAttributes"] = "DBSnapshotAttribute",
        ["DBClusterSnapshotAttributes"] = "DBClusterSnapshotAttribute",
        ["AttributeValues"] = "AttributeValue",
    };

    private static readonly Dictionary<string, string> ElastiCacheItems = new(StringComparer.Ordinal)
    {
        ["ReplicationGroups"] = "ReplicationGroup",
        ["MemberClusters"] = "ClusterId",
        ["NodeGroups"] = "NodeGroup",
        ["NodeGroupMembers"] = "NodeGroupMember",
        ["CacheClusters"] = "CacheCluster",
        ["SecurityGroups"] = "member",
        ["CacheSecurityGroups"] = "CacheSecurityGroup",
        ["CacheSubnetGroups"] = "CacheSubnetGroup",
        ["Subnets"] = "Subnet",
        ["CacheNodes"] = "CacheNode",
        ["CacheNodeIdsToReboot"] = "CacheNodeId",
        ["LogDeliveryConfigurations"] = "LogDeliveryConfiguration",
        ["UserGroupIds"] = "member",
        ["SupportedNetworkTypes"] = "member",
        ["ServerlessCaches"] = "member",
        ["SecurityGroupIds"] = "SecurityGroupId",
        ["SubnetIds"] = "SubnetId",
        ["UserGroups"] = "member",
        ["UserIds"] = "member",
        ["Users"] = "member",
        ["UserIdsToAdd"] = "member",
        ["UserIdsToRemove"] = "member",

        // A user group names its replication groups as <member> items, unlike DescribeReplicationGroups' <ReplicationGroup>.
        ["DescribeUserGroups/ReplicationGroups"] = "member",
    };

    /// <summary>A fresh set of services for one server.</summary>
    public static IReadOnlyList<SimulatedService> Create() =>
    [
        new("rds", WireProtocol.Query, "http://rds.amazonaws.com/doc/2014-10-31/", new RdsHandler(), RdsItems),
        new("elasticache", WireProtocol.Query, "http://elasticache.amazonaws.com/doc/2015-02-02/", new ElastiCacheHandler(), ElastiCacheItems),
        new("elasticloadbalancing", WireProtocol.Query, "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/", new Elbv2Handler()),
        new("iam", WireProtocol.Query, "https://iam.amazonaws.com/doc/2010-05-08/", new IamHandler(), IsGlobal: true),
        new("sts", WireProtocol.Query, "https://sts.amazonaws.com/doc/2011-06-15/", new StsHandler()),
        new("ec2", WireProtocol.Ec2, "http://ec2.amazonaws.com/doc/2016-11-15/", new Ec2Handler()),
        new("ecs", WireProtocol.Json, "AmazonEC2ContainerServiceV20141113", new EcsHandler()),
        new("servicediscovery", WireProtocol.Json, "Route53AutoNaming_v20170314", new ServiceDiscoveryHandler(), ErrorMessageKey: "Message"),
        new("secretsmanager", WireProtocol.Json, "secretsmanager", new SecretsManagerHandler(), ErrorMessageKey: "Message"),
        new("logs", WireProtocol.Json, "Logs_20140328", new LogsHandler()),
        new("kms", WireProtocol.Json, "TrentService", new KmsHandler()),
        new("cloudtrail", WireProtocol.Json, "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101", new CloudTrailHandler()),
        new("config", WireProtocol.Json, "StarlingDoveService", new ConfigHandler()),
        new("wafv2", WireProtocol.Json, "AWSWAF_20190729", new Wafv2Handler()),
        new("s3", WireProtocol.RestXml, "http://s3.amazonaws.com/doc/2006-03-01/", new S3Handler()),
        new("backup", WireProtocol.RestJson, "", new BackupHandler(), ErrorMessageKey: "Message", ErrorCodeKey: "Code"),
        new("guardduty", WireProtocol.RestJson, "", new GuardDutyHandler()),
        new("securityhub", WireProtocol.RestJson, "", new SecurityHubHandler(), ErrorMessageKey: "Message", ErrorCodeKey: "Code"),
        new("ecr", WireProtocol.Json, "AmazonEC2ContainerRegistry_V20150921", new EcrHandler()),
    ];
}
