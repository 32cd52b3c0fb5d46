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
    Task<Fetched<List<NetworkInterface>>> NetworkInterfaces,
    Task<Fetched<List<FlowLog>>> FlowLogs);

/// <summary>Asks the EC2 questions about the stack VPC, all at once.</summary>
internal static class NetworkCollector
{
    public static NetworkPart Start(AwsQuestions aws, string vpcId, CancellationToken ct) => new(
        aws.Ask($"ec2:DescribeVpcs:{vpcId}", () => aws.Ec2.DescribeVpcAsync(vpcId, ct)),
        aws.Ask($"ec2:DescribeSubnets:{vpcId}", () => aws.Ec2.DescribeSubnetsAsync(vpcId, ct)),
        aws.Ask($"ec2:DescribeRouteTables:{vpcId}", () => aws.Ec2.DescribeRouteTablesAsync(vpcId, ct)),
        aws.Ask($"ec2:DescribeNatGateways:{vpcId}", () => aws.Ec2.DescribeNatGatewaysAsync(vpcId, ct)),
        aws.Ask($"ec2:DescribeInternetGateways:{vpcId}", () => aws.Ec2.DescribeInternetGatewaysAsync(vpcId, ct)),
        aws.Ask($"ec2:DescribeSecurityGroups:{vpcId}", () => aws.Ec2.DescribeSecurityGroupsAsync(vpcId, ct)),
        aws.Ask($"ec2:DescribeNetworkInterfaces:{vpcId}", () => aws.Ec2.DescribeNetworkInterfacesAsync(vpcId, ct)),
        aws.Ask($"ec2:DescribeFlowLogs:{vpcId}", () => aws.Ec2.DescribeFlowLogsAsync(vpcId, ct)));
}
