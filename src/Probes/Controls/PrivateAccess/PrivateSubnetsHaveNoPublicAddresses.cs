using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.PrivateAccess;

/// <summary>No network interface in a private subnet of the stack VPC carries a public IPv4 address or an Elastic IP.</summary>
public sealed class PrivateSubnetsHaveNoPublicAddresses : ResourceControl<NetworkInterface>
{
    public override string Title => "Network interfaces in the VPC's private subnets carry no public or Elastic IP address";
    public override string Area => "Private access";
    public override string Service => "EC2";
    public override Severity Severity => Severity.High;
    public override string Risk => "A public or Elastic IP on an interface in a private subnet is one route-table or security-group change away from exposing whatever sits there (tasks, databases, a forgotten instance) to the internet, and it already lets that interface's traffic bypass the NAT gateway's single egress point.";
    public override string Remediation => "Release or disassociate the address (remove the aws_eip / aws_eip_association, associate_public_ip_address = false on instances, assign_public_ip = false on ECS services) and keep map_public_ip_on_launch = false on private subnets; only the NAT gateway and the ALB in the public subnets hold public addresses.";
    public override IReadOnlyList<string> Hipaa => ["164.312(a)(1)", "164.312(e)(1)"];
    protected override string ResourceKind => "network interface";

    protected override Fetched<List<NetworkInterface>> Resources(EvaluationContext context) => context.Snapshot.NetworkInterfaces;

    protected override IEnumerable<Fact> MoreFacts(EvaluationContext context) => Network.Facts(context.Snapshot);

    protected override string ResourceId(NetworkInterface resource) => resource.NetworkInterfaceId;

    // A public subnet routes to an internet gateway: its interfaces (NAT gateway, ALB) are meant to be public. A public
    // NAT gateway holds its Elastic IP by design; where it sits is AppSubnetsReachInternetOnlyThroughNat's finding.
    protected override string? NotApplicableBecause(EvaluationContext context, NetworkInterface eni) =>
        eni.SubnetId is { } subnet && new Network(context.Snapshot).IsPublic(subnet)
            ? $"EC2 network interface {eni.NetworkInterfaceId} sits in public subnet {subnet} (route to an internet gateway), where public addresses belong."
            : eni.InterfaceType == "nat_gateway"
                ? $"EC2 network interface {eni.NetworkInterfaceId} is a NAT gateway's, whose Elastic IP is its purpose; its placement is judged by AppSubnetsReachInternetOnlyThroughNat."
                : null;

    protected override string? NoneExpectedBecause(EvaluationContext context) => "every network interface in the stack VPC sits in a public subnet, so no private subnet holds an address.";

    protected override Finding Judge(EvaluationContext context, NetworkInterface eni)
    {
        if (eni.SubnetId is null)
        {
            return Unreported(context, eni.NetworkInterfaceId, $"EC2 network interface {eni.NetworkInterfaceId}", "SubnetId");
        }

        var address = eni.Association?.PublicIp;
        var evidence = Evidence.Of(("subnetId", eni.SubnetId), ("description", eni.Description), ("publicIp", address), ("allocationId", eni.Association?.AllocationId), ("ipOwnerId", eni.Association?.IpOwnerId));
        var name = eni.Description is { Length: > 0 } d ? $"{eni.NetworkInterfaceId} ({d})" : eni.NetworkInterfaceId;
        return address is null
            ? Pass(context, eni.NetworkInterfaceId, $"EC2 network interface {name} in private subnet {eni.SubnetId} has no public address.", evidence)
            : Fail(context, eni.NetworkInterfaceId, $"EC2 network interface {name} in private subnet {eni.SubnetId} carries the public address {address}{(eni.Association!.AllocationId is { } eip ? $" (Elastic IP {eip})" : "")}.", evidence);
    }
}
