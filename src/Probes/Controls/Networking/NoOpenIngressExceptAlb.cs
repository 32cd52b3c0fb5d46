using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Networking;

/// <summary>No security group in the stack VPC admits the whole internet, except the ALB's groups on 80 and 443.</summary>
public sealed class NoOpenIngressExceptAlb : ResourceControl<SecurityGroup>
{
    private static readonly int[] AlbPorts = [80, 443];

    public override string Title => "Only the ALB's security groups admit the internet, and only on ports 80 and 443";
    public override string Area => "Network";
    public override string Service => "EC2";
    public override Severity Severity => Severity.High;
    public override string Risk => "A 0.0.0.0/0 or ::/0 rule on any other group (SSH 22, the app port, all traffic) exposes whatever wears it directly to the internet, bypassing the ALB's TLS and routing.";
    public override string Remediation => "Remove cidr_blocks = [\"0.0.0.0/0\"] / ipv6_cidr_blocks = [\"::/0\"] from every group but the ALB's, and limit the ALB's to tcp 80 and 443; reach instances with SSM Session Manager instead of SSH.";
    public override IReadOnlyList<string> Hipaa => ["164.312(a)(1)", "164.312(e)(1)"];
    protected override string ResourceKind => "VPC security group";

    protected override Fetched<List<SecurityGroup>> Resources(EvaluationContext context) => context.Snapshot.SecurityGroups;

    protected override IEnumerable<Fact> MoreFacts(EvaluationContext context) => [Fact.Of(context.Snapshot.LoadBalancers)];

    protected override string ResourceId(SecurityGroup resource) => resource.GroupId;

    protected override Finding Judge(EvaluationContext context, SecurityGroup group)
    {
        var albGroups = context.Snapshot.LoadBalancers.Value!.SelectMany(lb => lb.SecurityGroups).ToHashSet(StringComparer.Ordinal);
        var isAlb = albGroups.Contains(group.GroupId);
        var open = group.IpPermissions
            .Where(p => p.IpRanges.Contains("0.0.0.0/0") || p.Ipv6Ranges.Contains("::/0"))
            .Where(p => !(isAlb && AlbPorts.Any(port => Ingress.IsExactlyTcp(p, port))))
            .Select(Ingress.Ports)
            .ToList();
        var evidence = Evidence.Of(("albSecurityGroup", isAlb), ("openToInternet", open),
            ("ingress", group.IpPermissions.Select(p => $"{Ingress.Ports(p)} from {string.Join(" ", Ingress.Sources(p))}")));
        var name = group.GroupName is { } n ? $"{group.GroupId} ({n})" : group.GroupId;
        return open.Count == 0
            ? Pass(context, group.GroupId, $"EC2 security group {name} admits the internet {(isAlb ? "only on tcp/80 and tcp/443 of the ALB" : "on no port")}.", evidence)
            : Fail(context, group.GroupId, $"EC2 security group {name} admits the whole internet on {string.Join(", ", open)}.", evidence);
    }
}
