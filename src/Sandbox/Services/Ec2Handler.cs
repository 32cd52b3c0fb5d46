using System.Text.Json.Nodes;
using Verification.Sandbox.Protocol;

namespace Verification.Sandbox.Services;

/// <summary>
/// EC2 (2016-11-15). Scenario keys are the wire's own set names (vpcSet, subnetSet, ...) and items use the wire's
/// lowerCamel member names, so the XML is the scenario read aloud.
/// </summary>
internal sealed class Ec2Handler : ServiceHandler
{
    /// <summary>One Describe operation: its set, its id parameter and member, and the filters it understands (name → member path, "x[]" walks a list).</summary>
    private sealed record Operation(string Set, string IdParam, string IdMember, string NotFoundCode, string Noun, IReadOnlyDictionary<string, string> Filters);

    private static readonly Dictionary<string, Operation> Operations = new(StringComparer.Ordinal)
    {
        ["DescribeVpcs"] = new("vpcSet", "VpcId", "vpcId", "InvalidVpcID.NotFound", "vpc ID",
            Map(("vpc-id", "vpcId"), ("cidr", "cidrBlock"), ("is-default", "isDefault"), ("state", "state"))),
        ["DescribeSubnets"] = new("subnetSet", "SubnetId", "subnetId", "InvalidSubnetID.NotFound", "subnet ID",
            Map(("vpc-id", "vpcId"), ("subnet-id", "subnetId"), ("availability-zone", "availabilityZone"), ("cidr-block", "cidrBlock"))),
        ["DescribeRouteTables"] = new("routeTableSet", "RouteTableId", "routeTableId", "InvalidRouteTableID.NotFound", "route table ID",
            Map(("vpc-id", "vpcId"), ("route-table-id", "routeTableId"), ("association.subnet-id", "associationSet[].subnetId"), ("association.main", "associationSet[].main"))),
        ["DescribeNatGateways"] = new("natGatewaySet", "NatGatewayId", "natGatewayId", "NatGatewayNotFound", "NAT gateway",
            Map(("vpc-id", "vpcId"), ("subnet-id", "subnetId"), ("nat-gateway-id", "natGatewayId"), ("state", "state"))),
        ["DescribeSecurityGroups"] = new("securityGroupInfo", "GroupId", "groupId", "InvalidGroup.NotFound", "security group",
            Map(("vpc-id", "vpcId"), ("group-id", "groupId"), ("group-name", "groupName"))),
        ["DescribeNetworkInterfaces"] = new("networkInterfaceSet", "NetworkInterfaceId", "networkInterfaceId", "InvalidNetworkInterfaceID.NotFound", "network interface",
            Map(("vpc-id", "vpcId"), ("subnet-id", "subnetId"), ("group-id", "groupSet[].groupId"), ("network-interface-id", "networkInterfaceId"), ("interface-type", "interfaceType"))),
        ["DescribeFlowLogs"] = new("flowLogSet", "FlowLogId", "flowLogId", "InvalidFlowLogId.NotFound", "flow log",
            Map(("resource-id", "resourceId"), ("flow-log-id", "flowLogId"), ("traffic-type", "trafficType"), ("log-destination-type", "logDestinationType"))),
        ["DescribeManagedPrefixLists"] = new("prefixListSet", "PrefixListId", "prefixListId", "InvalidPrefixListID.NotFound", "prefix list ID",
            Map(("prefix-list-id", "prefixListId"), ("prefix-list-name", "prefixListName"), ("owner-id", "ownerId"))),
        ["DescribeVpcEndpoints"] = new("vpcEndpointSet", "VpcEndpointId", "vpcEndpointId", "InvalidVpcEndpointId.NotFound", "VPC endpoint",
            Map(("vpc-id", "vpcId"), ("vpc-endpoint-id", "vpcEndpointId"), ("service-name", "serviceName"), ("vpc-endpoint-type", "vpcEndpointType"), ("vpc-endpoint-state", "state"))),
        ["DescribeInternetGateways"] = new("internetGatewaySet", "InternetGatewayId", "internetGatewayId", "InvalidInternetGatewayID.NotFound", "internet gateway",
            Map(("attachment.vpc-id", "attachmentSet[].vpcId"), ("attachment.state", "attachmentSet[].state"), ("internet-gateway-id", "internetGatewayId"))),
    };

    public override IReadOnlyCollection<string> Actions => [.. Operations.Keys, "GetManagedPrefixListEntries"];

    public override JsonObject Handle(ServiceRequest request)
    {
        if (request.Action == "GetManagedPrefixListEntries")
        {
            return GetManagedPrefixListEntries(request);
        }

        var operation = Operations[request.Action];
        var items = request.Action == "DescribeNetworkInterfaces" ? NetworkInterfaces(request) : request.Items("ec2", operation.Set).ToList();
        var ids = request.List(operation.IdParam);
        if (ids.Count > 0)
        {
            if (ids.FirstOrDefault(id => items.All(i => i.Str(operation.IdMember) != id)) is { } missing)
            {
                throw new AwsError(operation.NotFoundCode, $"The {operation.Noun} '{missing}' does not exist");
            }

            items = items.Where(i => ids.Contains(i.Str(operation.IdMember) ?? "")).ToList();
        }

        foreach (var (name, values) in request.Filters())
        {
            var path = operation.Filters.TryGetValue(name, out var member)
                ? member
                : throw new AwsError("InvalidParameterValue", $"The filter '{name}' is invalid");
            items = items.Where(i => Values(i, path).Any(values.Contains)).ToList();
        }

        // A scenario's prefix list carries its entries in entrySet, which only GetManagedPrefixListEntries answers.
        var listed = request.Action == "DescribeManagedPrefixLists" ? items.Select(i => i.Without("entrySet")) : items;
        var (page, next) = Paging.Slice(request, listed, request.Param("NextToken"), request.IntParam("MaxResults"), "InvalidPaginationToken");
        return Resources.Output((operation.Set, page), ("nextToken", next));
    }

