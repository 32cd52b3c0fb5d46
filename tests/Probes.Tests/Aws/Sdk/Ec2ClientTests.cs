using System.Net;
using NUnit.Framework;
using Verification.Probes.Aws;
using Verification.Probes.Aws.Ec2;

namespace Verification.Probes.Tests.Aws.Sdk;

public sealed class Ec2ClientTests
{
    private const string VpcId = "vpc-0a1b2c3d4e5f67890";

    [Test]
    public async Task The_vpc_is_read_through_the_endpoint_override()
    {
        using var wire = new SdkWire();
        wire.AnswerXml("ec2", "DescribeVpcs.response.xml");
        using var client = new Ec2Client(wire.Session);

        var vpc = await client.DescribeVpcAsync(VpcId, CancellationToken.None);

        var call = wire.Session.Calls.Calls.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(vpc.VpcId, Is.EqualTo(VpcId));
            Assert.That(vpc.CidrBlock, Is.EqualTo("10.0.0.0/16"));
            Assert.That(vpc.State, Is.EqualTo("available"));
            Assert.That(vpc.IsDefault, Is.False);
            Assert.That(vpc.Tags.Single().Value, Is.EqualTo("hipaa-vpc"));
            Assert.That(wire.Server.Requests.Single().Body, Does.Contain("Action=DescribeVpcs").And.Contain("VpcId.1=" + VpcId));
            Assert.That(call.Action, Is.EqualTo("ec2:DescribeVpcs"));
            Assert.That(call.Outcome, Is.EqualTo(AwsCallOutcome.Succeeded));
            Assert.That(call.RequestId, Is.EqualTo("8b67ac77-886c-4027-8f0e-d351f7fc9971"));
            Assert.That(call.Attempts, Is.EqualTo(1));
            Assert.That(call.StartedAt, Is.EqualTo(new DateTimeOffset(2024, 6, 1, 12, 0, 0, TimeSpan.Zero)));
        }
    }

    [Test]
    public async Task Subnets_are_filtered_by_vpc_and_keep_public_ip_mapping()
    {
        using var wire = new SdkWire();
        wire.AnswerXml("ec2", "DescribeSubnets.response.xml");
        using var client = new Ec2Client(wire.Session);

        var subnets = await client.DescribeSubnetsAsync(VpcId, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(subnets.Select(s => s.SubnetId), Is.EqualTo(new[] { "subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002", "subnet-0a1b2c3d4e5f60003" }));
            Assert.That(subnets[0].CidrBlock, Is.EqualTo("10.0.10.0/24"));
            Assert.That(subnets[0].AvailabilityZone, Is.EqualTo("us-east-1a"));
            Assert.That(subnets[0].MapPublicIpOnLaunch, Is.False);
            Assert.That(subnets[2].MapPublicIpOnLaunch, Is.True);
            Assert.That(subnets[2].Tags.Single().Value, Is.EqualTo("hipaa-public-a"));
            Assert.That(wire.Server.Requests.Single().Body, Does.Contain("Filter.1.Name=vpc-id").And.Contain("Filter.1.Value.1=" + VpcId));
        }
    }

    [Test]
    public async Task Subnets_are_read_to_the_last_page()
    {
        using var wire = new SdkWire();
        var firstPage = SdkWire.Sample("ec2", "DescribeSubnets.response.xml").Replace("</subnetSet>", "</subnetSet>\n    <nextToken>page-2</nextToken>", StringComparison.Ordinal);
        wire.Server.Enqueue(HttpStatusCode.OK, firstPage, "text/xml");
        wire.AnswerXml("ec2", "DescribeSubnets.response.xml");
        using var client = new Ec2Client(wire.Session);

        var subnets = await client.DescribeSubnetsAsync(VpcId, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(subnets, Has.Count.EqualTo(6));
            Assert.That(wire.Server.Requests[1].Body, Does.Contain("NextToken=page-2"));
            Assert.That(wire.Session.Calls.Calls, Has.Count.EqualTo(2));
        }
    }

    [Test]
    public async Task Route_tables_keep_the_nat_gateway_route_and_the_main_association()
    {
        using var wire = new SdkWire();
        wire.AnswerXml("ec2", "DescribeRouteTables.response.xml");
        using var client = new Ec2Client(wire.Session);

        var tables = await client.DescribeRouteTablesAsync(VpcId, CancellationToken.None);

        var publicDefault = tables[0].Routes.Single(r => r.DestinationCidrBlock == "0.0.0.0/0");
        var privateDefault = tables[1].Routes.Single(r => r.DestinationCidrBlock == "0.0.0.0/0");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(publicDefault.GatewayId, Is.EqualTo("igw-0a1b2c3d4e5f60021"));
            Assert.That(privateDefault.NatGatewayId, Is.EqualTo("nat-0a1b2c3d4e5f60031"));
            Assert.That(privateDefault.GatewayId, Is.Null);
            Assert.That(privateDefault.State, Is.EqualTo("active"));
            Assert.That(tables[0].Associations.Single().SubnetId, Is.EqualTo("subnet-0a1b2c3d4e5f60003"));
            Assert.That(tables[1].Associations.Single().Main, Is.True);
        }
    }

    [Test]
    public async Task Security_group_rules_keep_source_groups_and_cidrs()
    {
        using var wire = new SdkWire();
        wire.AnswerXml("ec2", "DescribeSecurityGroups.response.xml");
        using var client = new Ec2Client(wire.Session);

        var groups = await client.DescribeSecurityGroupsAsync(VpcId, CancellationToken.None);

        var rds = groups.Single(g => g.GroupId == "sg-0a1b2c3d4e5f60013");
        var alb = groups.Single(g => g.GroupId == "sg-0a1b2c3d4e5f60011");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(rds.IpPermissions.Single().FromPort, Is.EqualTo(5432));
            Assert.That(rds.IpPermissions.Single().UserIdGroupPairs.Single().GroupId, Is.EqualTo("sg-0a1b2c3d4e5f60012"));
            Assert.That(rds.IpPermissions.Single().IpRanges, Is.Empty);
            Assert.That(rds.IpPermissionsEgress.Single().IpProtocol, Is.EqualTo("-1"));
            Assert.That(rds.IpPermissionsEgress.Single().IpRanges, Is.EqualTo(new[] { "0.0.0.0/0" }));
            Assert.That(alb.IpPermissions.Single().ToPort, Is.EqualTo(443));
            Assert.That(alb.IpPermissions.Single().IpRanges, Is.EqualTo(new[] { "0.0.0.0/0" }));
            Assert.That(alb.GroupName, Is.EqualTo("hipaa-alb"));
        }
    }

    [Test]
    public async Task Nat_gateways_keep_subnet_and_state()
    {
        using var wire = new SdkWire();
        wire.AnswerXml("ec2", "DescribeNatGateways.response.xml");
        using var client = new Ec2Client(wire.Session);

        var gateway = (await client.DescribeNatGatewaysAsync(VpcId, CancellationToken.None)).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(gateway.NatGatewayId, Is.EqualTo("nat-0a1b2c3d4e5f60031"));
            Assert.That(gateway.SubnetId, Is.EqualTo("subnet-0a1b2c3d4e5f60003"));
            Assert.That(gateway.State, Is.EqualTo("available"));
            Assert.That(gateway.VpcId, Is.EqualTo(VpcId));
        }
    }

    [Test]
    public async Task Internet_gateways_and_flow_logs_are_filtered_by_attachment_and_resource()
    {
        using var wire = new SdkWire();
        wire.Server.Enqueue(HttpStatusCode.OK, """
            <DescribeInternetGatewaysResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r1</requestId>
            <internetGatewaySet><item><internetGatewayId>igw-0a1b2c3d4e5f60020</internetGatewayId>
            <attachmentSet><item><vpcId>vpc-0a1b2c3d4e5f67890</vpcId><state>available</state></item></attachmentSet><tagSet/></item></internetGatewaySet>
            </DescribeInternetGatewaysResponse>
            """, "text/xml");
        wire.Server.Enqueue(HttpStatusCode.OK, """
            <DescribeFlowLogsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r2</requestId><flowLogSet/></DescribeFlowLogsResponse>
            """, "text/xml");
        using var client = new Ec2Client(wire.Session);

        var gateway = (await client.DescribeInternetGatewaysAsync(VpcId, CancellationToken.None)).Single();
        var flowLogs = await client.DescribeFlowLogsAsync(VpcId, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(gateway.InternetGatewayId, Is.EqualTo("igw-0a1b2c3d4e5f60020"));
            Assert.That(gateway.Attachments.Single().State, Is.EqualTo("available"));
            Assert.That(flowLogs, Is.Empty);
            Assert.That(wire.Server.Requests[0].Body, Does.Contain("Filter.1.Name=attachment.vpc-id"));
            Assert.That(wire.Server.Requests[1].Body, Does.Contain("Filter.1.Name=resource-id"));
        }
    }

    [Test]
    public async Task Vpc_endpoints_keep_type_service_subnets_route_tables_and_private_dns_across_pages()
    {
        using var wire = new SdkWire();
        wire.Server.Enqueue(HttpStatusCode.OK, """
            <DescribeVpcEndpointsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r1</requestId>
            <vpcEndpointSet><item><vpcEndpointId>vpce-0a1b2c3d4e5f60082</vpcEndpointId><vpcEndpointType>Interface</vpcEndpointType>
            <vpcId>vpc-0a1b2c3d4e5f67890</vpcId><serviceName>com.amazonaws.us-east-1.ecr.dkr</serviceName><state>available</state>
            <routeTableIdSet/><subnetIdSet><item>subnet-0a1b2c3d4e5f60001</item><item>subnet-0a1b2c3d4e5f60002</item></subnetIdSet>
            <privateDnsEnabled>true</privateDnsEnabled></item></vpcEndpointSet><nextToken>p2</nextToken>
            </DescribeVpcEndpointsResponse>
            """, "text/xml");
        wire.Server.Enqueue(HttpStatusCode.OK, """
            <DescribeVpcEndpointsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r2</requestId>
            <vpcEndpointSet><item><vpcEndpointId>vpce-0a1b2c3d4e5f60081</vpcEndpointId><vpcEndpointType>Gateway</vpcEndpointType>
            <vpcId>vpc-0a1b2c3d4e5f67890</vpcId><serviceName>com.amazonaws.us-east-1.s3</serviceName><state>available</state>
            <routeTableIdSet><item>rtb-0a1b2c3d4e5f60062</item></routeTableIdSet><subnetIdSet/></item></vpcEndpointSet>
            </DescribeVpcEndpointsResponse>
            """, "text/xml");
        using var client = new Ec2Client(wire.Session);

        var endpoints = await client.DescribeVpcEndpointsAsync(VpcId, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(endpoints.Select(e => e.VpcEndpointType), Is.EqualTo(new[] { "Interface", "Gateway" }));
            Assert.That(endpoints[0].SubnetIds, Is.EqualTo(new[] { "subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002" }));
            Assert.That(endpoints[0].PrivateDnsEnabled, Is.True);
            Assert.That(endpoints[0].State, Is.EqualTo("Available"), "the SDK maps the wire's \"available\" to its State.Available constant");
            Assert.That(endpoints[1].RouteTableIds, Is.EqualTo(new[] { "rtb-0a1b2c3d4e5f60062" }));
            Assert.That(endpoints[1].PrivateDnsEnabled, Is.Null, "absent is not false");
            Assert.That(wire.Server.Requests[0].Body, Does.Contain("Filter.1.Name=vpc-id"));
            Assert.That(wire.Server.Requests[1].Body, Does.Contain("NextToken=p2"));
        }
    }

    [Test]
    public async Task An_ec2_error_becomes_an_aws_service_exception_with_code_status_and_request_id()
    {
        using var wire = new SdkWire();
        wire.AnswerXml("ec2", "errors.UnauthorizedOperation.xml", HttpStatusCode.Forbidden);
        using var client = new Ec2Client(wire.Session);

        var error = (await Assert.ThrowsAsync<AwsServiceException>(() => client.DescribeVpcAsync(VpcId, CancellationToken.None)))!;

        var call = wire.Session.Calls.Calls.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.ErrorCode, Is.EqualTo("UnauthorizedOperation"));
            Assert.That(error.IsAccessDenied, Is.True);
            Assert.That(error.HttpStatus, Is.EqualTo(403));
            Assert.That(error.RequestId, Is.EqualTo("dfb14b43-9a55-4d8e-b676-e8034d12bbeb"));
            Assert.That(error.Region, Is.EqualTo("us-east-1"));
            Assert.That(error.Action, Is.EqualTo("ec2:DescribeVpcs"));
            Assert.That(call.Outcome, Is.EqualTo(AwsCallOutcome.Failed));
            Assert.That(call.ErrorCode, Is.EqualTo("UnauthorizedOperation"));
        }
    }

    [Test]
    public async Task A_throttled_call_that_succeeds_on_retry_records_both_attempts()
    {
        using var wire = new SdkWire(maxAttempts: 3);
        wire.AnswerXml("ec2", "errors.RequestLimitExceeded.xml", HttpStatusCode.ServiceUnavailable);
        wire.AnswerXml("ec2", "DescribeVpcs.response.xml");
        using var client = new Ec2Client(wire.Session);

        await client.DescribeVpcAsync(VpcId, CancellationToken.None);

        var call = wire.Session.Calls.Calls.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(call.Attempts, Is.EqualTo(2));
            Assert.That(call.Outcome, Is.EqualTo(AwsCallOutcome.Succeeded));
        }
    }

    [Test]
    public async Task An_unreachable_endpoint_becomes_a_connection_failure()
    {
        using var wire = new SdkWire();
        using var unreachable = new AwsSession("us-east-1", wire.Session.Credentials, new AwsEndpoints(new Uri("http://127.0.0.1:9/"), _ => null), wire.Session.Retry, wire.Session.Time);
        using var client = new Ec2Client(unreachable);

        var error = (await Assert.ThrowsAsync<AwsServiceException>(() => client.DescribeVpcAsync(VpcId, CancellationToken.None)))!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.ErrorCode, Is.EqualTo("ConnectionFailed"));
            Assert.That(unreachable.Calls.Calls.Single().ErrorCode, Is.EqualTo("ConnectionFailed"));
        }
    }

    [Test]
    public async Task Security_group_rules_keep_their_prefix_list_sources()
    {
        using var wire = new SdkWire();
        var sample = SdkWire.Sample("ec2", "DescribeSecurityGroups.response.xml");
        var withList = sample.Replace("<prefixListIds/>", "<prefixListIds><item><prefixListId>pl-0a1b2c3d4e5f60070</prefixListId><description>Partners</description></item></prefixListIds>", StringComparison.Ordinal);
        wire.Server.Enqueue(HttpStatusCode.OK, withList, "text/xml");
        using var client = new Ec2Client(wire.Session);

        var groups = await client.DescribeSecurityGroupsAsync(VpcId, CancellationToken.None);

        Assert.That(groups.SelectMany(g => g.IpPermissions).SelectMany(p => p.PrefixListIds).Select(p => p.PrefixListId), Has.Some.EqualTo("pl-0a1b2c3d4e5f60070"));
    }

    [Test]
    public async Task Prefix_list_entries_are_read_to_the_last_page()
    {
        using var wire = new SdkWire();
        wire.Server.Enqueue(HttpStatusCode.OK, EntriesPage("<item><cidr>10.20.0.0/16</cidr><description>Partner VPN</description></item>", "page-2"), "text/xml");
        wire.Server.Enqueue(HttpStatusCode.OK, EntriesPage("<item><cidr>52.94.76.0/22</cidr></item>", null), "text/xml");
        using var client = new Ec2Client(wire.Session);

        var entries = await client.GetManagedPrefixListEntriesAsync("pl-0a1b2c3d4e5f60070", CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(entries.Select(e => e.Cidr), Is.EqualTo(new[] { "10.20.0.0/16", "52.94.76.0/22" }));
            Assert.That(wire.Server.Requests[0].Body, Does.Contain("Action=GetManagedPrefixListEntries").And.Contain("PrefixListId=pl-0a1b2c3d4e5f60070"));
            Assert.That(wire.Server.Requests[1].Body, Does.Contain("NextToken=page-2"));
        }
    }

    private static string EntriesPage(string items, string? next) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <GetManagedPrefixListEntriesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
            <requestId>8b67ac77-886c-4027-8f0e-d351f7fc9971</requestId>
            <entrySet>{items}</entrySet>
            {(next is null ? "" : $"<nextToken>{next}</nextToken>")}
        </GetManagedPrefixListEntriesResponse>
        """;
}
