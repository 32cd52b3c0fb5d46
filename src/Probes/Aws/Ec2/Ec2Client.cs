using Amazon.EC2;
using Sdk = Amazon.EC2.Model;
using Verification.Probes.Aws.Model;
using Verification.Probes.Aws.Transport;

namespace Verification.Probes.Aws.Ec2;

/// <summary>EC2 network questions about one VPC, asked through the official AWSSDK.EC2 client and mapped to our records.</summary>
public sealed class Ec2Client : IDisposable
{
    private readonly SdkCalls _calls;
    private readonly AmazonEC2Client _client;

    public Ec2Client(AwsSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        _calls = new SdkCalls(session, AwsService.Ec2);
        _client = new AmazonEC2Client(session.Credentials, _calls.Configure(new AmazonEC2Config()));
        Region = session.Region;
    }

    private string Region { get; }

    /// <summary>The VPC <paramref name="vpcId"/>.</summary>
    public async Task<Vpc> DescribeVpcAsync(string vpcId, CancellationToken cancellationToken)
    {
        var response = await _calls.RunAsync("DescribeVpcs", token => _client.DescribeVpcsAsync(new Sdk.DescribeVpcsRequest { VpcIds = [vpcId] }, token), cancellationToken).ConfigureAwait(false);
        var vpc = response.Vpcs?.FirstOrDefault()
            ?? throw new AwsServiceException(AwsService.Ec2.EndpointPrefix, "DescribeVpcs", Region, "NotFound", $"VPC {vpcId} was not returned", 200, response.ResponseMetadata?.RequestId);
        return new Vpc
        {
            VpcId = vpc.VpcId ?? vpcId,
            CidrBlock = vpc.CidrBlock,
            State = vpc.State?.Value,
            IsDefault = vpc.IsDefault ?? false,
            Tags = Tags(vpc.Tags),
        };
    }

    /// <summary>Every subnet of <paramref name="vpcId"/>.</summary>
    public Task<List<Subnet>> DescribeSubnetsAsync(string vpcId, CancellationToken cancellationToken) =>
        PagesAsync(
            "DescribeSubnets",
            (next, token) => _client.DescribeSubnetsAsync(new Sdk.DescribeSubnetsRequest { Filters = [VpcFilter("vpc-id", vpcId)], NextToken = next }, token),
            response => (response.Subnets, response.NextToken),
            subnet => new Subnet
            {
                SubnetId = subnet.SubnetId ?? "",
                VpcId = subnet.VpcId,
                CidrBlock = subnet.CidrBlock,
                AvailabilityZone = subnet.AvailabilityZone,
                MapPublicIpOnLaunch = subnet.MapPublicIpOnLaunch,
                Tags = Tags(subnet.Tags),
            },
            cancellationToken);

    /// <summary>Every route table of <paramref name="vpcId"/> with its routes and subnet associations.</summary>
    public Task<List<RouteTable>> DescribeRouteTablesAsync(string vpcId, CancellationToken cancellationToken) =>
        PagesAsync(
            "DescribeRouteTables",
            (next, token) => _client.DescribeRouteTablesAsync(new Sdk.DescribeRouteTablesRequest { Filters = [VpcFilter("vpc-id", vpcId)], NextToken = next }, token),
            response => (response.RouteTables, response.NextToken),
            table => new RouteTable
            {
                RouteTableId = table.RouteTableId ?? "",
                VpcId = table.VpcId,
                Associations = [.. (table.Associations ?? []).Select(association => new RouteTableAssociation
                {
                    RouteTableAssociationId = association.RouteTableAssociationId,
                    SubnetId = association.SubnetId,
                    Main = association.Main ?? false,
                })],
                Routes = [.. (table.Routes ?? []).Select(route => new Route
                {
                    DestinationCidrBlock = route.DestinationCidrBlock,
                    DestinationIpv6CidrBlock = route.DestinationIpv6CidrBlock,
                    GatewayId = route.GatewayId,
                    NatGatewayId = route.NatGatewayId,
                    State = route.State?.Value,
                })],
            },
            cancellationToken);

    /// <summary>Every NAT gateway in <paramref name="vpcId"/>.</summary>
    public Task<List<NatGateway>> DescribeNatGatewaysAsync(string vpcId, CancellationToken cancellationToken) =>
        PagesAsync(
            "DescribeNatGateways",
            (next, token) => _client.DescribeNatGatewaysAsync(new Sdk.DescribeNatGatewaysRequest { Filter = [VpcFilter("vpc-id", vpcId)], NextToken = next }, token),
            response => (response.NatGateways, response.NextToken),
            gateway => new NatGateway
            {
                NatGatewayId = gateway.NatGatewayId ?? "",
                SubnetId = gateway.SubnetId,
                VpcId = gateway.VpcId,
                State = gateway.State?.Value,
                ConnectivityType = gateway.ConnectivityType?.Value,
            },
            cancellationToken);

