using System.Xml.Linq;
using Verification.Probes.Aws.Model;
using Verification.Probes.Aws.Transport;

namespace Verification.Probes.Aws.Rds;

/// <summary>The RDS questions the collector asks, over the Query protocol (the registry serves no AWSSDK.RDS).</summary>
public sealed class RdsClient(AwsTransport transport)
{
    private const string MarkerName = "Marker";

    private readonly QueryClient _query = new(transport, AwsService.Rds);

    /// <summary>Every DB instance in the region, following Marker to the last page.</summary>
    public async Task<List<DBInstance>> DescribeDBInstancesAsync(CancellationToken cancellationToken)
    {
        var pages = await _query.PagesAsync("DescribeDBInstances", [], MarkerName, MarkerName, cancellationToken).ConfigureAwait(false);
        return _query.Read("DescribeDBInstances", () => pages.SelectMany(p => p.Items("DBInstances", "DBInstance")).Select(ParseInstance).ToList());
    }

    /// <summary>Every DB cluster (Aurora and Multi-AZ clusters) in the region, following Marker to the last page.</summary>
    public async Task<List<DBCluster>> DescribeDBClustersAsync(CancellationToken cancellationToken)
    {
        var pages = await _query.PagesAsync("DescribeDBClusters", [], MarkerName, MarkerName, cancellationToken).ConfigureAwait(false);
        return _query.Read("DescribeDBClusters", () => pages.SelectMany(p => p.Items("DBClusters", "DBCluster")).Select(ParseCluster).ToList());
    }

    /// <summary>Every DB subnet group in the region, following Marker to the last page.</summary>
    public async Task<List<DBSubnetGroup>> DescribeDBSubnetGroupsAsync(CancellationToken cancellationToken)
    {
        var pages = await _query.PagesAsync("DescribeDBSubnetGroups", [], MarkerName, MarkerName, cancellationToken).ConfigureAwait(false);
        return _query.Read("DescribeDBSubnetGroups", () => pages.SelectMany(p => p.Items("DBSubnetGroups", "DBSubnetGroup")).Select(ParseSubnetGroup).ToList());
    }

    /// <summary>Every parameter of the DB parameter group <paramref name="groupName"/>, following Marker to the last page.</summary>
    public async Task<List<Parameter>> DescribeDBParametersAsync(string groupName, CancellationToken cancellationToken)
    {
        var pages = await _query.PagesAsync("DescribeDBParameters", [new("DBParameterGroupName", groupName)], MarkerName, MarkerName, cancellationToken).ConfigureAwait(false);
        return _query.Read("DescribeDBParameters", () => pages.SelectMany(p => p.Items("Parameters", "Parameter")).Select(ParseParameter).ToList());
    }

    /// <summary>Every parameter of the DB cluster parameter group <paramref name="groupName"/>, following Marker to the last page.</summary>
    public async Task<List<Parameter>> DescribeDBClusterParametersAsync(string groupName, CancellationToken cancellationToken)
    {
        var pages = await _query.PagesAsync("DescribeDBClusterParameters", [new("DBClusterParameterGroupName", groupName)], MarkerName, MarkerName, cancellationToken).ConfigureAwait(false);
        return _query.Read("DescribeDBClusterParameters", () => pages.SelectMany(p => p.Items("Parameters", "Parameter")).Select(ParseParameter).ToList());
    }

    /// <summary>The versions RDS offers for <paramref name="engine"/> ("postgres", "aurora-postgresql"), following Marker to the last page.</summary>
    public async Task<List<DBEngineVersion>> DescribeDBEngineVersionsAsync(string engine, CancellationToken cancellationToken)
    {
        var pages = await _query.PagesAsync("DescribeDBEngineVersions", [new("Engine", engine)], MarkerName, MarkerName, cancellationToken).ConfigureAwait(false);
        return _query.Read("DescribeDBEngineVersions", () => pages.SelectMany(p => p.Items("DBEngineVersions", "DBEngineVersion")).Select(ParseEngineVersion).ToList());
    }

    /// <summary>The automated and manual snapshots of the DB instance <paramref name="instanceId"/>, following Marker to the last page.</summary>
    public async Task<List<DBSnapshot>> DescribeDBSnapshotsAsync(string instanceId, CancellationToken cancellationToken)
    {
        var pages = await _query.PagesAsync("DescribeDBSnapshots", [new("DBInstanceIdentifier", instanceId)], MarkerName, MarkerName, cancellationToken).ConfigureAwait(false);
        return _query.Read("DescribeDBSnapshots", () => pages.SelectMany(p => p.Items("DBSnapshots", "DBSnapshot")).Select(s => new DBSnapshot
        {
            DBSnapshotIdentifier = s.Text("DBSnapshotIdentifier") ?? "",
            DBInstanceIdentifier = s.Text("DBInstanceIdentifier"),
            DBSnapshotArn = s.Text("DBSnapshotArn"),
            SnapshotType = s.Text("SnapshotType"),
            Status = s.Text("Status"),
            Encrypted = s.Bool("Encrypted"),
            KmsKeyId = s.Text("KmsKeyId"),
        }).ToList());
    }

