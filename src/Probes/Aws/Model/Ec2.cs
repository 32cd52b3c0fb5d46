namespace Verification.Probes.Aws.Model;

// Our own records for EC2 (names as in the EC2 API Reference); the official AWSSDK.EC2 client fetches them and
// Ec2Client maps its types here so the snapshot stays one self-describing JSON document.

public sealed record Vpc
{
    public string VpcId { get; init; } = "";
    public string? CidrBlock { get; init; }
    public string? State { get; init; }
    public bool IsDefault { get; init; }
    public List<Tag> Tags { get; init; } = [];
}

public sealed record Subnet
{
    public string SubnetId { get; init; } = "";
    public string? VpcId { get; init; }
    public string? CidrBlock { get; init; }
    public string? AvailabilityZone { get; init; }
    /// <summary>Null when EC2 did not say: never read as "no public IPs".</summary>
    public bool? MapPublicIpOnLaunch { get; init; }
    public List<Tag> Tags { get; init; } = [];
}

public sealed record RouteTableAssociation
{
    public string? RouteTableAssociationId { get; init; }
    public string? SubnetId { get; init; }
    public bool Main { get; init; }
}

public sealed record Route
{
    public string? DestinationCidrBlock { get; init; }
    public string? DestinationIpv6CidrBlock { get; init; }
    public string? GatewayId { get; init; }
    public string? NatGatewayId { get; init; }
    public string? State { get; init; }
}

public sealed record RouteTable
{
    public string RouteTableId { get; init; } = "";
    public string? VpcId { get; init; }
    public List<RouteTableAssociation> Associations { get; init; } = [];
    public List<Route> Routes { get; init; } = [];
}

public sealed record NatGateway
{
    public string NatGatewayId { get; init; } = "";
    public string? SubnetId { get; init; }
    public string? VpcId { get; init; }
    public string? State { get; init; }
    public string? ConnectivityType { get; init; }
}

public sealed record InternetGatewayAttachment
{
    public string? VpcId { get; init; }
    public string? State { get; init; }
}

public sealed record InternetGateway
{
    public string InternetGatewayId { get; init; } = "";
    public List<InternetGatewayAttachment> Attachments { get; init; } = [];
}

public sealed record UserIdGroupPair
{
    public string? GroupId { get; init; }
}

public sealed record IpPermission
{
    public string IpProtocol { get; init; } = "";
    public int? FromPort { get; init; }
    public int? ToPort { get; init; }
    public List<string> IpRanges { get; init; } = [];
    public List<string> Ipv6Ranges { get; init; } = [];
    public List<UserIdGroupPair> UserIdGroupPairs { get; init; } = [];
    public List<PrefixListSource> PrefixListIds { get; init; } = [];
}

/// <summary>A managed prefix list named as a security group rule's source (AWS shape PrefixListId; renamed because a member cannot share its type's name).</summary>
public sealed record PrefixListSource
{
    public string? PrefixListId { get; init; }
}

public sealed record SecurityGroup
{
    public string GroupId { get; init; } = "";
    public string? GroupName { get; init; }
    public string? VpcId { get; init; }
    public List<IpPermission> IpPermissions { get; init; } = [];
    public List<IpPermission> IpPermissionsEgress { get; init; } = [];
}

public sealed record NetworkInterface
{
    public string NetworkInterfaceId { get; init; } = "";
    public string? SubnetId { get; init; }
    public string? VpcId { get; init; }
    public string? Description { get; init; }
    public string? InterfaceType { get; init; }
    public string? RequesterId { get; init; }
    /// <summary>Null when EC2 did not say.</summary>
    public bool? RequesterManaged { get; init; }
    public string? OwnerId { get; init; }
    public string? Status { get; init; }
    public string? PrivateIpAddress { get; init; }
    public List<string> Groups { get; init; } = [];
    /// <summary>The public IPv4 address (auto-assigned or Elastic IP) on the interface; null when it has none.</summary>
    public NetworkInterfaceAssociation? Association { get; init; }
    /// <summary>What the interface is attached to; null when it is detached.</summary>
    public NetworkInterfaceAttachment? Attachment { get; init; }
}

public sealed record NetworkInterfaceAssociation
{
    public string? PublicIp { get; init; }
    /// <summary>The Elastic IP's allocation id; null for an address assigned on launch.</summary>
    public string? AllocationId { get; init; }
    public string? IpOwnerId { get; init; }
}

public sealed record NetworkInterfaceAttachment
{
    public string? AttachmentId { get; init; }
    public string? InstanceId { get; init; }
    public string? InstanceOwnerId { get; init; }
    public string? Status { get; init; }
}

/// <summary>A managed prefix list and its entries (DescribeManagedPrefixLists, then GetManagedPrefixListEntries).</summary>
public sealed record ManagedPrefixList
{
    public string PrefixListId { get; init; } = "";
    public string? PrefixListName { get; init; }
    public string? AddressFamily { get; init; }
    public string? State { get; init; }
    public string? OwnerId { get; init; }
    public List<PrefixListEntry> Entries { get; init; } = [];
}

public sealed record PrefixListEntry
{
    public string? Cidr { get; init; }
    public string? Description { get; init; }
}

public sealed record FlowLog
{
    public string FlowLogId { get; init; } = "";
    public string? ResourceId { get; init; }
    public string? FlowLogStatus { get; init; }
    public string? TrafficType { get; init; }
    public string? LogDestinationType { get; init; }
}

/// <summary>A VPC endpoint (DescribeVpcEndpoints): an interface endpoint's subnets and private DNS, a gateway endpoint's route tables.</summary>
public sealed record VpcEndpoint
{
    public string VpcEndpointId { get; init; } = "";
    /// <summary>Interface, Gateway, GatewayLoadBalancer, ... as EC2 spells it.</summary>
    public string? VpcEndpointType { get; init; }
    public string? VpcId { get; init; }
    /// <summary>The service it reaches, e.g. com.amazonaws.us-east-1.ecr.dkr.</summary>
    public string? ServiceName { get; init; }
    /// <summary>The endpoint's state: the wire says "available", which AWSSDK.EC2 reads as its capitalised State.Available constant.</summary>
    public string? State { get; init; }
    public List<string> RouteTableIds { get; init; } = [];
    public List<string> SubnetIds { get; init; } = [];
    /// <summary>Null when EC2 did not say: never read as "private DNS off" or "on".</summary>
    public bool? PrivateDnsEnabled { get; init; }
}
