using Verification.Probes.Aws.Model;

namespace Verification.Probes.Collection;

/// <summary>
/// Finds network interfaces in the stack VPC that belong to no checked resource. AWS names an interface's owner only
/// in its description and requester id, so the match is by those conventions (e.g. "ELB app/name/id",
/// "ElastiCache cluster-id", requester "amazon-rds", "Interface for NAT Gateway nat-..."). A description alone can be
/// written by anyone who creates an interface, so a service's convention counts only on an interface the service
/// manages (RequesterManaged true, or the service's own interface type).
/// </summary>
internal static class Unverified
{
    public static List<NetworkInterface> Among(StackSnapshot snapshot, List<NetworkInterface> interfaces)
    {
        var owners = Owners.Of(snapshot);
        return [.. interfaces.Where(eni => owners.Of(eni) is null)];
    }

    /// <summary>What the stack's checked resources are, as clues to match interfaces against.</summary>
    internal sealed class Owners
    {
        private readonly List<(string Clue, string Owner)> _described = [];
        private readonly HashSet<string> _dbSecurityGroups;
        private readonly HashSet<string> _taskSecurityGroups;

        private Owners(StackSnapshot snapshot)
        {
            _described.AddRange((snapshot.LoadBalancers.Value ?? []).Select(lb =>
                ("ELB " + lb.LoadBalancerArn[(lb.LoadBalancerArn.IndexOf("loadbalancer/", StringComparison.Ordinal) + "loadbalancer/".Length)..], $"load balancer {lb.LoadBalancerName}")));
            _described.AddRange((snapshot.CacheClusters.Value ?? []).Select(c => ("ElastiCache " + c.CacheClusterId, $"ElastiCache node {c.CacheClusterId}")));
            _described.AddRange((snapshot.NatGateways.Value ?? []).Select(n => (n.NatGatewayId, $"NAT gateway {n.NatGatewayId}")));
            _dbSecurityGroups = (snapshot.DBInstances.Value ?? []).SelectMany(i => i.VpcSecurityGroups.Select(g => g.VpcSecurityGroupId))
                .Concat((snapshot.DBClusters.Value ?? []).SelectMany(c => c.VpcSecurityGroups.Select(g => g.VpcSecurityGroupId)))
                .ToHashSet(StringComparer.Ordinal);
            _taskSecurityGroups = (snapshot.EcsServices.Value ?? []).SelectMany(s => s.NetworkConfiguration?.SecurityGroups ?? []).ToHashSet(StringComparer.Ordinal);
        }

        public static Owners Of(StackSnapshot snapshot) => new(snapshot);

        /// <summary>The checked resource the interface belongs to ("load balancer healthcare-alb-dev"), or null when it belongs to none.</summary>
        public string? Of(NetworkInterface eni)
        {
            var managed = eni.RequesterManaged == true || eni.InterfaceType == "nat_gateway";
            if (managed && _described.FirstOrDefault(d => eni.Description?.Contains(d.Clue, StringComparison.Ordinal) == true) is { Owner: { } owner })
            {
                return owner;
            }

            if (eni.RequesterId == "amazon-rds" && eni.Groups.Any(_dbSecurityGroups.Contains))
            {
                return "a stack database (RDS-managed, with a stack DB security group)";
            }

            return eni.InterfaceType is "interface" or null && eni.Description?.StartsWith("arn:aws:ecs:", StringComparison.Ordinal) == true && eni.Groups.Any(_taskSecurityGroups.Contains)
                ? "a stack ECS task (with the tasks' security group)"
                : null;
        }
    }
}