    /// <summary>Every security group in <paramref name="vpcId"/> with its ingress and egress rules.</summary>
    public Task<List<SecurityGroup>> DescribeSecurityGroupsAsync(string vpcId, CancellationToken cancellationToken) =>
        PagesAsync(
            "DescribeSecurityGroups",
            (next, token) => _client.DescribeSecurityGroupsAsync(new Sdk.DescribeSecurityGroupsRequest { Filters = [VpcFilter("vpc-id", vpcId)], NextToken = next }, token),
            response => (response.SecurityGroups, response.NextToken),
            group => new SecurityGroup
            {
                GroupId = group.GroupId ?? "",
                GroupName = group.GroupName,
                VpcId = group.VpcId,
                IpPermissions = Permissions(group.IpPermissions),
                IpPermissionsEgress = Permissions(group.IpPermissionsEgress),
            },
            cancellationToken);

    /// <summary>Every network interface in <paramref name="vpcId"/> (who owns it, which groups guard it, whether it is public).</summary>
    public Task<List<NetworkInterface>> DescribeNetworkInterfacesAsync(string vpcId, CancellationToken cancellationToken) =>
        PagesAsync(
            "DescribeNetworkInterfaces",
            (next, token) => _client.DescribeNetworkInterfacesAsync(new Sdk.DescribeNetworkInterfacesRequest { Filters = [VpcFilter("vpc-id", vpcId)], NextToken = next }, token),
            response => (response.NetworkInterfaces, response.NextToken),
            eni => new NetworkInterface
            {
                NetworkInterfaceId = eni.NetworkInterfaceId ?? "",
                SubnetId = eni.SubnetId,
                VpcId = eni.VpcId,
                Description = eni.Description,
                InterfaceType = eni.InterfaceType?.Value,
                RequesterId = eni.RequesterId,
                RequesterManaged = eni.RequesterManaged,
                OwnerId = eni.OwnerId,
                Status = eni.Status?.Value,
                PrivateIpAddress = eni.PrivateIpAddress,
                Groups = [.. (eni.Groups ?? []).Select(group => group.GroupId).OfType<string>()],
                Association = eni.Association is { } association
                    ? new NetworkInterfaceAssociation { PublicIp = association.PublicIp, AllocationId = association.AllocationId, IpOwnerId = association.IpOwnerId }
                    : null,
                Attachment = eni.Attachment is { } attachment
                    ? new NetworkInterfaceAttachment { AttachmentId = attachment.AttachmentId, InstanceId = attachment.InstanceId, InstanceOwnerId = attachment.InstanceOwnerId, Status = attachment.Status?.Value }
                    : null,
            },
            cancellationToken);

    /// <summary>The managed prefix lists <paramref name="prefixListIds"/> (AWS-managed or customer-managed), without their entries.</summary>
    public Task<List<ManagedPrefixList>> DescribeManagedPrefixListsAsync(IReadOnlyList<string> prefixListIds, CancellationToken cancellationToken) =>
        PagesAsync(
            "DescribeManagedPrefixLists",
            (next, token) => _client.DescribeManagedPrefixListsAsync(new Sdk.DescribeManagedPrefixListsRequest { PrefixListIds = [.. prefixListIds], NextToken = next }, token),
            response => (response.PrefixLists, response.NextToken),
            list => new ManagedPrefixList
            {
                PrefixListId = list.PrefixListId ?? "",
                PrefixListName = list.PrefixListName,
                AddressFamily = list.AddressFamily,
                State = list.State?.Value,
                OwnerId = list.OwnerId,
            },
            cancellationToken);

    /// <summary>Every entry (CIDR block) of the current version of the prefix list <paramref name="prefixListId"/>.</summary>
    public Task<List<PrefixListEntry>> GetManagedPrefixListEntriesAsync(string prefixListId, CancellationToken cancellationToken) =>
        PagesAsync(
            "GetManagedPrefixListEntries",
            (next, token) => _client.GetManagedPrefixListEntriesAsync(new Sdk.GetManagedPrefixListEntriesRequest { PrefixListId = prefixListId, NextToken = next }, token),
            response => (response.Entries, response.NextToken),
            entry => new PrefixListEntry { Cidr = entry.Cidr, Description = entry.Description },
            cancellationToken);

