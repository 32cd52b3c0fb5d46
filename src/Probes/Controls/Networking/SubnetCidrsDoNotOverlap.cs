using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Networking;

/// <summary>No two subnets of the stack VPC share addresses.</summary>
public sealed class SubnetCidrsDoNotOverlap : ResourceControl<Subnet>
{
    public override string Title => "The stack VPC's subnet CIDR blocks do not overlap";
    public override string Area => "Network";
    public override string Service => "VPC";
    public override Severity Severity => Severity.Medium;
    public override string Risk => "Overlapping plans fail at deployment ('The CIDR conflicts with another subnet') and, where a snapshot shows them, mean the address plan the route tables and security groups assume is not the one deployed.";
    public override string Remediation => "Give every subnet its own block inside the VPC CIDR (e.g. public 10.0.0.0/24 and 10.0.1.0/24, app 10.0.10.0/24 and 10.0.11.0/24, db 10.0.20.0/28 and 10.0.20.16/28), computed with cidrsubnet() rather than typed by hand.";
    public override IReadOnlyList<string> Hipaa => [];
    protected override string ResourceKind => "VPC subnet";

    protected override Fetched<List<Subnet>> Resources(EvaluationContext context) => context.Snapshot.Subnets;

    protected override string ResourceId(Subnet resource) => resource.SubnetId;

    protected override Finding Judge(EvaluationContext context, Subnet subnet)
    {
        var block = Ipv4Cidr.Parse(subnet.CidrBlock);
        var overlapping = (context.Snapshot.Subnets.Value ?? [])
            .Where(other => other.SubnetId != subnet.SubnetId && block is { } b && Ipv4Cidr.Parse(other.CidrBlock) is { } o && b.Overlaps(o))
            .Select(other => $"{other.SubnetId} ({other.CidrBlock})")
            .ToList();
        var evidence = Evidence.Of(("cidrBlock", subnet.CidrBlock), ("overlaps", overlapping));
        if (block is null)
        {
            return Error(context, subnet.SubnetId, $"VPC subnet {subnet.SubnetId} reports no IPv4 CIDR block ('{subnet.CidrBlock}').");
        }

        return overlapping.Count == 0
            ? Pass(context, subnet.SubnetId, $"VPC subnet {subnet.SubnetId} ({subnet.CidrBlock}) overlaps no other subnet.", evidence)
            : Fail(context, subnet.SubnetId, $"VPC subnet {subnet.SubnetId} ({subnet.CidrBlock}) overlaps {string.Join(", ", overlapping)}.", evidence);
    }
}
