using NUnit.Framework;
using Verification.Probes.Aws;
using Verification.Probes.Aws.Ecs;

namespace Verification.Probes.Tests.Aws.Json;

public sealed class EcsClientTests
{
    private const string ClusterArn = "arn:aws:ecs:us-east-1:123456789012:cluster/hipaa-cluster";
    private const string NamespaceArn = "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-abcd1234xmpl5678";

    [Test]
    public async Task Clusters_carry_container_insights_and_the_service_connect_namespace()
    {
        using var wire = new JsonWire();
        wire.AnswerSample("ecs", "DescribeClusters.response.json");

        var clusters = await new EcsClient(wire.Transport).DescribeClustersAsync([ClusterArn], CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(clusters, Has.Count.EqualTo(1));
            Assert.That(clusters[0].ClusterName, Is.EqualTo("hipaa-cluster"));
            Assert.That(clusters[0].Status, Is.EqualTo("ACTIVE"));
            Assert.That(clusters[0].Settings.Single(s => s.Name == "containerInsights").Value, Is.EqualTo("enabled"));
            Assert.That(clusters[0].ServiceConnectDefaults?.Namespace, Is.EqualTo(NamespaceArn));
        }
    }

    [Test]
    public async Task Describe_clusters_targets_the_ecs_api_and_asks_for_settings()
    {
        using var wire = new JsonWire();
        wire.AnswerSample("ecs", "DescribeClusters.response.json");

        await new EcsClient(wire.Transport).DescribeClustersAsync([ClusterArn], CancellationToken.None);

        var request = wire.Handler.Requests.Single();
        var body = wire.RequestBody(0);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(request.Method.ToString(), Is.EqualTo("POST"));
            Assert.That(request.Headers["X-Amz-Target"], Is.EqualTo("AmazonEC2ContainerServiceV20141113.DescribeClusters"));
            Assert.That(request.Headers["Content-Type"], Is.EqualTo("application/x-amz-json-1.1"));
            Assert.That(request.Headers["Authorization"], Does.Contain("/us-east-1/ecs/aws4_request"));
            Assert.That(body.GetProperty("include")[0].GetString(), Is.EqualTo("SETTINGS"));
            Assert.That(body.GetProperty("clusters")[0].GetString(), Is.EqualTo(ClusterArn));
        }
    }

    [Test]
    public async Task A_named_cluster_that_ecs_reports_missing_is_an_error_naming_its_arn()
    {
        using var wire = new JsonWire();
        wire.Answer("""{"clusters":[],"failures":[{"arn":"arn:aws:ecs:us-east-1:123456789012:cluster/gone","reason":"MISSING"}]}""");

        var error = (await Assert.ThrowsAsync<AwsServiceException>(() => new EcsClient(wire.Transport).DescribeClustersAsync(["gone"], CancellationToken.None)))!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.ErrorCode, Is.EqualTo(EcsClient.NotFound));
            Assert.That(error.AwsMessage, Does.Contain("arn:aws:ecs:us-east-1:123456789012:cluster/gone"));
            Assert.That(error.Region, Is.EqualTo("us-east-1"));
            Assert.That(error.Action, Is.EqualTo("ecs:DescribeClusters"));
        }
    }

    [Test]
    public async Task Services_map_the_awsvpc_network_and_the_deployment_rollout()
    {
        using var wire = new JsonWire();
        wire.AnswerSample("ecs", "DescribeServices.response.json");

        var service = (await new EcsClient(wire.Transport).DescribeServicesAsync("hipaa-cluster", ["hipaa-api"], CancellationToken.None)).Single();

        var deployment = service.Deployments.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(service.ServiceName, Is.EqualTo("hipaa-api"));
            Assert.That(service.LaunchType, Is.EqualTo("FARGATE"));
            Assert.That(service.DesiredCount, Is.EqualTo(2));
            Assert.That(service.NetworkConfiguration?.AssignPublicIp, Is.EqualTo("DISABLED"));
            Assert.That(service.NetworkConfiguration?.Subnets, Is.EqualTo(new[] { "subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002" }));
            Assert.That(service.NetworkConfiguration?.SecurityGroups, Is.EqualTo(new[] { "sg-0a1b2c3d4e5f60012" }));
            Assert.That(deployment.RolloutState, Is.EqualTo("COMPLETED"));
            Assert.That(deployment.RolloutStateReason, Does.StartWith("ECS deployment ecs-svc/9223370604025455196"));
            Assert.That(deployment.FailedTasks, Is.Zero);
            Assert.That(deployment.ServiceConnectConfiguration?.Enabled, Is.True);
            Assert.That(deployment.ServiceConnectConfiguration?.Namespace, Is.EqualTo(NamespaceArn));
            Assert.That(service.Events.Single().CreatedAt, Is.EqualTo(DateTimeOffset.Parse("2024-05-14T21:58:32.435Z", System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    [Test]
    public async Task Services_are_described_in_batches_of_ten()
    {
        using var wire = new JsonWire();
        wire.AnswerSample("ecs", "DescribeServices.response.json");
        wire.AnswerSample("ecs", "DescribeServices.response.json");
        var names = Enumerable.Range(1, 11).Select(i => $"svc-{i}").ToList();

        var services = await new EcsClient(wire.Transport).DescribeServicesAsync("hipaa-cluster", names, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(services, Has.Count.EqualTo(2));
            Assert.That(wire.RequestBody(0).GetProperty("services").GetArrayLength(), Is.EqualTo(10));
            Assert.That(wire.RequestBody(1).GetProperty("services").GetArrayLength(), Is.EqualTo(1));
            Assert.That(wire.RequestBody(1).GetProperty("cluster").GetString(), Is.EqualTo("hipaa-cluster"));
        }
    }

    [Test]
    public async Task Task_definitions_keep_environment_secrets_and_log_options()
    {
        using var wire = new JsonWire();
        wire.AnswerSample("ecs", "DescribeTaskDefinition.response.json");

        var definition = await new EcsClient(wire.Transport).DescribeTaskDefinitionAsync("hipaa-api:3", CancellationToken.None);

        var container = definition.ContainerDefinitions.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(definition.Family, Is.EqualTo("hipaa-api"));
            Assert.That(definition.Revision, Is.EqualTo(3));
            Assert.That(definition.NetworkMode, Is.EqualTo("awsvpc"));
            Assert.That(definition.ExecutionRoleArn, Is.EqualTo("arn:aws:iam::123456789012:role/hipaa-ecs-task-execution-role"));
            Assert.That(container.Privileged, Is.Null);
            Assert.That(container.Environment.Single().Value, Is.EqualTo("Production"));
            Assert.That(container.Secrets.Single().ValueFrom, Does.StartWith("arn:aws:secretsmanager:us-east-1:123456789012:secret:hipaa/db-credentials"));
            Assert.That(container.LogConfiguration?.LogDriver, Is.EqualTo("awslogs"));
            Assert.That(container.LogConfiguration?.Options["awslogs-group"], Is.EqualTo("/ecs/hipaa-api"));
            Assert.That(container.LogConfiguration?.Options["awslogs-stream-prefix"], Is.EqualTo("ecs"));
        }
    }

    [Test]
    public async Task Services_are_listed_across_pages()
    {
        using var wire = new JsonWire();
        wire.Answer("""{"serviceArns":["arn:aws:ecs:us-east-1:123456789012:service/hipaa-cluster/hipaa-admin"],"nextToken":"page-2"}""");
        wire.AnswerSample("ecs", "ListServices.response.json");

        var services = await new EcsClient(wire.Transport).ListServicesAsync("hipaa-cluster", CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(services, Has.Count.EqualTo(3));
            Assert.That(services[2], Is.EqualTo("arn:aws:ecs:us-east-1:123456789012:service/hipaa-cluster/hipaa-worker"));
            Assert.That(wire.RequestBody(1).GetProperty("nextToken").GetString(), Is.EqualTo("page-2"));
            Assert.That(wire.Handler.Requests[1].Headers["X-Amz-Target"], Is.EqualTo("AmazonEC2ContainerServiceV20141113.ListServices"));
            Assert.That(wire.Session.Calls.Calls, Has.Count.EqualTo(2));
        }
    }

    [Test]
    public async Task Stopped_tasks_carry_stop_code_and_exponent_form_stop_time()
    {
        using var wire = new JsonWire();
        wire.Answer("""{"taskArns":["arn:aws:ecs:us-east-1:123456789012:task/hipaa-cluster/0a1b"]}""");
        wire.Answer("""
            {"tasks":[{"taskArn":"arn:aws:ecs:us-east-1:123456789012:task/hipaa-cluster/0a1b","group":"service:hipaa-api","lastStatus":"STOPPED",
              "stopCode":"TaskFailedToStart","stoppedReason":"ResourceInitializationError: unable to pull secrets","stoppedAt":1.715725253713E9,
              "containers":[{"name":"api","lastStatus":"STOPPED","reason":"CannotPullContainerError"}],"futureMember":{"x":1}}],
             "failures":[{"arn":"arn:aws:ecs:us-east-1:123456789012:task/hipaa-cluster/aged-out","reason":"MISSING"}]}
            """);
        var client = new EcsClient(wire.Transport);

        var arns = await client.ListTasksAsync("hipaa-cluster", "STOPPED", CancellationToken.None);
        var task = (await client.DescribeTasksAsync("hipaa-cluster", [.. arns, "aged-out"], CancellationToken.None)).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(wire.RequestBody(0).GetProperty("desiredStatus").GetString(), Is.EqualTo("STOPPED"));
            Assert.That(task.StopCode, Is.EqualTo("TaskFailedToStart"));
            Assert.That(task.Group, Is.EqualTo("service:hipaa-api"));
            Assert.That(task.StoppedAt, Is.EqualTo(new DateTimeOffset(2024, 5, 14, 22, 20, 53, 713, TimeSpan.Zero)));
            Assert.That(task.Containers.Single().Reason, Is.EqualTo("CannotPullContainerError"));
        }
    }
}
