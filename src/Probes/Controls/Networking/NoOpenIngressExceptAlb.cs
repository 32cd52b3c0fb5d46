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
    public override string Risk => "A rule whose sources together cover the internet (0.0.0.0/0, ::/0, their halves, a prefix list of public ranges, or more public space than any one organisation owns) on any other group (SSH 22, the app port, all traffic) exposes whatever wears it directly to the internet, bypassing the ALB's TLS and routing.";
    public override string Remediation => "Remove cidr_blocks = [\"0.0.0.0/0\"] / ipv6_cidr_blocks = [\"::/0\"] (and their halves, wide public ranges and prefix lists holding them) from every group but the ALB's, and limit the ALB's to tcp 80 and 443; reach instances with SSM Session Manager instead of SSH.";
    public override IReadOnlyList<string> Hipaa => ["164.312(a)(1)", "164.312(e)(1)"];
    protected override string ResourceKind => "VPC security group";

    protected override Fetched<List<SecurityGroup>> Resources(EvaluationContext context) => context.Snapshot.SecurityGroups;

    protected override IEnumerable<Fact> MoreFacts(EvaluationContext context) => [Fact.Of(context.Snapshot.LoadBalancers), Fact.Of(context.Snapshot.PrefixLists)];

    protected override string ResourceId(SecurityGroup resource) => resource.GroupId;

    protected override Finding Judge(EvaluationContext context, SecurityGroup group)
    {
        var albGroups = context.Snapshot.LoadBalancers.Value!.SelectMany(lb => lb.SecurityGroups).ToHashSet(StringComparer.Ordinal);
        var prefixLists = context.Snapshot.PrefixLists.Value!;
        var isAlb = albGroups.Contains(group.GroupId);
        var name = group.GroupName is { } n ? $"{group.GroupId} ({n})" : group.GroupId;
        var rules = group.IpPermissions.Select(p => (Permission: p, Cidrs: Ingress.Cidrs(p, prefixLists, out var unresolved), Unresolved: unresolved)).ToList();
        var unknown = rules.SelectMany(r => r.Unresolved).ToList();
        if (unknown.Count > 0)
        {
            return Error(context, group.GroupId, $"EC2 security group {name} admits sources whose addresses are unknown: {string.Join("; ", unknown)}.");
        }

        // A port is open when the sources of every rule reaching it together cover the internet, whether one rule
        // says 0.0.0.0/0 or two say 0.0.0.0/1 and 128.0.0.0/1 (AWS merges rules only when protocol and ports match exactly).
        var open = group.IpPermissions
            .Where(p => AddressSpace.Of(rules.Where(q => Reaches(q.Permission, p)).SelectMany(q => q.Cidrs), out _).IsOpenToInternet)
            .Where(p => !(isAlb && AlbPorts.Any(port => Ingress.IsExactlyTcp(p, port))))
            .Select(Ingress.Ports)
            .ToList();
        var evidence = Evidence.Of(("albSecurityGroup", isAlb), ("openToInternet", open),
            ("ingress", group.IpPermissions.Select(p => Ingress.Describe(p, prefixLists))));
        return open.Count == 0
            ? Pass(context, group.GroupId, $"EC2 security group {name} admits the internet {(isAlb ? "only on tcp/80 and tcp/443 of the ALB" : "on no port")}.", evidence)
            : Fail(context, group.GroupId, $"EC2 security group {name} admits the whole internet on {string.Join(", ", open)}.", evidence);
    }

    /// <summary>True when rule <paramref name="other"/> admits traffic to every port <paramref name="rule"/> opens.</summary>
    private static bool Reaches(IpPermission other, IpPermission rule) =>
        other.IpProtocol == "-1"
        || (other.IpProtocol == rule.IpProtocol && (other.FromPort ?? int.MinValue) <= (rule.FromPort ?? int.MinValue) && (other.ToPort ?? int.MaxValue) >= (rule.ToPort ?? int.MaxValue));
}
