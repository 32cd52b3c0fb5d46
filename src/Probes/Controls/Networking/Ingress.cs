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

    /// <summary>Everything a permission admits from ("0.0.0.0/0", "sg-123"), for messages and evidence.</summary>
    public static IEnumerable<string> Sources(IpPermission permission) =>
        permission.IpRanges.Concat(permission.Ipv6Ranges).Concat(permission.UserIdGroupPairs.Select(p => p.GroupId ?? "(another account's group)"));

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

        var problems = new List<string>();
        foreach (var permission in group.IpPermissions)
        {
            var strangers = Sources(permission).Where(s => !appGroups.Contains(s)).ToList();
            if (strangers.Count > 0)
            {
                problems.Add($"{Ports(permission)} from {string.Join(", ", strangers)}");
            }
            else if (!IsExactlyTcp(permission, port))
            {
                problems.Add($"{Ports(permission)} from the app instead of only tcp/{port}");
            }
        }

        var evidence = Evidence.Of(
            ("ingress", group.IpPermissions.Select(p => $"{Ports(p)} from {string.Join(" ", Sources(p))}")),
            ("appSecurityGroups", appGroups.Order(StringComparer.Ordinal)),
            ("port", port));
        var name = group.GroupName is { } n ? $"{groupId} ({n})" : groupId;
        var (status, message) = problems.Count == 0
            ? (FindingStatus.Pass, $"EC2 security group {name} of {usedBy} admits only tcp/{port} from the ECS tasks' security groups.")
            : (FindingStatus.Fail, $"EC2 security group {name} of {usedBy} also admits {string.Join("; ", problems)}.");
        return new Finding(control.Id, status, groupId, context.Region, message, evidence, context.ObservedAt);
    }

    /// <summary>The answers a data-tier check reads besides its own resources: the VPC's security groups and the ECS tasks' groups.</summary>
    public static IEnumerable<Fact> Facts(StackSnapshot snapshot) => [Fact.Of(snapshot.SecurityGroups), Fact.Of(snapshot.EcsServices)];
}