    /// <summary>The flow logs attached to <paramref name="vpcId"/>.</summary>
    public Task<List<FlowLog>> DescribeFlowLogsAsync(string vpcId, CancellationToken cancellationToken) =>
        PagesAsync(
            "DescribeFlowLogs",
            (next, token) => _client.DescribeFlowLogsAsync(new Sdk.DescribeFlowLogsRequest { Filter = [VpcFilter("resource-id", vpcId)], NextToken = next }, token),
            response => (response.FlowLogs, response.NextToken),
            flowLog => new FlowLog
            {
                FlowLogId = flowLog.FlowLogId ?? "",
                ResourceId = flowLog.ResourceId,
                FlowLogStatus = flowLog.FlowLogStatus,
                TrafficType = flowLog.TrafficType?.Value,
                LogDestinationType = flowLog.LogDestinationType?.Value,
            },
            cancellationToken);

    /// <summary>Every VPC endpoint in <paramref name="vpcId"/> (interface endpoints with their subnets, gateway endpoints with their route tables).</summary>
    public Task<List<VpcEndpoint>> DescribeVpcEndpointsAsync(string vpcId, CancellationToken cancellationToken) =>
        PagesAsync(
            "DescribeVpcEndpoints",
            (next, token) => _client.DescribeVpcEndpointsAsync(new Sdk.DescribeVpcEndpointsRequest { Filters = [VpcFilter("vpc-id", vpcId)], NextToken = next }, token),
            response => (response.VpcEndpoints, response.NextToken),
            endpoint => new VpcEndpoint
            {
                VpcEndpointId = endpoint.VpcEndpointId ?? "",
                VpcEndpointType = endpoint.VpcEndpointType?.Value,
                VpcId = endpoint.VpcId,
                ServiceName = endpoint.ServiceName,
                State = endpoint.State?.Value,
                RouteTableIds = [.. endpoint.RouteTableIds ?? []],
                SubnetIds = [.. endpoint.SubnetIds ?? []],
                PrivateDnsEnabled = endpoint.PrivateDnsEnabled,
            },
            cancellationToken);

    /// <summary>The internet gateways attached to <paramref name="vpcId"/>.</summary>
    public Task<List<InternetGateway>> DescribeInternetGatewaysAsync(string vpcId, CancellationToken cancellationToken) =>
        PagesAsync(
            "DescribeInternetGateways",
            (next, token) => _client.DescribeInternetGatewaysAsync(new Sdk.DescribeInternetGatewaysRequest { Filters = [VpcFilter("attachment.vpc-id", vpcId)], NextToken = next }, token),
            response => (response.InternetGateways, response.NextToken),
            gateway => new InternetGateway
            {
                InternetGatewayId = gateway.InternetGatewayId ?? "",
                Attachments = [.. (gateway.Attachments ?? []).Select(attachment => new InternetGatewayAttachment { VpcId = attachment.VpcId, State = attachment.State?.Value })],
            },
            cancellationToken);

    public void Dispose()
    {
        _client.Dispose();
        _calls.Dispose();
    }

    private static Sdk.Filter VpcFilter(string name, string value) => new() { Name = name, Values = [value] };

    // SDK v4 leaves empty collections null, so every list read goes through "?? []".
    private static List<Tag> Tags(List<Sdk.Tag>? tags) => [.. (tags ?? []).Select(tag => new Tag { Key = tag.Key ?? "", Value = tag.Value })];

    private static List<IpPermission> Permissions(List<Sdk.IpPermission>? permissions) =>
        [.. (permissions ?? []).Select(permission => new IpPermission
        {
            IpProtocol = permission.IpProtocol ?? "",
            FromPort = permission.FromPort,
            ToPort = permission.ToPort,
            IpRanges = [.. (permission.Ipv4Ranges ?? []).Select(range => range.CidrIp).OfType<string>()],
            Ipv6Ranges = [.. (permission.Ipv6Ranges ?? []).Select(range => range.CidrIpv6).OfType<string>()],
            UserIdGroupPairs = [.. (permission.UserIdGroupPairs ?? []).Select(pair => new UserIdGroupPair { GroupId = pair.GroupId })],
            PrefixListIds = [.. (permission.PrefixListIds ?? []).Select(prefixList => new PrefixListSource { PrefixListId = prefixList.Id })],
        })];

    private async Task<List<TRecord>> PagesAsync<TResponse, TItem, TRecord>(
        string operation,
        Func<string?, CancellationToken, Task<TResponse>> page,
        Func<TResponse, (List<TItem>? Items, string? NextToken)> read,
        Func<TItem, TRecord> map,
        CancellationToken cancellationToken)
        where TResponse : Amazon.Runtime.AmazonWebServiceResponse
    {
        var pages = await Paging.AllAsync(
            AwsService.Ec2.EndpointPrefix,
            operation,
            Region,
            (token, ct) => _calls.RunAsync(operation, inner => page(token, inner), ct),
            response => read(response).NextToken,
            _calls.Time,
            cancellationToken).ConfigureAwait(false);
        return [.. pages.SelectMany(response => (read(response).Items ?? []).Select(map))];
    }
}
