using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Networking;

/// <summary>ECS service subnets are at least as large as the policy's app-tier size (/24 by default).</summary>
public sealed class AppSubnetsLargeEnough : ResourceControl<string>
{
    public override string Title => "App subnets are large enough for the tasks they run";
    public override string Area => "Network";
    public override string Service => "VPC";
    public override Severity Severity => Severity.Medium;
    public override string Risk => "Every Fargate task takes one address and AWS reserves five per subnet: a /28 (11 usable) cannot hold a rolling deployment at 200% plus scaling, so deployments stall with tasks stuck in PROVISIONING.";
    public override string Remediation => "Size the private app subnets /24 (cidrsubnet(vpc_cidr, 8, n)) and keep /28 for the database subnets only; the largest prefix allowed is runsettings MaxAppSubnetPrefixLength.";
    public override IReadOnlyList<string> Hipaa => [];
    protected override string ResourceKind => "ECS service subnet";

    protected override Fetched<List<string>> Resources(EvaluationContext context) => Fetched<List<string>>.Of(new Network(context.Snapshot).AppSubnetIds());

    protected override IEnumerable<Fact> MoreFacts(EvaluationContext context) => [Fact.Of(context.Snapshot.Subnets), Fact.Of(context.Snapshot.EcsServices)];

    protected override string ResourceId(string resource) => resource;

    protected override Finding Judge(EvaluationContext context, string subnetId)
    {
        var subnet = new Network(context.Snapshot).FindSubnet(subnetId);
        var limit = context.Policy.MaxAppSubnetPrefixLength;
        if (Ipv4Cidr.Parse(subnet?.CidrBlock) is not { } block)
        {
            return Error(context, subnetId, $"VPC subnet {subnetId} is not among the stack VPC's subnets or reports no IPv4 CIDR block.");
        }

        var evidence = Evidence.Of(("cidrBlock", subnet!.CidrBlock), ("prefixLength", block.PrefixLength), ("policyMaxPrefixLength", limit));
        return block.PrefixLength <= limit
            ? Pass(context, subnetId, $"VPC subnet {subnetId} ({subnet.CidrBlock}) is at least a /{limit}.", evidence)
            : Fail(context, subnetId, $"VPC subnet {subnetId} ({subnet.CidrBlock}) is smaller than the policy's /{limit} for app subnets.", evidence);
    }
}
