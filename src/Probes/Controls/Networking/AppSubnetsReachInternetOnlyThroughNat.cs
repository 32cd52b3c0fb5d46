using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Networking;

/// <summary>
/// Each ECS service subnet's default route goes to an available NAT gateway that itself sits in a public subnet
/// routing to an internet gateway attached to the VPC: a NAT gateway without that path ("NAT Gateway requires Internet
/// Gateway") leaves tasks unable to pull images or reach Secrets Manager.
/// </summary>
public sealed class AppSubnetsReachInternetOnlyThroughNat : ResourceControl<string>
{
    public override string Title => "App subnets reach the internet only through an available NAT gateway in a public subnet";
    public override string Area => "Network";
    public override string Service => "VPC";
    public override Severity Severity => Severity.High;
    public override string Risk => "A default route straight to the internet gateway makes the app subnet public; one to a NAT gateway that is not available, or that has no internet gateway behind it, silently blackholes image pulls, secret retrieval and log delivery.";
    public override string Remediation => "Route 0.0.0.0/0 of the private app route table to an aws_nat_gateway placed in a public subnet, whose route table sends 0.0.0.0/0 to the aws_internet_gateway attached to the VPC (depends_on the gateway attachment).";
    public override IReadOnlyList<string> Hipaa => ["164.312(a)(1)", "164.312(e)(1)"];
    protected override string ResourceKind => "ECS service subnet";

    protected override Fetched<List<string>> Resources(EvaluationContext context) => Fetched<List<string>>.Of(new Network(context.Snapshot).AppSubnetIds());

    protected override IEnumerable<Fact> MoreFacts(EvaluationContext context) =>
        [.. Network.Facts(context.Snapshot), Fact.Of(context.Snapshot.NatGateways), Fact.Of(context.Snapshot.InternetGateways), Fact.Of(context.Snapshot.EcsServices)];

    protected override string ResourceId(string resource) => resource;

    protected override Finding Judge(EvaluationContext context, string subnetId)
    {
        var network = new Network(context.Snapshot);
        if (network.RouteTableOf(subnetId) is null)
        {
            return Error(context, subnetId, $"no route table governs VPC subnet {subnetId} (no explicit association and no main route table in ec2:DescribeRouteTables), so its egress is unknown.");
        }

        var route = network.DefaultRoute(subnetId);
        var target = route?.NatGatewayId ?? route?.GatewayId;
        var nat = route?.NatGatewayId is { } natId ? context.Snapshot.NatGateways.Value!.FirstOrDefault(n => n.NatGatewayId == natId) : null;
        var natIgw = nat?.SubnetId is { } natSubnet ? network.InternetGatewayRoute(natSubnet) : null;
        var evidence = Evidence.Of(
            ("routeTable", network.RouteTableOf(subnetId)?.RouteTableId),
            ("defaultRoute", target ?? "(none)"),
            ("routeState", route?.State),
            ("natGateway.state", nat?.State),
            ("natGateway.subnet", nat?.SubnetId),
            ("natGateway.subnetRoute", natIgw));

        var problem = route switch
        {
            null => null,
            { State: "blackhole" } => $"its default route to {target} is a blackhole",
            { GatewayId: { } igw } when igw.StartsWith("igw-", StringComparison.Ordinal) => $"its default route goes straight to internet gateway {igw}, not through a NAT gateway",
            { NatGatewayId: { } id } when nat is null => $"its default route names NAT gateway {id}, which is not in the stack VPC",
            { NatGatewayId: not null } when nat!.State != "available" => $"its NAT gateway {nat.NatGatewayId} is {nat.State}",
            { NatGatewayId: not null } when nat!.ConnectivityType == "private" => $"its NAT gateway {nat.NatGatewayId} is a private NAT gateway with no internet path",
            { NatGatewayId: not null } when natIgw is null => $"its NAT gateway {nat!.NatGatewayId} sits in subnet {nat.SubnetId}, which has no route to an internet gateway",
            { NatGatewayId: not null } when !network.IsAttachedToVpc(natIgw!) => $"its NAT gateway {nat!.NatGatewayId} routes to internet gateway {natIgw}, which is not attached to the VPC",
            _ => null,
        };

        if (problem is not null)
        {
            return Fail(context, subnetId, $"VPC subnet {subnetId} cannot reach the internet safely: {problem}.", evidence);
        }

        var how = route is null ? "has no default route, so it has no internet egress at all"
            : nat is not null ? $"reaches the internet through available NAT gateway {nat.NatGatewayId} in public subnet {nat.SubnetId} ({natIgw})"
            : $"sends its default traffic to {target}, not to the internet gateway";
        return Pass(context, subnetId, $"VPC subnet {subnetId} {how}.", evidence);
    }
}
