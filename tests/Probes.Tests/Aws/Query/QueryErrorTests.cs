using System.Net;
using NUnit.Framework;
using Verification.Probes.Aws;
using Verification.Probes.Aws.ElastiCache;
using Verification.Probes.Aws.Elbv2;
using Verification.Probes.Aws.Iam;
using Verification.Probes.Aws.Rds;
using Verification.Probes.Aws.Transport;

namespace Verification.Probes.Tests.Aws.Query;

public sealed class QueryErrorTests
{
    private static IEnumerable<TestCaseData> ErrorBodies()
    {
        yield return Case("rds", "errors.DBInstanceNotFound.xml", HttpStatusCode.NotFound, "DBInstanceNotFound", "b41f03f1-b7f8-11e2-9b07-955bffd33505",
            "DescribeDBInstances", t => new RdsClient(t).DescribeDBInstancesAsync(CancellationToken.None));
        yield return Case("rds", "errors.DBInstanceNotFound.genuine-botocore-2013.xml", HttpStatusCode.NotFound, "DBInstanceNotFound", "b41f03f1-b7f8-11e2-9b07-955bffd33505",
            "DescribeDBInstances", t => new RdsClient(t).DescribeDBInstancesAsync(CancellationToken.None));
        yield return Case("elasticache", "errors.ReplicationGroupNotFoundFault.xml", HttpStatusCode.NotFound, "ReplicationGroupNotFoundFault", "3f8e2c11-5b7a-4d0e-9a61-2c1f0e8b7d45",
            "DescribeReplicationGroups", t => new ElastiCacheClient(t).DescribeReplicationGroupsAsync(CancellationToken.None));
        yield return Case("elbv2", "errors.LoadBalancerNotFound.genuine-botocore-elbv1-2012.xml", HttpStatusCode.BadRequest, "LoadBalancerNotFound", "88e880c0-b7f7-11e2-ac25-87bc0c2182b8",
            "DescribeListeners", t => new Elbv2Client(t).DescribeListenersAsync("arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/missing/0", CancellationToken.None));
        yield return Case("iam", "errors.NoSuchEntity.genuine-botocore.xml", HttpStatusCode.NotFound, "NoSuchEntity", "358299bb-b7f8-11e2-8d39-e3a125f625ee",
            "GetRole", t => new IamClient(t).GetRoleAsync("missing-role", CancellationToken.None));
        yield return Case("iam", "errors.AccessDenied.xml", HttpStatusCode.Forbidden, "AccessDenied", "358299bb-b7f8-11e2-8d39-e3a125f625ee",
            "SimulatePrincipalPolicy", t => new IamClient(t).SimulatePrincipalPolicyAsync("arn:aws:iam::123456789012:role/hipaa-ecs-task-execution-role", ["kms:Decrypt"], [], CancellationToken.None));
        yield return Case("sts", "errors.AccessDenied.genuine-botocore.xml", HttpStatusCode.Forbidden, "AccessDenied", "8088f6eb-b7fb-11e2-8d25-4b9f3b52b80f",
            "GetCallerIdentity", t => new QueryClient(t, AwsService.Sts).CallAsync("GetCallerIdentity", [], CancellationToken.None));
        yield return Case("sts", "errors.ExpiredToken.xml", HttpStatusCode.BadRequest, "ExpiredToken", "8088f6eb-b7fb-11e2-8d25-4b9f3b52b80f",
            "GetCallerIdentity", t => new QueryClient(t, AwsService.Sts).CallAsync("GetCallerIdentity", [], CancellationToken.None));
    }

