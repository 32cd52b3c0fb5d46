using Amazon.Runtime;
using NUnit.Framework;
using Verification.Sandbox;

namespace Verification.Probes.Tests.Sandbox;

/// <summary>The sandbox verifies SigV4 as AWS does, so a signing bug fails here rather than in the first real account.</summary>
public sealed class SignatureTests
{
    private const string DescribeDbInstances = "Action=DescribeDBInstances&Version=2014-10-31";
    private const string DescribeLoadBalancers = "Action=DescribeLoadBalancers&Version=2015-12-01";

    private SandboxServer _server = null!;
    private RawAws _aws = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await SandboxServer.StartAsync(Scenario.Load("compliant-rds"));
        _aws = new RawAws(_server.Endpoint);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _aws.Dispose();
        await _server.DisposeAsync();
    }

    [Test]
    public async Task A_correctly_signed_query_request_is_answered()
    {
        var reply = await _aws.QueryAsync("rds", DescribeDbInstances);

        Assert.That(reply.Status, Is.EqualTo(200));
    }

    [Test]
    public async Task A_signed_get_with_the_parameters_in_the_query_string_is_answered()
    {
        var reply = await _aws.GetAsync("elasticache", "Action=DescribeCacheSubnetGroups&Version=2015-02-02");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(reply.Status, Is.EqualTo(200), reply.Body);
            Assert.That(reply.Xml.Name.LocalName, Is.EqualTo("DescribeCacheSubnetGroupsResponse"));
        }
    }

    [Test]
    public async Task A_query_request_signed_with_a_wrong_secret_is_rejected_with_SignatureDoesNotMatch()
    {
        var reply = await _aws.QueryAsync("rds", DescribeDbInstances, credentials: new ImmutableCredentials(SandboxCredentials.AccessKeyId, "wrong-secret", null));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(reply.Status, Is.EqualTo(403));
            Assert.That(reply.Xml.Name.LocalName, Is.EqualTo("ErrorResponse"));
            Assert.That(reply.Text("Type"), Is.EqualTo("Sender"));
            Assert.That(reply.ErrorCode, Is.EqualTo("SignatureDoesNotMatch"));
        }
    }

    [Test]
    public async Task A_request_signed_for_another_region_is_rejected_with_the_scope_named()
    {
        var reply = await _aws.QueryAsync("rds", DescribeDbInstances, region: "eu-west-1");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(reply.ErrorCode, Is.EqualTo("SignatureDoesNotMatch"));
            Assert.That(reply.Text("Message"), Does.StartWith("Credential should be scoped to a valid region"));
        }
    }

    [Test]
    public async Task Elbv2_signed_as_elbv2_is_rejected_because_its_signing_name_is_elasticloadbalancing()
    {
        var reply = await _aws.QueryAsync("elbv2", DescribeLoadBalancers);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(reply.Status, Is.EqualTo(403));
            Assert.That(reply.ErrorCode, Is.EqualTo("SignatureDoesNotMatch"));
            Assert.That(reply.Text("Message"), Is.EqualTo("Credential should be scoped to correct service: 'elasticloadbalancing'. "));
        }
    }

    [Test]
    public async Task An_unknown_access_key_is_rejected_as_an_invalid_client_token()
    {
        var reply = await _aws.QueryAsync("sts", "Action=GetCallerIdentity&Version=2011-06-15",
            credentials: new ImmutableCredentials("AKIAUNKNOWNEXAMPLE99", SandboxCredentials.SecretAccessKey, null));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(reply.Status, Is.EqualTo(403));
            Assert.That(reply.ErrorCode, Is.EqualTo("InvalidClientTokenId"));
        }
    }

    [Test]
    public async Task A_json_request_signed_with_a_wrong_secret_is_rejected_with_InvalidSignatureException()
    {
        var reply = await _aws.JsonAsync("ecs", "AmazonEC2ContainerServiceV20141113.ListClusters", "{}",
            credentials: new ImmutableCredentials(SandboxCredentials.AccessKeyId, "wrong-secret", null));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(reply.Status, Is.EqualTo(400));
            Assert.That(reply.ErrorCode, Is.EqualTo("InvalidSignatureException"));
            Assert.That(reply.RequestId, Is.Not.Null);
        }
    }

    [Test]
    public async Task A_json_request_signed_for_another_service_is_rejected()
    {
        var reply = await _aws.JsonAsync("ecs", "TrentService.ListAliases", "{}");

        Assert.That(reply.ErrorCode, Is.EqualTo("InvalidSignatureException"));
    }

    [Test]
    public async Task Iam_is_signed_in_us_east_1()
    {
        var reply = await _aws.QueryAsync("iam", "Action=GetRole&Version=2010-05-08&RoleName=healthcare-ecs-execution-dev");

        Assert.That(reply.Status, Is.EqualTo(200));
    }

    [Test]
    public async Task Rejected_requests_are_recorded_with_the_service_they_were_meant_for()
    {
        await using var server = await SandboxServer.StartAsync(Scenario.Load("compliant-rds"));
        using var aws = new RawAws(server.Endpoint);

        await aws.QueryAsync("elbv2", DescribeLoadBalancers);
        await aws.QueryAsync("rds", DescribeDbInstances);
        await aws.JsonAsync("kms", "TrentService.ListAliases", "{}");

        Assert.That(server.ActionsCalled, Is.EqualTo(new[] { "elasticloadbalancing:DescribeLoadBalancers", "rds:DescribeDBInstances", "kms:ListAliases" }));
    }
}
