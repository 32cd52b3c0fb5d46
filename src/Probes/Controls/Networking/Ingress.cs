using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Networking;

/// <summary>Reading security group ingress rules: which ports a permission opens and to whom.</summary>
internal static class Ingress
{
    /// <summary>The ports a permission opens, as people write them ("tcp/5432", "tcp/0-65535", "all traffic").</summary>
    public static string Ports(IpPermission permission) =>
        permission.IpProtocol == "-1" ? "all traffic"
        : permission.FromPort == permission.ToPort ? $"{permission.IpProtocol}/{permission.FromPort}"
        : $"{permission.IpProtocol}/{permission.FromPort}-{permission.ToPort}";

    /// <summary>True when the permission opens exactly the one TCP port.</summary>
    public static bool IsExactlyTcp(IpPermission permission, int port) =>
        permission.IpProtocol is "tcp" or "6" && permission.FromPort == port && permission.ToPort == port;

    /// <summary>Everything a permission admits from ("0.0.0.0/0", "::/0", "pl-123", "sg-123"), for messages and evidence.</summary>
    public static IEnumerable<string> Sources(IpPermission permission) =>
        permission.IpRanges.Concat(permission.Ipv6Ranges)
            .Concat(permission.PrefixListIds.Select(p => p.PrefixListId ?? "(a prefix list without an id)"))
            .Concat(permission.UserIdGroupPairs.Select(p => p.GroupId ?? "(another account's group)"));

    /// <summary>
    /// The address blocks a permission admits: its IPv4 and IPv6 ranges and the entries of the prefix lists it names.
    /// <paramref name="unresolved"/> lists what cannot be turned into addresses (a prefix list AWS did not return, a
    /// block that is not a CIDR): such a source is unknown, so the rule cannot be judged.
    /// </summary>
    public static List<string> Cidrs(IpPermission permission, IReadOnlyList<ManagedPrefixList> prefixLists, out List<string> unresolved)
    {
        var cidrs = new List<string>(permission.IpRanges.Concat(permission.Ipv6Ranges));
        unresolved = [];
        foreach (var source in permission.PrefixListIds)
        {
            if (prefixLists.FirstOrDefault(l => l.PrefixListId == source.PrefixListId) is { } list && list.Entries.All(e => e.Cidr is not null))
            {
                cidrs.AddRange(list.Entries.Select(e => e.Cidr!));
            }
            else
            {
                unresolved.Add($"prefix list {source.PrefixListId ?? "(no id)"} (not returned by DescribeManagedPrefixLists/GetManagedPrefixListEntries)");
            }
        }

        AddressSpace.Of(cidrs, out var unreadable);
        unresolved.AddRange(unreadable.Select(c => $"source {c} (not a CIDR block)"));
        return cidrs;
    }

    /// <summary>How a permission reads in evidence: its ports and sources, with each prefix list's entries.</summary>
    public static string Describe(IpPermission permission, IReadOnlyList<ManagedPrefixList> prefixLists) =>
        $"{Ports(permission)} from {string.Join(" ", Sources(permission).Select(s => prefixLists.FirstOrDefault(l => l.PrefixListId == s) is { } list ? $"{s}[{string.Join(" ", list.Entries.Select(e => e.Cidr))}]" : s))}";

    /// <summary>
    /// The verdict on a data-tier security group: every ingress rule must open only <paramref name="port"/> over TCP and
    /// only to the ECS tasks' security groups — no CIDR block (not even the VPC's), no other group.
    /// </summary>
    public static Finding JudgeDataTier(Control control, EvaluationContext context, string groupId, int port, string usedBy)
    {
        var appGroups = (context.Snapshot.EcsServices.Value ?? []).SelectMany(s => s.NetworkConfiguration?.SecurityGroups ?? []).ToHashSet(StringComparer.Ordinal);
        var group = (context.Snapshot.SecurityGroups.Value ?? []).FirstOrDefault(g => g.GroupId == groupId);
        if (group is null)
        {
            return new Finding(control.Id, FindingStatus.Error, groupId, context.Region,
                $"Could not evaluate: security group {groupId} of {usedBy} is not among the stack VPC's security groups.", Evidence.Of(), context.ObservedAt);
        }

        var prefixLists = context.Snapshot.PrefixLists.Value ?? [];
        var problems = new List<string>();
        var unknown = new List<string>();
        foreach (var permission in group.IpPermissions)
        {
            // Every address source is a stranger, public or not (even the VPC's own CIDR): only the app's groups may connect.
            var addresses = AddressSpace.Of(Cidrs(permission, prefixLists, out var unresolved), out _);
            unknown.AddRange(unresolved);
            var strangers = Sources(permission).Where(s => !appGroups.Contains(s)).ToList();
            if (strangers.Count > 0)
            {
                var reach = addresses.IsOpenToInternet ? " (open to the internet)" : addresses.AdmitsPublicAddresses ? " (public addresses)" : "";
                problems.Add($"{Ports(permission)} from {string.Join(", ", strangers)}{reach}");
            }
            else if (!IsExactlyTcp(permission, port))
            {
                problems.Add($"{Ports(permission)} from the app instead of only tcp/{port}");
            }
        }

        var name = group.GroupName is { } n ? $"{groupId} ({n})" : groupId;
        if (unknown.Count > 0)
        {
            return new Finding(control.Id, FindingStatus.Error, groupId, context.Region,
                $"Could not evaluate: EC2 security group {name} of {usedBy} admits sources whose addresses are unknown: {string.Join("; ", unknown)}.",
                Evidence.Of(("unresolved", unknown)), context.ObservedAt);
        }

        var evidence = Evidence.Of(
            ("ingress", group.IpPermissions.Select(p => Describe(p, prefixLists))),
            ("appSecurityGroups", appGroups.Order(StringComparer.Ordinal)),
            ("port", port));
        var (status, message) = problems.Count == 0
            ? (FindingStatus.Pass, $"EC2 security group {name} of {usedBy} admits only tcp/{port} from the ECS tasks' security groups.")
            : (FindingStatus.Fail, $"EC2 security group {name} of {usedBy} also admits {string.Join("; ", problems)}.");
        return new Finding(control.Id, status, groupId, context.Region, message, evidence, context.ObservedAt);
    }

    /// <summary>The answers a data-tier check reads besides its own resources: the VPC's security groups, the prefix lists they name and the ECS tasks' groups.</summary>
    public static IEnumerable<Fact> Facts(StackSnapshot snapshot) => [Fact.Of(snapshot.SecurityGroups), Fact.Of(snapshot.PrefixLists), Fact.Of(snapshot.EcsServices)];
}