    /// <summary>The automated and manual snapshots of the DB cluster <paramref name="clusterId"/>, following Marker to the last page.</summary>
    public async Task<List<DBClusterSnapshot>> DescribeDBClusterSnapshotsAsync(string clusterId, CancellationToken cancellationToken)
    {
        var pages = await _query.PagesAsync("DescribeDBClusterSnapshots", [new("DBClusterIdentifier", clusterId)], MarkerName, MarkerName, cancellationToken).ConfigureAwait(false);
        return _query.Read("DescribeDBClusterSnapshots", () => pages.SelectMany(p => p.Items("DBClusterSnapshots", "DBClusterSnapshot")).Select(s => new DBClusterSnapshot
        {
            DBClusterSnapshotIdentifier = s.Text("DBClusterSnapshotIdentifier") ?? "",
            DBClusterIdentifier = s.Text("DBClusterIdentifier"),
            DBClusterSnapshotArn = s.Text("DBClusterSnapshotArn"),
            SnapshotType = s.Text("SnapshotType"),
            Status = s.Text("Status"),
            StorageEncrypted = s.Bool("StorageEncrypted"),
            KmsKeyId = s.Text("KmsKeyId"),
        }).ToList());
    }

    /// <summary>The attributes of the manual DB snapshot <paramref name="snapshotId"/> ("restore": the accounts that may restore it).</summary>
    public async Task<List<DBSnapshotAttribute>> DescribeDBSnapshotAttributesAsync(string snapshotId, CancellationToken cancellationToken)
    {
        var result = await _query.CallAsync("DescribeDBSnapshotAttributes", [new("DBSnapshotIdentifier", snapshotId)], cancellationToken).ConfigureAwait(false);
        return _query.Read("DescribeDBSnapshotAttributes", () => Attributes(result.Child("DBSnapshotAttributesResult"), "DBSnapshotAttributes", "DBSnapshotAttribute"));
    }

    /// <summary>The attributes of the manual DB cluster snapshot <paramref name="snapshotId"/>.</summary>
    public async Task<List<DBSnapshotAttribute>> DescribeDBClusterSnapshotAttributesAsync(string snapshotId, CancellationToken cancellationToken)
    {
        var result = await _query.CallAsync("DescribeDBClusterSnapshotAttributes", [new("DBClusterSnapshotIdentifier", snapshotId)], cancellationToken).ConfigureAwait(false);
        return _query.Read("DescribeDBClusterSnapshotAttributes", () => Attributes(result.Child("DBClusterSnapshotAttributesResult"), "DBClusterSnapshotAttributes", "DBClusterSnapshotAttribute"));
    }

    // A missing result structure is unreadable, never "no attributes" (which would read as "not shared").
    private static List<DBSnapshotAttribute> Attributes(XElement? result, string list, string item) =>
        (result ?? throw new FormatException($"the answer has no {list} result"))
            .Items(list, item)
            .Select(a => new DBSnapshotAttribute { AttributeName = a.Text("AttributeName") ?? "", AttributeValues = a.Strings("AttributeValues", "AttributeValue") })
            .ToList();

    internal static DBInstance ParseInstance(XElement e) => new()
    {
        DBInstanceIdentifier = e.Text("DBInstanceIdentifier") ?? "",
        DBInstanceArn = e.Text("DBInstanceArn"),
        DBInstanceClass = e.Text("DBInstanceClass"),
        Engine = e.Text("Engine"),
        EngineVersion = e.Text("EngineVersion"),
        DBInstanceStatus = e.Text("DBInstanceStatus"),
        Endpoint = e.Child("Endpoint") is { } endpoint ? new Endpoint { Address = endpoint.Text("Address"), Port = endpoint.Int("Port") } : null,
        PubliclyAccessible = e.Bool("PubliclyAccessible"),
        StorageEncrypted = e.Bool("StorageEncrypted"),
        KmsKeyId = e.Text("KmsKeyId"),
        BackupRetentionPeriod = e.Int("BackupRetentionPeriod"),
        MultiAZ = e.Bool("MultiAZ"),
        DeletionProtection = e.Bool("DeletionProtection"),
        DBClusterIdentifier = e.Text("DBClusterIdentifier"),
        DBSubnetGroup = e.Child("DBSubnetGroup") is { } group ? ParseSubnetGroup(group) : null,
        VpcSecurityGroups = [.. e.Items("VpcSecurityGroups", "VpcSecurityGroupMembership").Select(ParseSecurityGroupMembership)],
        DBParameterGroups = [.. e.Items("DBParameterGroups", "DBParameterGroup").Select(g => new DBParameterGroupStatus
        {
            DBParameterGroupName = g.Text("DBParameterGroupName") ?? "",
            ParameterApplyStatus = g.Text("ParameterApplyStatus"),
        })],
        EnabledCloudwatchLogsExports = e.Strings("EnabledCloudwatchLogsExports", "member"),
        PerformanceInsightsEnabled = e.Bool("PerformanceInsightsEnabled"),
        PerformanceInsightsKMSKeyId = e.Text("PerformanceInsightsKMSKeyId"),
        CACertificateIdentifier = e.Text("CACertificateIdentifier"),
        CertificateDetails = e.Child("CertificateDetails") is { } certificate
            ? new CertificateDetails { CAIdentifier = certificate.Text("CAIdentifier"), ValidTill = certificate.Time("ValidTill") }
            : null,
        TagList = ParseTags(e),
        IAMDatabaseAuthenticationEnabled = e.Bool("IAMDatabaseAuthenticationEnabled"),
        AutoMinorVersionUpgrade = e.Bool("AutoMinorVersionUpgrade"),
        MonitoringInterval = e.Int("MonitoringInterval"),
    };

