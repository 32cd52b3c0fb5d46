using NUnit.Framework;
using System.Net;
using Verification.Probes.Aws;
using Verification.Probes.Aws.Ecs;
using Verification.Probes.Aws.Logs;
using Verification.Probes.Aws.SecretsManager;
using Verification.Probes.Aws.ServiceDiscovery;
using Verification.Probes.Aws.Transport;

namespace Verification.Probes.Tests.Aws.Json;

public sealed class JsonErrorTests
{
    private static IEnumerable<TestCaseData> ErrorSamples()
    {
        Func<AwsTransport, Task> ecs = t => new EcsClient(t).ListClustersAsync(CancellationToken.None);
        Func<AwsTransport, Task> cloudMap = t => new ServiceDiscoveryClient(t).GetNamespaceAsync("ns-doesnotexist0000", CancellationToken.None);
        Func<AwsTransport, Task> secrets = t => new SecretsManagerClient(t).DescribeSecretAsync("hipaa/db-credentials", CancellationToken.None);
        Func<AwsTransport, Task> logs = t => new LogsClient(t).DescribeLogGroupsAsync(cancellationToken: CancellationToken.None);

        yield return Case("ecs", "errors.AccessDeniedException.json", ecs, "AccessDeniedException", "is not authorized to perform: ecs:DescribeServices");
        yield return Case("ecs", "errors.AccessDeniedException.genuine-botocore-datapipeline.json", ecs, "AccessDeniedException", "Operation createPipeline is not allowed");
        yield return Case("ecs", "errors.ClusterNotFoundException.json", ecs, "ClusterNotFoundException", "Cluster not found.");
        yield return Case("ecs", "errors.ThrottlingException.json", ecs, "ThrottlingException", "Rate exceeded");
        yield return Case("ecs", "errors.namespaced-__type.genuine-botocore-dynamodb.json", ecs, "ProvisionedThroughputExceededException", "The level of configured provisioned throughput");
        yield return Case("servicediscovery", "errors.NamespaceNotFound.json", cloudMap, "NamespaceNotFound", "Namespace not found: ns-doesnotexist0000");
        yield return Case("secretsmanager", "errors.AccessDeniedException.json", secrets, "AccessDeniedException", "is not authorized to perform: secretsmanager:DescribeSecret");
        yield return Case("secretsmanager", "errors.ResourceNotFoundException.json", secrets, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
        yield return Case("logs", "errors.ResourceNotFoundException.json", logs, "ResourceNotFoundException", "The specified log group does not exist.");
        yield return Case("logs", "errors.ThrottlingException.json", logs, "ThrottlingException", "Rate exceeded");
    }

    private static TestCaseData Case(string service, string file, Func<AwsTransport, Task> call, string code, string message) =>
        new TestCaseData(service, file, call, code, message).SetName($"Error sample {service}/{file} becomes {code}");

    [TestCaseSource(nameof(ErrorSamples))]
    public async Task Error_bodies_become_aws_service_exceptions_with_code_message_and_request_id(string service, string file, Func<AwsTransport, Task> call, string code, string message)
    {
        using var wire = new JsonWire();
        wire.Handler.Enqueue(HttpStatusCode.BadRequest, JsonWire.Sample(service, file), headers: new Dictionary<string, string> { ["x-amzn-RequestId"] = JsonWire.RequestId });

        var error = (await Assert.ThrowsAsync<AwsServiceException>(() => call(wire.Transport)))!;

        var recorded = wire.Session.Calls.Calls.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.ErrorCode, Is.EqualTo(code));
            Assert.That(error.AwsMessage, Does.Contain(message));
            Assert.That(error.HttpStatus, Is.EqualTo(400));
            Assert.That(error.RequestId, Is.EqualTo(JsonWire.RequestId));
            Assert.That(error.Region, Is.EqualTo("us-east-1"));
            Assert.That(error.Service, Is.EqualTo(service));
            Assert.That(recorded.Outcome, Is.EqualTo(AwsCallOutcome.Failed));
            Assert.That(recorded.ErrorCode, Is.EqualTo(code));
            Assert.That(recorded.RequestId, Is.EqualTo(JsonWire.RequestId));
        }
    }

    [Test]
    public async Task A_body_without_type_takes_its_code_from_the_error_type_header()
    {
        using var wire = new JsonWire();
        wire.Handler.Enqueue(HttpStatusCode.BadRequest, "{}", headers: new Dictionary<string, string> { ["x-amzn-ErrorType"] = "AccessDeniedException:http://internal.amazon.com/coral/" });

        var error = (await Assert.ThrowsAsync<AwsServiceException>(() => new EcsClient(wire.Transport).ListClustersAsync(CancellationToken.None)))!;

        Assert.That(error.ErrorCode, Is.EqualTo("AccessDeniedException"));
    }
}