    [TestCaseSource(nameof(ErrorBodies))]
    public async Task Error_body_becomes_an_AwsServiceException_with_code_request_id_and_status_without_a_retry(
        string service, string file, HttpStatusCode status, string code, string requestId, string operation, Func<AwsTransport, Task> call)
    {
        using var aws = new QueryHarness();
        aws.Answer(service, file, status);

        var error = (await Assert.ThrowsAsync<AwsServiceException>(() => call(aws.Transport)))!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.ErrorCode, Is.EqualTo(code));
            Assert.That(error.RequestId, Is.EqualTo(requestId));
            Assert.That(error.HttpStatus, Is.EqualTo((int)status));
            Assert.That(error.Operation, Is.EqualTo(operation));
            Assert.That(error.Region, Is.EqualTo("us-east-1"));
            Assert.That(error.AwsMessage, Is.Not.Empty);
            Assert.That(aws.Handler.Requests, Has.Count.EqualTo(1));
            Assert.That(aws.Session.Calls.Calls.Single().ErrorCode, Is.EqualTo(code));
        }
    }

    [Test]
    public async Task Not_found_error_message_names_the_service_operation_region_and_resource()
    {
        using var aws = new QueryHarness();
        aws.Answer("rds", "errors.DBInstanceNotFound.xml", HttpStatusCode.NotFound);

        var error = (await Assert.ThrowsAsync<AwsServiceException>(() => new RdsClient(aws.Transport).DescribeDBInstancesAsync(CancellationToken.None)))!;

        Assert.That(error.Message, Is.EqualTo("rds:DescribeDBInstances in us-east-1 failed: DBInstanceNotFound: DBInstance hipaa-missing-db not found."));
    }

    [Test]
    public async Task Iam_access_denied_is_recognised_as_a_permission_gap()
    {
        using var aws = new QueryHarness();
        aws.Answer("iam", "errors.AccessDenied.xml", HttpStatusCode.Forbidden);

        var error = (await Assert.ThrowsAsync<AwsServiceException>(() => new IamClient(aws.Transport).GetRoleAsync("hipaa-ecs-task-execution-role", CancellationToken.None)))!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.IsAccessDenied, Is.True);
            Assert.That(error.Action, Is.EqualTo("iam:GetRole"));
        }
    }

    [Test]
    public async Task Throttling_is_retried_and_the_call_succeeds_on_the_next_attempt()
    {
        using var aws = new QueryHarness();
        aws.Answer("elbv2", "errors.Throttling.xml", HttpStatusCode.BadRequest);
        aws.Answer("elbv2", "DescribeLoadBalancers.response.xml");

        var balancers = await new Elbv2Client(aws.Transport).DescribeLoadBalancersAsync(CancellationToken.None);

        var call = aws.Session.Calls.Calls.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(balancers.Single().LoadBalancerName, Is.EqualTo("hipaa-alb"));
            Assert.That(aws.Handler.Requests, Has.Count.EqualTo(2));
            Assert.That(aws.Form(1), Is.EqualTo(aws.Form(0)));
            Assert.That(call.Action, Is.EqualTo("elasticloadbalancing:DescribeLoadBalancers"));
            Assert.That(call.Attempts, Is.EqualTo(2));
            Assert.That(call.Outcome, Is.EqualTo(AwsCallOutcome.Succeeded));
            Assert.That(call.RequestId, Is.EqualTo("6581c0ac-f39f-11e5-bb98-57195a6eb84a"));
        }
    }

    [Test]
    public async Task Throttling_is_retried_past_max_attempts_because_its_budget_is_time()
    {
        using var aws = new QueryHarness();
        for (var i = 0; i < 6; i++)
        {
            aws.Answer("elbv2", "errors.Throttling.xml", HttpStatusCode.BadRequest);
        }

        aws.Answer("elbv2", "DescribeLoadBalancers.response.xml");

        var balancers = await new Elbv2Client(aws.Transport).DescribeLoadBalancersAsync(CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(balancers.Single().LoadBalancerName, Is.EqualTo("hipaa-alb"));
            Assert.That(aws.Handler.Requests, Has.Count.EqualTo(7));
            Assert.That(aws.Session.Calls.Calls.Single().Attempts, Is.EqualTo(7));
            Assert.That(aws.Session.Calls.Calls.Single().Outcome, Is.EqualTo(AwsCallOutcome.Succeeded));
        }
    }

    [Test]
    public async Task Server_errors_on_every_attempt_surface_once_the_attempts_are_spent()
    {
        using var aws = new QueryHarness();
        for (var i = 0; i < 4; i++)
        {
            aws.Answer("<ErrorResponse><Error><Type>Receiver</Type><Code>InternalFailure</Code><Message>failed</Message></Error><RequestId>r</RequestId></ErrorResponse>", HttpStatusCode.InternalServerError);
        }

        var error = (await Assert.ThrowsAsync<AwsServiceException>(() => new Elbv2Client(aws.Transport).DescribeLoadBalancersAsync(CancellationToken.None)))!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.ErrorCode, Is.EqualTo("InternalFailure"));
            Assert.That(aws.Handler.Requests, Has.Count.EqualTo(4));
            Assert.That(aws.Session.Calls.Calls.Single().Attempts, Is.EqualTo(4));
            Assert.That(aws.Session.Calls.Calls.Single().Outcome, Is.EqualTo(AwsCallOutcome.Failed));
        }
    }

    [Test]
    public async Task A_throttled_second_page_is_retried_with_its_marker()
    {
        using var aws = new QueryHarness();
        var (first, last) = WireSample.SplitPages(WireSample.Read("rds", "DescribeDBInstances.response.xml"), "DBInstances", "Marker", "page-2-token");
        aws.Answer(first);
        aws.Answer("elbv2", "errors.Throttling.xml", HttpStatusCode.BadRequest);
        aws.Answer(last);

        var instances = await new RdsClient(aws.Transport).DescribeDBInstancesAsync(CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(instances, Has.Count.EqualTo(2));
            Assert.That(aws.Form(2)["Marker"], Is.EqualTo("page-2-token"));
        }
    }

    private static TestCaseData Case(string service, string file, HttpStatusCode status, string code, string requestId, string operation, Func<AwsTransport, Task> call) =>
        new TestCaseData(service, file, status, code, requestId, operation, call).SetName($"{service}_{Path.GetFileNameWithoutExtension(file).Replace("errors.", "", StringComparison.Ordinal).Replace('.', '_').Replace('-', '_')}_is_read_as_{code}");
}
