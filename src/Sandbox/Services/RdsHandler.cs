using System.Net;
using System.Text.Json.Nodes;
using Verification.Sandbox.Protocol;

namespace Verification.Sandbox.Services;

/// <summary>RDS (Query, 2014-10-31). Scenario keys: DBInstances, DBClusters, DBSubnetGroups, DBParameterGroups, DBClusterParameterGroups, DBEngineVersions, DBSnapshots and DBClusterSnapshots (each manual one with its DB(Cluster)SnapshotAttributes).</summary>
internal sealed class RdsHandler : ServiceHandler
{
    public override IReadOnlyCollection<string> Actions { get; } =
        ["DescribeDBInstances", "DescribeDBClusters", "DescribeDBSubnetGroups", "DescribeDBParameters", "DescribeDBClusterParameters", "DescribeDBEngineVersions",
         "DescribeDBSnapshots", "DescribeDBClusterSnapshots", "DescribeDBSnapshotAttributes", "DescribeDBClusterSnapshotAttributes"];

    public override JsonObject Handle(ServiceRequest request) => request.Action switch
    {
        "DescribeDBInstances" => DescribeDBInstances(request),
        "DescribeDBClusters" => List(request, "DBClusters", Filtered(request, request.Items("rds", "DBClusters"), "DBClusterIdentifier",
            "DBClusterNotFoundFault", id => $"DBCluster {id} not found.")),
        "DescribeDBSubnetGroups" => List(request, "DBSubnetGroups", Filtered(request, request.Items("rds", "DBSubnetGroups"), "DBSubnetGroupName",
            "DBSubnetGroupNotFoundFault", id => $"DBSubnetGroup {id} not found.")),
        "DescribeDBParameters" => Parameters(request, "DBParameterGroups", "DBParameterGroupName"),
        "DescribeDBClusterParameters" => Parameters(request, "DBClusterParameterGroups", "DBClusterParameterGroupName"),
        "DescribeDBEngineVersions" => DescribeDBEngineVersions(request),
        "DescribeDBSnapshots" => Snapshots(request, "DBSnapshots", "DBSnapshotAttributes", "DBInstanceIdentifier", "DBSnapshotIdentifier", "DBSnapshotNotFound"),
        "DescribeDBClusterSnapshots" => Snapshots(request, "DBClusterSnapshots", "DBClusterSnapshotAttributes", "DBClusterIdentifier", "DBClusterSnapshotIdentifier", "DBClusterSnapshotNotFoundFault"),
        "DescribeDBSnapshotAttributes" => SnapshotAttributes(request, "DBSnapshots", "DBSnapshotAttributes", "DBSnapshotIdentifier", "DBSnapshotNotFound"),
        "DescribeDBClusterSnapshotAttributes" => SnapshotAttributes(request, "DBClusterSnapshots", "DBClusterSnapshotAttributes", "DBClusterSnapshotIdentifier", "DBClusterSnapshotNotFoundFault"),
        _ => throw new InvalidOperationException(request.Action),
    };

    private static JsonObject DescribeDBInstances(ServiceRequest request)
    {
        var groups = request.Items("rds", "DBSubnetGroups").ToDictionary(g => g.Str("DBSubnetGroupName") ?? "", StringComparer.Ordinal);
        // The scenario names an instance's subnet group once; the wire embeds the whole group, so it is expanded here.
        var instances = request.Items("rds", "DBInstances").Select(instance =>
        {
            var copy = instance.DeepClone().AsObject();
            if (instance.Str("DBSubnetGroup") is { } name && groups.TryGetValue(name, out var group))
            {
                copy["DBSubnetGroup"] = group.Without("DBSubnetGroupArn");
            }

            return copy;
        });
        return List(request, "DBInstances", Filtered(request, instances, "DBInstanceIdentifier", "DBInstanceNotFound", id => $"DBInstance {id} not found."));
    }

