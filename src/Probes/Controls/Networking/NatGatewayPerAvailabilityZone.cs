using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Networking;

/// <summary>Each app subnet that egresses through a NAT gateway uses one in its own availability zone.</summary>
public sealed class NatGatewayPerAvailabilityZone : ResourceControl<string>
{
    public override string Title => "App subnets use a NAT gateway in their own availability zone";
    public override string Area => "Network";
    public override string Service => "VPC";
    public override Severity Severity => Severity.Medium;
    public override string Risk => "With one NAT gateway for every zone, losing that zone cuts every task's egress (image pulls, Secrets Manager, logs) even in the zones that are still up, and cross-zone NAT traffic is billed.";
    public override string Remediation => "Create one aws_nat_gateway per availability zone in that zone's public subnet, and one private route table per zone sending 0.0.0.0/0 to the zone's NAT gateway (a single NAT gateway is a cost choice to accept explicitly for dev).";

    // Resilience and cost, not a Security Rule safeguard.
    public override IReadOnlyList<string> Hipaa => [];
    protected override string ResourceKind => "ECS service subnet";

    protected override Fetched<List<string>> Resources(EvaluationContext context) => Fetched<List<string>>.Of(new Network(context.Snapshot).AppSubnetIds());

    protected override IEnumerable<Fact> MoreFacts(EvaluationContext context) =>
        [.. Network.Facts(context.Snapshot), Fact.Of(context.Snapshot.NatGateways), Fact.Of(context.Snapshot.EcsServices)];

    protected override string ResourceId(string resource) => resource;

    protected override string? NotApplicableBecause(EvaluationContext context, string subnetId) =>
        new Network(context.Snapshot).DefaultRoute(subnetId)?.NatGatewayId is null ? $"VPC subnet {subnetId} does not route through a NAT gateway." : null;

    protected override string? NoneExpectedBecause(EvaluationContext context) => "no app subnet routes through a NAT gateway.";

    protected override Finding Judge(EvaluationContext context, string subnetId)
    {
        var network = new Network(context.Snapshot);
        var natId = network.DefaultRoute(subnetId)!.NatGatewayId!;
        var nat = context.Snapshot.NatGateways.Value!.FirstOrDefault(n => n.NatGatewayId == natId);
        var zone = network.FindSubnet(subnetId)?.AvailabilityZone;
        var natZone = nat?.SubnetId is { } natSubnet ? network.FindSubnet(natSubnet)?.AvailabilityZone : null;
        var evidence = Evidence.Of(("subnetZone", zone), ("natGateway", natId), ("natGatewayZone", natZone));
        return zone is not null && zone == natZone
            ? Pass(context, subnetId, $"VPC subnet {subnetId} in {zone} egresses through NAT gateway {natId} in the same zone.", evidence)
            : Fail(context, subnetId, $"VPC subnet {subnetId} in {zone ?? "an unknown zone"} egresses through NAT gateway {natId} in {natZone ?? "an unknown zone"}.", evidence);
    }
}
