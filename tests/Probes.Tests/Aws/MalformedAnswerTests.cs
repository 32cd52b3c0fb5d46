using System.Net;
using NUnit.Framework;
using Verification.Probes.Aws;
using Verification.Probes.Aws.Ec2;
using Verification.Probes.Aws.Logs;
using Verification.Probes.Aws.Rds;
using Verification.Probes.Tests.Aws.Json;
using Verification.Probes.Tests.Aws.Query;
using Verification.Probes.Tests.Aws.Sdk;

namespace Verification.Probes.Tests.Aws;

/// <summary>An answer that cannot be read completely is a MalformedResponse error naming the call, never a short list or a default value.</summary>
public sealed class MalformedAnswerTests
{
    private const string VpcId = "vpc-0a1b2c3d4e5f67890";

    private static string LogGroups(string retention) =>
        $$"""{"logGroups":[{"logGroupName":"/ecs/hipaa-api","arn":"arn:aws:logs:us-east-1:123456789012:log-group:/ecs/hipaa-api:*","retentionInDays":{{retention}}}]}""";

    [TestCase("\"30\"")]
    [TestCase("1.5")]
    [TestCase("true")]
    [TestCase("4294967296")]
    public async Task A_wrongly_typed_retentionInDays_is_a_malformed_response_not_never_expire(string retention)
    {
        using var wire = new JsonWire();
        wire.Answer(LogGroups(retention));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => new LogsClient(wire.Transport).DescribeLogGroupsAsync(null, CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.ErrorCode, Is.EqualTo("MalformedResponse"));
            Assert.That(error.Action, Is.EqualTo("logs:DescribeLogGroups"));
            Assert.That(error.AwsMessage, Does.Contain("retentionInDays"));
        }
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("<html>proxy error</html>")]
    [TestCase("[]")]
    public async Task An_empty_or_non_object_200_body_is_a_malformed_response_not_an_empty_list(string body)
    {
        using var wire = new JsonWire();
        wire.Answer(body);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => new LogsClient(wire.Transport).DescribeLogGroupsAsync(null, CancellationToken.None));

        Assert.That((error!.ErrorCode, error.Action), Is.EqualTo(("MalformedResponse", "logs:DescribeLogGroups")));
    }

    [Test]
    public async Task A_repeated_nextToken_is_a_malformed_response_not_a_short_list()
    {
        using var wire = new JsonWire();
        wire.Answer("""{"logGroups":[{"logGroupName":"/a"}],"nextToken":"t1"}""");
        wire.Answer("""{"logGroups":[{"logGroupName":"/b"}],"nextToken":"t1"}""");

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => new LogsClient(wire.Transport).DescribeLogGroupsAsync(null, CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That((error!.ErrorCode, error.Action), Is.EqualTo(("MalformedResponse", "logs:DescribeLogGroups")));
            Assert.That(error.AwsMessage, Does.Contain("t1"));
        }
    }

    [Test]
    public async Task A_repeated_Query_marker_is_a_malformed_response_not_a_short_list()
    {
        using var aws = new QueryHarness();
        var page = WireSample.Read("rds", "DescribeDBInstances.response.xml").Replace("</DescribeDBInstancesResult>", "<Marker>m1</Marker></DescribeDBInstancesResult>", StringComparison.Ordinal);
        aws.Answer(page);
        aws.Answer(page);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => new RdsClient(aws.Transport).DescribeDBInstancesAsync(CancellationToken.None));

        Assert.That((error!.ErrorCode, error.Action), Is.EqualTo(("MalformedResponse", "rds:DescribeDBInstances")));
    }

    [Test]
    public async Task A_Query_answer_without_its_Result_wrapper_is_a_malformed_response_not_an_empty_list()
    {
        using var aws = new QueryHarness();
        var unwrapped = """<DescribeDBInstancesResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/"><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></DescribeDBInstancesResponse>""";

        // The transport retries a malformed answer within its budget of four attempts; each gets the same body.
        for (var attempt = 0; attempt < 4; attempt++)
        {
            aws.Answer(unwrapped);
        }

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => new RdsClient(aws.Transport).DescribeDBInstancesAsync(CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That((error!.ErrorCode, error.Action), Is.EqualTo(("MalformedResponse", "rds:DescribeDBInstances")));
            Assert.That(error.AwsMessage, Does.Contain("DescribeDBInstancesResult"));
        }
    }

    [Test]
    public async Task A_Query_integer_that_does_not_fit_is_a_malformed_response()
    {
        using var aws = new QueryHarness();
        var page = WireSample.Read("rds", "DescribeDBInstances.response.xml").Replace("<BackupRetentionPeriod>7</BackupRetentionPeriod>", "<BackupRetentionPeriod>99999999999</BackupRetentionPeriod>", StringComparison.Ordinal);
        for (var attempt = 0; attempt < 4; attempt++)
        {
            aws.Answer(page);
        }

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => new RdsClient(aws.Transport).DescribeDBInstancesAsync(CancellationToken.None));

        Assert.That((error!.ErrorCode, error.Action), Is.EqualTo(("MalformedResponse", "rds:DescribeDBInstances")));
    }

    [Test]
    public async Task An_absent_PubliclyAccessible_reads_as_unknown_not_false()
    {
        using var aws = new QueryHarness();
        aws.Answer(WireSample.Read("rds", "DescribeDBInstances.response.xml").Replace("<PubliclyAccessible>false</PubliclyAccessible>", "", StringComparison.Ordinal));

        var instances = await new RdsClient(aws.Transport).DescribeDBInstancesAsync(CancellationToken.None);

        Assert.That(instances[0].PubliclyAccessible, Is.Null);
    }

    [Test]
    public async Task A_repeated_EC2_nextToken_is_a_malformed_response_not_a_short_list()
    {
        using var wire = new SdkWire();
        var page = SdkWire.Sample("ec2", "DescribeSubnets.response.xml").Replace("</subnetSet>", "</subnetSet>\n    <nextToken>page-2</nextToken>", StringComparison.Ordinal);
        wire.Server.Enqueue(HttpStatusCode.OK, page, "text/xml");
        wire.Server.Enqueue(HttpStatusCode.OK, page, "text/xml");
        using var client = new Ec2Client(wire.Session);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.DescribeSubnetsAsync(VpcId, CancellationToken.None));

        Assert.That((error!.ErrorCode, error.Action), Is.EqualTo(("MalformedResponse", "ec2:DescribeSubnets")));
    }

    [Test]
    public async Task An_absent_MapPublicIpOnLaunch_reads_as_unknown_not_false()
    {
        using var wire = new SdkWire();
        var page = System.Text.RegularExpressions.Regex.Replace(SdkWire.Sample("ec2", "DescribeSubnets.response.xml"), "<mapPublicIpOnLaunch>[a-z]+</mapPublicIpOnLaunch>", "");
        wire.Server.Enqueue(HttpStatusCode.OK, page, "text/xml");
        using var client = new Ec2Client(wire.Session);

        var subnets = await client.DescribeSubnetsAsync(VpcId, CancellationToken.None);

        Assert.That(subnets.Select(s => s.MapPublicIpOnLaunch), Is.All.Null);
    }
}
