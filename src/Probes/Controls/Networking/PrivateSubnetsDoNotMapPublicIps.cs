using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Networking;

/// <summary>The subnets the databases, the cache and the ECS tasks use do not hand out public IPs on launch.</summary>
public sealed class PrivateSubnetsDoNotMapPublicIps : ResourceControl<string>
{
    public override string Title => "Data and app subnets do not assign public IPs on launch";
    public override string Area => "Network";
    public override string Service => "VPC";
    public override Severity Severity => Severity.Medium;
    public override string Risk => "With MapPublicIpOnLaunch every instance or interface started there gets a public address by default; with a route to an internet gateway added later it is reachable from the internet.";
    public override string Remediation => "Set map_public_ip_on_launch = false (MapPublicIpOnLaunch: false) on the private app and database subnets; only the public subnets of the ALB and NAT gateway need it.";
    public override IReadOnlyList<string> Hipaa => ["164.312(a)(1)"];
    protected override string ResourceKind => "stack subnet";

    protected override Fetched<List<string>> Resources(EvaluationContext context)
    {
        var network = new Network(context.Snapshot);
        return Fetched<List<string>>.Of([.. network.AppSubnetIds().Concat(network.DataSubnetIds()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
    }

    protected override IEnumerable<Fact> MoreFacts(EvaluationContext context) => [.. Network.Facts(context.Snapshot), .. Network.PlacementFacts(context.Snapshot)];

    protected override string ResourceId(string resource) => resource;

    // A data or app subnet that routes to an internet gateway is already the *InPrivateSubnets controls' finding.
    protected override string? NotApplicableBecause(EvaluationContext context, string subnetId) =>
        new Network(context.Snapshot).IsPublic(subnetId) ? $"VPC subnet {subnetId} is public (routes to an internet gateway), which the private-subnet controls report." : null;

    protected override Finding Judge(EvaluationContext context, string subnetId)
    {
        if (new Network(context.Snapshot).FindSubnet(subnetId) is not { } subnet)
        {
            return Error(context, subnetId, $"VPC subnet {subnetId} is not among the stack VPC's subnets.");
        }

        var evidence = Evidence.Of(("MapPublicIpOnLaunch", subnet.MapPublicIpOnLaunch), ("cidrBlock", subnet.CidrBlock));
        return subnet.MapPublicIpOnLaunch switch
        {
            null => Unreported(context, subnetId, $"VPC subnet {subnetId}", "MapPublicIpOnLaunch"),
            true => Fail(context, subnetId, $"VPC subnet {subnetId} ({subnet.CidrBlock}) assigns public IPs on launch.", evidence),
            false => Pass(context, subnetId, $"VPC subnet {subnetId} ({subnet.CidrBlock}) assigns no public IPs on launch.", evidence),
        };
    }
}