    private static JsonObject Snapshots(ServiceRequest request, string list, string attributes, string ownerParam, string idParam, string notFound)
    {
        // Without SnapshotType RDS lists automated and manual snapshots, not shared or public ones.
        var owner = request.Param(ownerParam);
        var id = request.Param(idParam);
        var type = request.Param("SnapshotType");
        var snapshots = request.Items("rds", list)
            .Where(s => (owner is null || s.Str(ownerParam) == owner) && (id is null || s.Str(idParam) == id) && (type is null || s.Str("SnapshotType") == type))
            .Select(s => s.Without(attributes))
            .ToList();
        if (id is not null && snapshots.Count == 0)
        {
            throw new AwsError(notFound, $"Snapshot {id} not found.", HttpStatusCode.NotFound);
        }

        return List(request, list, snapshots);
    }

    private static JsonObject SnapshotAttributes(ServiceRequest request, string list, string attributes, string idParam, string notFound)
    {
        var id = request.Required(idParam);
        var snapshot = request.Items("rds", list).FirstOrDefault(s => s.Str(idParam) == id)
            ?? throw new AwsError(notFound, $"Snapshot {id} not found.", HttpStatusCode.NotFound);

        // A manual snapshot never shared still answers its restore attribute, with no accounts.
        var values = snapshot[attributes]?.DeepClone() ?? new JsonArray(new JsonObject { ["AttributeName"] = "restore", ["AttributeValues"] = new JsonArray() });
        var result = attributes.Replace("Attributes", "AttributesResult", StringComparison.Ordinal);
        return Resources.Output((result, Resources.Output((idParam, id), (attributes, values))));
    }

    private static JsonObject DescribeDBEngineVersions(ServiceRequest request)
    {
        var engine = request.Param("Engine");
        var version = request.Param("EngineVersion");
        var family = request.Param("DBParameterGroupFamily");
        var includeAll = request.Param("IncludeAll") == "true";
        var versions = request.Items("rds", "DBEngineVersions").Where(v =>
            (engine is null || v.Str("Engine") == engine)
            && (version is null || v.Str("EngineVersion") == version)
            && (family is null || v.Str("DBParameterGroupFamily") == family)
            && (includeAll || v.Str("Status") is null or "available"));
        return List(request, "DBEngineVersions", versions);
    }

    private static JsonObject Parameters(ServiceRequest request, string groupList, string nameParam)
    {
        var name = request.Required(nameParam);
        var group = request.Items("rds", groupList).FirstOrDefault(g => g.Str(nameParam) == name)
            ?? throw new AwsError("DBParameterGroupNotFound", $"DBParameterGroup not found: {name}", HttpStatusCode.NotFound);
        var source = request.Param("Source");
        var parameters = (group["Parameters"] as JsonArray ?? []).OfType<JsonObject>().Where(p => source is null || p.Str("Source") == source);
        return List(request, "Parameters", parameters);
    }

    private static IEnumerable<JsonObject> Filtered(ServiceRequest request, IEnumerable<JsonObject> items, string idParam, string notFound, Func<string, string> message)
    {
        var list = items.ToList();
        foreach (var (name, values) in request.Filters("Filters.Filter", "Values.Value"))
        {
            var member = name switch
            {
                "db-instance-id" => "DBInstanceIdentifier",
                "db-cluster-id" => "DBClusterIdentifier",
                "engine" => "Engine",
                _ => throw new AwsError("InvalidParameterValue", $"Unrecognized filter name: {name}."),
            };
            // RDS accepts identifiers or ARNs in its id filters.
            list = list.Where(i => values.Contains(i.Str(member) ?? "") || values.Any(v => v.EndsWith(":" + i.Str(member), StringComparison.Ordinal))).ToList();
        }

        if (request.Param(idParam) is not { } id)
        {
            return list;
        }

        var match = list.Where(i => i.Str(idParam) == id).ToList();
        return match.Count > 0 ? match : throw new AwsError(notFound, message(id), HttpStatusCode.NotFound);
    }

    private static JsonObject List(ServiceRequest request, string member, IEnumerable<JsonObject> items)
    {
        var (page, next) = Paging.Slice(request, items, request.Param("Marker"), request.IntParam("MaxRecords"), "InvalidParameterValue");
        // RDS writes the marker before the list.
        return Resources.Output(("Marker", next), (member, page));
    }
}
