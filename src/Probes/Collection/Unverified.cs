using Verification.Probes.Aws.Model;

namespace Verification.Probes.Collection;

/// <summary>
/// Finds network interfaces in the stack VPC that belong to no checked resource. AWS names an interface's owner only
/// in its description and requester id, so the match is by those conventions (e.g. "ELB app/name/id",
/// "ElastiCache cluster-id", requester "amazon-rds", "Interface for NAT Gateway nat-...").
/// </summary>
internal static class Unverified
{
    public static List<NetworkInterface> Among(StackSnapshot snapshot, List<NetworkInterface> interfaces)
    {
        var clues = new List<string>();
        clues.AddRange((snapshot.LoadBalancers.Value ?? []).Select(lb => "ELB " + lb.LoadBalancerArn[(lb.LoadBalancerArn.IndexOf("loadbalancer/", StringComparison.Ordinal) + "loadbalancer/".Length)..]));
        clues.AddRange((snapshot.CacheClusters.Value ?? []).Select(c => "ElastiCache " + c.CacheClusterId));
        clues.AddRange((snapshot.NatGateways.Value ?? []).Select(n => n.NatGatewayId));
        var dbSecurityGroups = (snapshot.DBInstances.Value ?? []).SelectMany(i => i.VpcSecurityGroups.Select(g => g.VpcSecurityGroupId))
            .Concat((snapshot.DBClusters.Value ?? []).SelectMany(c => c.VpcSecurityGroups.Select(g => g.VpcSecurityGroupId)))
            .ToHashSet(StringComparer.Ordinal);
        var taskSecurityGroups = (snapshot.EcsServices.Value ?? []).SelectMany(s => s.NetworkConfiguration?.SecurityGroups ?? []).ToHashSet(StringComparer.Ordinal);

        return [.. interfaces.Where(eni =>
            !clues.Any(c => eni.Description?.Contains(c, StringComparison.Ordinal) == true)
            && !(eni.RequesterId == "amazon-rds" && eni.Groups.Any(dbSecurityGroups.Contains))
            && !(eni.InterfaceType is "interface" or null && eni.Description?.StartsWith("arn:aws:ecs:", StringComparison.Ordinal) == true && eni.Groups.Any(taskSecurityGroups.Contains)))];
    }
}
