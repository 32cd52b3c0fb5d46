using Verification.Probes.Aws.Model;

namespace Verification.Probes.Collection;

/// <summary>The stack VPC and what is in it.</summary>
internal sealed record NetworkPart(
    Task<Fetched<Vpc>> Vpc,
    Task<Fetched<List<Subnet>>> Subnets,
    Task<Fetched<List<RouteTable>>> RouteTables,
    Task<Fetched<List<NatGateway>>> NatGateways,
    Task<Fetched<List<InternetGateway>>> InternetGateways,
    Task<Fetched<List<SecurityGroup>>> SecurityGroups,
    Task<Fetched<List<ManagedPrefixList>>> PrefixLists,
    Task<Fetched<List<NetworkInterface>>> NetworkInterfaces,
    Task<Fetched<List<FlowLog>>> FlowLogs,
    Task<Fetched<List<VpcEndpoint>>> VpcEndpoints);

/// <summary>Asks the EC2 questions about the stack VPC, all at once.</summary>
internal static class NetworkCollector
{
    public static NetworkPart Start(AwsQuestions aws, string vpcId, CancellationToken ct)
    {
        var securityGroups = aws.Ask($"ec2:DescribeSecurityGroups:{vpcId}", () => aws.Ec2.DescribeSecurityGroupsAsync(vpcId, ct));
        return new(
            aws.Ask($"ec2:DescribeVpcs:{vpcId}", () => aws.Ec2.DescribeVpcAsync(vpcId, ct)),
            aws.Ask($"ec2:DescribeSubnets:{vpcId}", () => aws.Ec2.DescribeSubnetsAsync(vpcId, ct)),
            aws.Ask($"ec2:DescribeRouteTables:{vpcId}", () => aws.Ec2.DescribeRouteTablesAsync(vpcId, ct)),
            aws.Ask($"ec2:DescribeNatGateways:{vpcId}", () => aws.Ec2.DescribeNatGatewaysAsync(vpcId, ct)),
            aws.Ask($"ec2:DescribeInternetGateways:{vpcId}", () => aws.Ec2.DescribeInternetGatewaysAsync(vpcId, ct)),
            securityGroups,
            PrefixListsAsync(aws, securityGroups, ct),
            aws.Ask($"ec2:DescribeNetworkInterfaces:{vpcId}", () => aws.Ec2.DescribeNetworkInterfacesAsync(vpcId, ct)),
            aws.Ask($"ec2:DescribeFlowLogs:{vpcId}", () => aws.Ec2.DescribeFlowLogsAsync(vpcId, ct)),
            aws.Ask($"ec2:DescribeVpcEndpoints:{vpcId}", () => aws.Ec2.DescribeVpcEndpointsAsync(vpcId, ct)));
    }

    /// <summary>
    /// The managed prefix lists the VPC's security group ingress rules name as sources, each with its entries. A failed call
    /// fails the whole list (a rule's source is then unknown); a list AWS does not return is left out, so the rule
    /// naming it reads as unresolvable.
    /// </summary>
    private static async Task<Fetched<List<ManagedPrefixList>>> PrefixListsAsync(AwsQuestions aws, Task<Fetched<List<SecurityGroup>>> securityGroups, CancellationToken ct)
    {
        var groups = await securityGroups.ConfigureAwait(false);
        if (groups.Error is { } error)
        {
            return Fetched<List<ManagedPrefixList>>.Failed(error);
        }

        var ids = PrefixListIdsOf(groups.Value!);
        if (ids.Count == 0)
        {
            return Fetched<List<ManagedPrefixList>>.Of([]);
        }

        var lists = await aws.Ask($"ec2:DescribeManagedPrefixLists:{string.Join(',', ids)}", () => aws.Ec2.DescribeManagedPrefixListsAsync(ids, ct)).ConfigureAwait(false);
        if (lists.Error is { } listError)
        {
            return Fetched<List<ManagedPrefixList>>.Failed(listError);
        }

        var described = lists.Value!.Where(l => ids.Contains(l.PrefixListId)).DistinctBy(l => l.PrefixListId).ToList();
        var entries = await Task.WhenAll(described.Select(l => aws.Ask($"ec2:GetManagedPrefixListEntries:{l.PrefixListId}", () => aws.Ec2.GetManagedPrefixListEntriesAsync(l.PrefixListId, ct)))).ConfigureAwait(false);
        if (entries.FirstOrDefault(e => e.Error is not null)?.Error is { } entryError)
        {
            return Fetched<List<ManagedPrefixList>>.Failed(entryError);
        }

        return Fetched<List<ManagedPrefixList>>.Of([.. described.Zip(entries, (list, answer) => list with { Entries = answer.Value! })]);
    }

    /// <summary>
    /// Every prefix list id named by an ingress rule, sorted so the question's key is stable. Egress lists (the S3
    /// gateway endpoint's, say) are judged by no control, so they are not asked about and cannot fail the ingress checks.
    /// </summary>
    internal static List<string> PrefixListIdsOf(IEnumerable<SecurityGroup> groups) =>
        [.. groups.SelectMany(g => g.IpPermissions)
            .SelectMany(p => p.PrefixListIds)
            .Select(p => p.PrefixListId)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
}
