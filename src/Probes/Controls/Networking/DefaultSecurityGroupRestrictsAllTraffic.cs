using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Networking;

/// <summary>
/// The stack VPC's default security group (the one EC2 names "default") has no inbound and no outbound rule, so a
/// resource launched without a group of its own can talk to nothing. Peers: Prowler
/// ec2_securitygroup_default_restrict_traffic, AWS Config vpc-default-security-group-closed (in AWS's HIPAA
/// Security conformance pack), CIS AWS Foundations 5.4.
/// </summary>
public sealed class DefaultSecurityGroupRestrictsAllTraffic : ResourceControl<SecurityGroup>
{
    public override string Title => "The stack VPC's default security group restricts all traffic";
    public override string Area => "Network";
    public override string Service => "EC2";
    public override Severity Severity => Severity.Medium;
    public override string Risk => "Anything launched into the VPC without an explicit group (an ad hoc instance, an interface endpoint, a Lambda) lands in the default group, whose stock rules let its members reach each other on every port and reach anywhere outbound, bypassing the least-privilege groups of the stack.";
    public override string Remediation => "Adopt the group with an aws_default_security_group resource for the VPC that declares no ingress and no egress blocks (Terraform then removes AWS's stock rules), and give every resource its own purpose-built group.";
    public override IReadOnlyList<string> Hipaa => ["164.312(a)(1)", "164.312(e)(1)"];
    protected override string ResourceKind => "default security group";

    // EC2 creates exactly one group named "default" per VPC and refuses to let another take the name.
    protected override Fetched<List<SecurityGroup>> Resources(EvaluationContext context) =>
        Fetched<List<SecurityGroup>>.Of([.. context.Snapshot.SecurityGroups.Value!.Where(g => g.GroupName == "default" && g.VpcId == context.Snapshot.Outputs.VpcId)]);

    protected override IEnumerable<Fact> MoreFacts(EvaluationContext context) => [Fact.Of(context.Snapshot.SecurityGroups)];

    protected override string ResourceId(SecurityGroup resource) => resource.GroupId;

    protected override Finding Judge(EvaluationContext context, SecurityGroup group)
    {
        var inbound = group.IpPermissions.Select(Describe).ToList();
        var outbound = group.IpPermissionsEgress.Select(Describe).ToList();
        var evidence = Evidence.Of(("inboundRules", inbound), ("outboundRules", outbound));
        if (inbound.Count == 0 && outbound.Count == 0)
        {
            return Pass(context, group.GroupId, $"EC2 default security group {group.GroupId} of VPC {group.VpcId} has no inbound and no outbound rule.", evidence);
        }

        var rules = new[] { (inbound, "inbound"), (outbound, "outbound") }
            .Where(r => r.Item1.Count > 0)
            .Select(r => $"{r.Item1.Count} {r.Item2} rule{(r.Item1.Count == 1 ? "" : "s")} ({string.Join("; ", r.Item1)})");
        return Fail(context, group.GroupId, $"EC2 default security group {group.GroupId} of VPC {group.VpcId} still allows traffic: {string.Join(" and ", rules)}.", evidence);
    }

    private static string Describe(IpPermission rule)
    {
        var ports = rule.IpProtocol == "-1" ? "all traffic" : rule.FromPort == rule.ToPort ? $"{rule.IpProtocol} {rule.FromPort}" : $"{rule.IpProtocol} {rule.FromPort}-{rule.ToPort}";
        var peers = rule.IpRanges.Concat(rule.Ipv6Ranges)
            .Concat(rule.UserIdGroupPairs.Select(p => p.GroupId).OfType<string>())
            .Concat(rule.PrefixListIds.Select(p => p.PrefixListId).OfType<string>())
            .ToList();
        return $"{ports} with {(peers.Count == 0 ? "no peer" : string.Join(", ", peers))}";
    }
}
