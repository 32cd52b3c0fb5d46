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
        ["DescribeInternetGateways"] = new("internetGatewaySet", "InternetGatewayId", "internetGatewayId", "InvalidInternetGatewayID.NotFound", "internet gateway",
            Map(("attachment.vpc-id", "attachmentSet[].vpcId"), ("attachment.state", "attachmentSet[].state"), ("internet-gateway-id", "internetGatewayId"))),
    };

    public override IReadOnlyCollection<string> Actions => Operations.Keys;

    public override JsonObject Handle(ServiceRequest request)
    {
        var operation = Operations[request.Action];
        var items = request.Items("ec2", operation.Set).ToList();
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

        var (page, next) = Paging.Slice(request, items, request.Param("NextToken"), request.IntParam("MaxResults"), "InvalidPaginationToken");
        return Resources.Output((operation.Set, page), ("nextToken", next));
    }

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
