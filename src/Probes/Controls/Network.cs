using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

using Verification.Probes.Controls.Database;

namespace Verification.Probes.Controls;

/// <summary>Routing facts about the stack VPC's subnets, derived from route tables (a subnet without an explicit association uses the main table).</summary>
public sealed class Network(StackSnapshot snapshot)
{
    /// <summary>The answers routing is judged from: a control that reads routing declares these.</summary>
    public static IEnumerable<Fact> Facts(StackSnapshot snapshot) => [Fact.Of(snapshot.Subnets), Fact.Of(snapshot.RouteTables)];

    /// <summary>The answers that say which subnets the stack's services, databases and caches use.</summary>
    public static IEnumerable<Fact> PlacementFacts(StackSnapshot snapshot) =>
        [Fact.Of(snapshot.EcsServices), .. DatabaseUnit.Facts(snapshot), Fact.Of(snapshot.CacheClusters), Fact.Of(snapshot.CacheSubnetGroups)];

    /// <summary>The subnets among <paramref name="subnetIds"/> that no route table governs (no explicit association and no main table): their routing is unknown.</summary>
    public List<string> UnroutedAmong(IEnumerable<string> subnetIds) => [.. subnetIds.Where(s => RouteTableOf(s) is null)];

    /// <summary>The route table that governs <paramref name="subnetId"/>.</summary>
    public RouteTable? RouteTableOf(string subnetId)
    {
        var tables = snapshot.RouteTables.Value ?? [];
        return tables.FirstOrDefault(t => t.Associations.Any(a => a.SubnetId == subnetId))
            ?? tables.FirstOrDefault(t => t.Associations.Any(a => a.Main));
    }

    /// <summary>The internet gateway a subnet's default route points at, or null when it has none.</summary>
    public string? InternetGatewayRoute(string subnetId) =>
        RouteTableOf(subnetId)?.Routes
            .Where(r => r.DestinationCidrBlock == "0.0.0.0/0" || r.DestinationIpv6CidrBlock == "::/0")
            .Select(r => r.GatewayId)
            .FirstOrDefault(g => g is not null && g.StartsWith("igw-", StringComparison.Ordinal));

    /// <summary>The IPv4 default route (0.0.0.0/0) of a subnet's route table, or null when it has none.</summary>
    public Route? DefaultRoute(string subnetId) =>
        RouteTableOf(subnetId)?.Routes.FirstOrDefault(r => r.DestinationCidrBlock == "0.0.0.0/0");

    /// <summary>The subnet with this id, or null when it is not in the stack VPC.</summary>
    public Subnet? FindSubnet(string subnetId) => (snapshot.Subnets.Value ?? []).FirstOrDefault(s => s.SubnetId == subnetId);

    /// <summary>True when the internet gateway is attached to the stack VPC (attachment state "available" or "attached").</summary>
    public bool IsAttachedToVpc(string internetGatewayId) =>
        (snapshot.InternetGateways.Value ?? []).Any(g => g.InternetGatewayId == internetGatewayId
            && g.Attachments.Any(a => a.VpcId == snapshot.Outputs.VpcId && a.State is "available" or "attached"));

    /// <summary>The subnets the stack's ECS services place tasks in.</summary>
    public List<string> AppSubnetIds() =>
        [.. (snapshot.EcsServices.Value ?? []).SelectMany(s => s.NetworkConfiguration?.Subnets ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The subnets of the stack's DB subnet groups and cache subnet groups.</summary>
    public List<string> DataSubnetIds()
    {
        var database = (DatabaseUnit.Of(snapshot).Value ?? []).SelectMany(d => d.SubnetIds);
        var cacheGroups = (snapshot.CacheClusters.Value ?? []).Select(c => c.CacheSubnetGroupName).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var cache = (snapshot.CacheSubnetGroups.Value ?? []).Where(g => cacheGroups.Contains(g.CacheSubnetGroupName)).SelectMany(g => g.Subnets.Select(s => s.SubnetIdentifier));
        return [.. database.Concat(cache).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>True when the subnet routes to an internet gateway, i.e. it is public.</summary>
    public bool IsPublic(string subnetId) => InternetGatewayRoute(subnetId) is not null;

    /// <summary>The subnets among <paramref name="subnetIds"/> that are public, each with its gateway ("subnet-1 (igw-2)").</summary>
    public List<string> PublicAmong(IEnumerable<string> subnetIds) =>
        [.. subnetIds.Where(IsPublic).Select(s => $"{s} (route to {InternetGatewayRoute(s)})")];
}
