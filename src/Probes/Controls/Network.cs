using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls;

/// <summary>Routing facts about the stack VPC's subnets, derived from route tables (a subnet without an explicit association uses the main table).</summary>
public sealed class Network(StackSnapshot snapshot)
{
    /// <summary>Why routing cannot be judged, or null when subnets and route tables were collected.</summary>
    public CollectionError? Unavailable => snapshot.Subnets.Error ?? snapshot.RouteTables.Error;

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

    /// <summary>True when the subnet routes to an internet gateway, i.e. it is public.</summary>
    public bool IsPublic(string subnetId) => InternetGatewayRoute(subnetId) is not null;

    /// <summary>The subnets among <paramref name="subnetIds"/> that are public, each with its gateway ("subnet-1 (igw-2)").</summary>
    public List<string> PublicAmong(IEnumerable<string> subnetIds) =>
        [.. subnetIds.Where(IsPublic).Select(s => $"{s} (route to {InternetGatewayRoute(s)})")];
}
