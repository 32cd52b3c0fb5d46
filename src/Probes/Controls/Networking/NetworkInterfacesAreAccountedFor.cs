using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Networking;

/// <summary>Every network interface in the stack VPC belongs to a resource this suite checks.</summary>
/// <remarks>
/// An interface nobody can attribute is reported as a Fail, not an Error: the call succeeded and the interface is
/// real, it is simply not verified by any control (an instance, a Lambda, a VPC endpoint, another team's service), so
/// the user either removes it, brings it into the stack, or waives it with the explanation. When the interface list
/// itself is incomplete (a scope gap on DescribeNetworkInterfaces) or an owner list failed, the control is an Error.
/// </remarks>
public sealed class NetworkInterfacesAreAccountedFor : ResourceControl<NetworkInterface>
{
    public override string Title => "Every network interface in the stack VPC belongs to a checked stack resource";
    public override string Area => "Network";
    public override string Service => "EC2";
    public override Severity Severity => Severity.Medium;
    public override string Risk => "An interface no control attributes (a forgotten instance, a Lambda, an endpoint, another workload) sits beside the ePHI database and cache with security groups, addresses and software nobody verified, and may reach them.";
    public override string Remediation => "Delete the interface or the resource behind it (terraform state list / pulumi stack --show-urns shows whether the IaC owns it), move other workloads to their own VPC, or record it in the waivers file with the owner and a justification.";
    public override IReadOnlyList<string> Hipaa => ["164.308(a)(1)(ii)(A)", "164.312(a)(1)"];
    protected override string ResourceKind => "network interface";

    protected override Fetched<List<NetworkInterface>> Resources(EvaluationContext context) => context.Snapshot.NetworkInterfaces;

    // The owners an interface is matched against: a failed list would leave its interfaces looking like strangers.
    protected override IEnumerable<Fact> MoreFacts(EvaluationContext context)
    {
        var snapshot = context.Snapshot;
        var gaps = snapshot.ScopeGaps.Where(g => g.Error.Action == "ec2:DescribeNetworkInterfaces").Select(g => new Fact("ScopeGaps", g.Error, false));
        return [.. gaps, Fact.Of(snapshot.LoadBalancers), Fact.Of(snapshot.CacheClusters), Fact.Of(snapshot.NatGateways), Fact.Of(snapshot.DBInstances), Fact.Of(snapshot.DBClusters), Fact.Of(snapshot.EcsServices)];
    }

    protected override string ResourceId(NetworkInterface resource) => resource.NetworkInterfaceId;

    protected override Finding Judge(EvaluationContext context, NetworkInterface eni)
    {
        var owner = Unverified.Owners.Of(context.Snapshot).Of(eni);
        var evidence = Evidence.Of(
            ("description", eni.Description), ("interfaceType", eni.InterfaceType), ("requesterId", eni.RequesterId), ("requesterManaged", eni.RequesterManaged),
            ("ownerId", eni.OwnerId), ("status", eni.Status), ("subnetId", eni.SubnetId), ("privateIpAddress", eni.PrivateIpAddress), ("publicIp", eni.Association?.PublicIp),
            ("attachment.instanceId", eni.Attachment?.InstanceId), ("attachment.instanceOwnerId", eni.Attachment?.InstanceOwnerId), ("groups", eni.Groups), ("belongsTo", owner));
        if (owner is not null)
        {
            return Pass(context, eni.NetworkInterfaceId, $"EC2 network interface {eni.NetworkInterfaceId} belongs to {owner}.", evidence);
        }

        var what = new List<string>
        {
            eni.Description is { Length: > 0 } d ? $"description \"{d}\"" : "no description",
            $"type {eni.InterfaceType ?? "unreported"}",
            $"requester {eni.RequesterId ?? "unreported"} (RequesterManaged {Show(eni.RequesterManaged)})",
            eni.Attachment is { } a ? $"attached to {a.InstanceId ?? "no instance"} owned by {a.InstanceOwnerId ?? "unreported"}" : "not attached",
            $"subnet {eni.SubnetId ?? "unreported"}, {eni.PrivateIpAddress ?? "no private address"}{(eni.Association?.PublicIp is { } ip ? ", public " + ip : "")}",
        };
        return Fail(context, eni.NetworkInterfaceId, $"EC2 network interface {eni.NetworkInterfaceId} belongs to no checked stack resource ({string.Join("; ", what)}): remove it, bring it into the stack, or waive it with an explanation.", evidence);
    }

    private static string Show(bool? value) => value switch { true => "true", false => "false", null => "unreported" };
}