    internal static DBCluster ParseCluster(XElement e) => new()
    {
        DBClusterIdentifier = e.Text("DBClusterIdentifier") ?? "",
        DBClusterArn = e.Text("DBClusterArn"),
        Engine = e.Text("Engine"),
        EngineVersion = e.Text("EngineVersion"),
        EngineMode = e.Text("EngineMode"),
        Status = e.Text("Status"),
        Endpoint = e.Text("Endpoint"),
        ReaderEndpoint = e.Text("ReaderEndpoint"),
        Port = e.Int("Port"),
        StorageEncrypted = e.Bool("StorageEncrypted"),
        KmsKeyId = e.Text("KmsKeyId"),
        BackupRetentionPeriod = e.Int("BackupRetentionPeriod"),
        MultiAZ = e.Bool("MultiAZ"),
        DeletionProtection = e.Bool("DeletionProtection"),
        PubliclyAccessible = e.Bool("PubliclyAccessible"),

        // A plain name on clusters, a structure on instances: reading the text keeps it a string.
        DBSubnetGroup = e.Text("DBSubnetGroup"),
        DBClusterParameterGroup = e.Text("DBClusterParameterGroup"),
        VpcSecurityGroups = [.. e.Items("VpcSecurityGroups", "VpcSecurityGroupMembership").Select(ParseSecurityGroupMembership)],
        DBClusterMembers = [.. e.Items("DBClusterMembers", "DBClusterMember").Select(m => new DBClusterMember
        {
            DBInstanceIdentifier = m.Text("DBInstanceIdentifier") ?? "",
            IsClusterWriter = m.Bool("IsClusterWriter") ?? false,
            DBClusterParameterGroupStatus = m.Text("DBClusterParameterGroupStatus"),
        })],
        ServerlessV2ScalingConfiguration = e.Child("ServerlessV2ScalingConfiguration") is { } scaling
            ? new ServerlessV2ScalingConfigurationInfo { MinCapacity = scaling.Double("MinCapacity"), MaxCapacity = scaling.Double("MaxCapacity") }
            : null,
        EnabledCloudwatchLogsExports = e.Strings("EnabledCloudwatchLogsExports", "member"),
        TagList = ParseTags(e),
        IAMDatabaseAuthenticationEnabled = e.Bool("IAMDatabaseAuthenticationEnabled"),
        AutoMinorVersionUpgrade = e.Bool("AutoMinorVersionUpgrade"),
    };

    internal static DBSubnetGroup ParseSubnetGroup(XElement e) => new()
    {
        DBSubnetGroupName = e.Text("DBSubnetGroupName") ?? "",
        VpcId = e.Text("VpcId"),
        Subnets = [.. e.Items("Subnets", "Subnet").Select(s => new RdsSubnet
        {
            SubnetIdentifier = s.Text("SubnetIdentifier") ?? "",
            AvailabilityZone = s.Child("SubnetAvailabilityZone")?.Text("Name"),
        })],
    };

    internal static Parameter ParseParameter(XElement e) => new()
    {
        ParameterName = e.Text("ParameterName") ?? "",
        ParameterValue = e.Text("ParameterValue"),
        Source = e.Text("Source"),
        ApplyType = e.Text("ApplyType"),
    };

    internal static DBEngineVersion ParseEngineVersion(XElement e) => new()
    {
        Engine = e.Text("Engine") ?? "",
        EngineVersion = e.Text("EngineVersion") ?? "",
        DBParameterGroupFamily = e.Text("DBParameterGroupFamily"),
        Status = e.Text("Status"),
    };

    private static VpcSecurityGroupMembership ParseSecurityGroupMembership(XElement e) => new()
    {
        VpcSecurityGroupId = e.Text("VpcSecurityGroupId") ?? "",
        Status = e.Text("Status"),
    };

    private static List<Tag> ParseTags(XElement e) =>
        [.. e.Items("TagList", "Tag").Select(t => new Tag { Key = t.Text("Key") ?? "", Value = t.Text("Value") })];
}