    /// <summary>The entries of one prefix list, paged like every EC2 list.</summary>
    private static JsonObject GetManagedPrefixListEntries(ServiceRequest request)
    {
        var id = request.Param("PrefixListId") ?? throw new AwsError("MissingParameter", "The request must contain the parameter PrefixListId");
        var list = request.Items("ec2", "prefixListSet").FirstOrDefault(l => l.Str("prefixListId") == id)
            ?? throw new AwsError("InvalidPrefixListID.NotFound", $"The prefix list ID '{id}' does not exist");
        var entries = (list["entrySet"] as JsonArray ?? []).OfType<JsonObject>();
        var (page, next) = Paging.Slice(request, entries, request.Param("NextToken"), request.IntParam("MaxResults"), "InvalidPaginationToken");
        return Resources.Output(("entrySet", page), ("nextToken", next));
    }

    /// <summary>
    /// The VPC's interfaces as EC2 reports them: ECS creates an interface for each awsvpc task it starts and deletes it
    /// when the task stops, so an ECS attachment interface exists exactly while a running task names it. Interfaces
    /// the scenario lists for a task that is not running are gone; a running task's interface the scenario does not
    /// list is made from the task's ElasticNetworkInterface attachment.
    /// </summary>
    private static List<JsonObject> NetworkInterfaces(ServiceRequest request)
    {
        var listed = request.Items("ec2", "networkInterfaceSet").ToList();
        var running = request.Items("ecs", "tasks").Where(t => t.Str("lastStatus") is "RUNNING" or "PENDING" or "ACTIVATING").ToList();
        var owned = running.SelectMany(t => (t["attachments"] as JsonArray ?? []).OfType<JsonObject>())
            .Where(a => a.Str("type") == "ElasticNetworkInterface")
            .ToDictionary(a => Detail(a, "networkInterfaceId") ?? "", a => a, StringComparer.Ordinal);
        var kept = listed.Where(eni => !IsEcsAttachment(eni) || owned.ContainsKey(eni.Str("networkInterfaceId") ?? "")).ToList();
        var subnets = request.Items("ec2", "subnetSet").ToDictionary(s => s.Str("subnetId") ?? "", s => s, StringComparer.Ordinal);
        var services = request.Items("ecs", "services").ToList();
        foreach (var (id, attachment) in owned.Where(o => o.Key.Length > 0 && listed.All(eni => eni.Str("networkInterfaceId") != o.Key)))
        {
            var task = running.First(t => (t["attachments"] as JsonArray ?? []).Contains(attachment));
            var subnet = subnets.GetValueOrDefault(Detail(attachment, "subnetId") ?? "");
            var groups = services.FirstOrDefault(s => "service:" + s.Str("serviceName") == task.Str("group"))?["networkConfiguration"]?["awsvpcConfiguration"]?["securityGroups"] as JsonArray ?? [];
            kept.Add(new JsonObject
            {
                ["networkInterfaceId"] = id,
                ["subnetId"] = subnet?.Str("subnetId"),
                ["vpcId"] = subnet?.Str("vpcId"),
                ["availabilityZone"] = subnet?.Str("availabilityZone"),
                ["description"] = $"arn:aws:ecs:{request.Scenario.Region}:{request.Scenario.Account}:attachment/{attachment.Str("id")}",
                ["interfaceType"] = "interface",
                ["ownerId"] = request.Scenario.Account,
                ["requesterId"] = "578734482556",
                ["requesterManaged"] = true,
                ["status"] = "in-use",
                ["privateIpAddress"] = Detail(attachment, "privateIPv4Address"),
                ["groupSet"] = new JsonArray([.. groups.Select(g => (JsonNode)new JsonObject { ["groupId"] = g?.GetValue<string>() })]),
            });
        }

        return kept;
    }

    private static bool IsEcsAttachment(JsonObject eni) => eni.Str("description") is { } d && d.Contains(":ecs:", StringComparison.Ordinal) && d.Contains(":attachment/", StringComparison.Ordinal);

    private static string? Detail(JsonObject attachment, string name) =>
        (attachment["details"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(d => d.Str("name") == name)?.Str("value");

    private static IEnumerable<string> Values(JsonNode? node, string path)
    {
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        var (head, rest) = dot < 0 ? (path, null) : (path[..dot], path[(dot + 1)..]);
        if (head.EndsWith("[]", StringComparison.Ordinal))
        {
            return (node?[head[..^2]] as JsonArray ?? []).SelectMany(item => Values(item, rest!));
        }

        var value = node?[head];
        if (rest is not null)
        {
            return Values(value, rest);
        }

        return value is JsonValue scalar ? [scalar.TryGetValue<bool>(out var flag) ? (flag ? "true" : "false") : scalar.ToString()] : [];
    }

    private static Dictionary<string, string> Map(params (string Filter, string Path)[] filters) =>
        filters.ToDictionary(f => f.Filter, f => f.Path, StringComparer.Ordinal);
}
