using NUnit.Framework;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Verification.Sandbox;
using Filter = Amazon.EC2.Model.Filter;

namespace Verification.Probes.Tests.Sandbox;

/// <summary>The official AWS SDK clients the collector uses must sign, send and parse against the sandbox unchanged.</summary>
public sealed class OfficialSdkTests
{
    private const string VpcId = "vpc-0a1b2c3d4e5f67890";
    private const string KeyArn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static readonly BasicAWSCredentials Credentials = new(SandboxCredentials.AccessKeyId, SandboxCredentials.SecretAccessKey);

    private SandboxServer _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await SandboxServer.StartAsync(Scenario.Load("compliant-rds"));

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [Test]
    public async Task Ec2_describes_the_stack_vpc_by_id()
    {
        using var ec2 = Ec2();

        var response = await ec2.DescribeVpcsAsync(new DescribeVpcsRequest { VpcIds = [VpcId] });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Vpcs.Select(v => v.VpcId), Is.EqualTo(new[] { VpcId }));
            Assert.That(response.Vpcs[0].CidrBlock, Is.EqualTo("10.0.0.0/16"));
            Assert.That(response.Vpcs[0].IsDefault, Is.False);
        }
    }

    [Test]
    public async Task Ec2_pages_subnets_filtered_by_vpc_to_all_six_without_duplicates()
    {
        using var ec2 = Ec2();
        var subnets = new List<Subnet>();
        var pages = 0;

        await foreach (var page in ec2.Paginators.DescribeSubnets(new DescribeSubnetsRequest { Filters = [new Filter("vpc-id", [VpcId])] }).Responses)
        {
            subnets.AddRange(page.Subnets);
            pages++;
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(subnets.Select(s => s.SubnetId), Is.Unique);
            Assert.That(subnets, Has.Count.EqualTo(6));
            Assert.That(pages, Is.EqualTo(3));
            Assert.That(subnets.Where(s => s.MapPublicIpOnLaunch == true).Select(s => s.SubnetId),
                Is.EquivalentTo(new[] { "subnet-0a1b2c3d4e5f60003", "subnet-0a1b2c3d4e5f60004" }));
        }
    }

    [Test]
    public async Task Ec2_reads_security_group_rules_that_reference_other_groups()
    {
        using var ec2 = Ec2();

        var response = await ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest
        {
            Filters = [new Filter("vpc-id", [VpcId])],
            GroupIds = ["sg-0a1b2c3d4e5f60013"],
        });

        var rule = response.SecurityGroups.Single().IpPermissions.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(rule.FromPort, Is.EqualTo(5432));
            Assert.That(rule.UserIdGroupPairs.Single().GroupId, Is.EqualTo("sg-0a1b2c3d4e5f60012"));
        }
    }

    [Test]
    public async Task Ec2_filters_flow_logs_by_resource_and_gateways_by_attachment()
    {
        using var ec2 = Ec2();

        var flowLogs = await ec2.DescribeFlowLogsAsync(new DescribeFlowLogsRequest { Filter = [new Filter("resource-id", [VpcId])] });
        var gateways = await ec2.DescribeInternetGatewaysAsync(new DescribeInternetGatewaysRequest { Filters = [new Filter("attachment.vpc-id", [VpcId])] });
        var nats = await ec2.DescribeNatGatewaysAsync(new DescribeNatGatewaysRequest { Filter = [new Filter("vpc-id", [VpcId])] });
        var routes = await ec2.DescribeRouteTablesAsync(new DescribeRouteTablesRequest { Filters = [new Filter("vpc-id", [VpcId])], MaxResults = 5 });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(flowLogs.FlowLogs.Single().TrafficType.Value, Is.EqualTo("ALL"));
            Assert.That(gateways.InternetGateways.Single().InternetGatewayId, Is.EqualTo("igw-0a1b2c3d4e5f60020"));
            Assert.That(nats.NatGateways.Select(n => n.SubnetId), Is.EquivalentTo(new[] { "subnet-0a1b2c3d4e5f60003", "subnet-0a1b2c3d4e5f60004" }));
            Assert.That(routes.RouteTables, Has.Count.EqualTo(2));
            Assert.That(routes.NextToken, Is.Not.Null);
        }
    }

    [Test]
    public async Task Ec2_reads_network_interfaces_with_their_groups()
    {
        using var ec2 = Ec2();

        var response = await ec2.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest
        {
            Filters = [new Filter("vpc-id", [VpcId]), new Filter("group-id", ["sg-0a1b2c3d4e5f60012"])],
        });

        Assert.That(response.NetworkInterfaces.Select(n => n.SubnetId), Is.EquivalentTo(new[] { "subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002" }));
    }

    [Test]
    public async Task Ec2_reports_an_unknown_vpc_with_the_ec2_error_code()
    {
        using var ec2 = Ec2();

        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DescribeVpcsAsync(new DescribeVpcsRequest { VpcIds = ["vpc-00000000000000000"] }));

        Assert.That(error!.ErrorCode, Is.EqualTo("InvalidVpcID.NotFound"));
    }

    [Test]
    public async Task Kms_describes_the_stack_key_by_alias_and_reads_its_policy_and_rotation()
    {
        using var kms = Kms();

        var key = await kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = "alias/healthcare-dev" });
        var policy = await kms.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = KeyArn });
        var rotation = await kms.GetKeyRotationStatusAsync(new GetKeyRotationStatusRequest { KeyId = KeyArn });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(key.KeyMetadata.Arn, Is.EqualTo(KeyArn));
            Assert.That(key.KeyMetadata.KeyManager.Value, Is.EqualTo("CUSTOMER"));
            Assert.That(policy.Policy, Does.Contain("logs.us-east-1.amazonaws.com").And.Contain("kms:EncryptionContext:aws:logs:arn"));
            Assert.That(rotation.KeyRotationEnabled, Is.True);
            Assert.That(rotation.RotationPeriodInDays, Is.EqualTo(365));
        }
    }

    [Test]
    public async Task Kms_pages_aliases_with_markers_to_all_four()
    {
        using var kms = Kms();
        var aliases = new List<string>();

        await foreach (var alias in kms.Paginators.ListAliases(new ListAliasesRequest()).Aliases)
        {
            aliases.Add(alias.AliasName);
        }

        Assert.That(aliases, Is.EqualTo(new[] { "alias/aws/rds", "alias/aws/secretsmanager", "alias/healthcare-dev", "alias/verification-evidence-signing" }));
    }

    [Test]
    public async Task Kms_reports_an_unknown_key_as_not_found()
    {
        using var kms = Kms();

        var error = await Assert.ThrowsAsync<Amazon.KeyManagementService.Model.NotFoundException>(
            () => kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = "00000000-0000-0000-0000-000000000000" }));

        Assert.That(error!.ErrorCode, Is.EqualTo("NotFoundException"));
    }

    [Test]
    public async Task Sts_returns_the_sandbox_caller()
    {
        using var sts = Sts();

        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        Assert.That(identity.Account, Is.EqualTo("123456789012"));
    }

    [Test]
    public async Task Ec2_signed_with_a_wrong_secret_is_rejected_with_SignatureDoesNotMatch()
    {
        using var ec2 = Ec2(new BasicAWSCredentials(SandboxCredentials.AccessKeyId, "not-the-sandbox-secret"));

        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DescribeVpcsAsync(new DescribeVpcsRequest()));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.ErrorCode, Is.EqualTo("SignatureDoesNotMatch"));
            Assert.That((int)error.StatusCode, Is.EqualTo(403));
        }
    }

    [Test]
    public async Task Kms_with_an_unknown_access_key_is_rejected_as_unrecognized()
    {
        using var kms = Kms(new BasicAWSCredentials("AKIAUNKNOWNEXAMPLE99", SandboxCredentials.SecretAccessKey));

        var error = await Assert.ThrowsAsync<AmazonKeyManagementServiceException>(() => kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = KeyArn }));

        Assert.That(error!.ErrorCode, Is.EqualTo("UnrecognizedClientException"));
    }

    private AmazonEC2Client Ec2(AWSCredentials? credentials = null) =>
        new(credentials ?? Credentials, new AmazonEC2Config { ServiceURL = _server.Endpoint.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

    private AmazonKeyManagementServiceClient Kms(AWSCredentials? credentials = null) =>
        new(credentials ?? Credentials, new AmazonKeyManagementServiceConfig { ServiceURL = _server.Endpoint.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

    private AmazonSecurityTokenServiceClient Sts() =>
        new(Credentials, new AmazonSecurityTokenServiceConfig { ServiceURL = _server.Endpoint.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
}
