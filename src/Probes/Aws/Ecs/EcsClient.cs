using System.Text.Json;
using System.Text.Json.Nodes;
using Verification.Probes.Aws.Model;
using Verification.Probes.Aws.Transport;

namespace Verification.Probes.Aws.Ecs;

/// <summary>
/// ECS questions over JSON 1.1 (lowerCamel wire names).
/// A cluster or service the caller names that ECS lists under <c>failures</c> throws <see cref="AwsServiceException"/>
/// with <see cref="NotFound"/> (reason MISSING) or the reason ECS gave, naming the ARN: the caller took that name from
/// the stack outputs, so its absence is a finding, never an empty list. Tasks are different: stopped tasks age out
/// between ListTasks and DescribeTasks, so missing tasks are skipped.
/// </summary>
public sealed class EcsClient(AwsTransport transport)
{
    /// <summary>The error code for a named cluster or service that ECS reports as MISSING.</summary>
    public const string NotFound = "NotFound";

    // ECS's documented per-call ceilings for the Describe* batches.
    private const int ClusterBatch = 100;
    private const int ServiceBatch = 10;
    private const int TaskBatch = 100;

    private readonly JsonClient _json = new(transport, AwsService.Ecs);

    /// <summary>Every cluster ARN in the region.</summary>
    public async Task<List<string>> ListClustersAsync(CancellationToken cancellationToken)
    {
        var pages = await _json.PagesAsync("ListClusters", new JsonObject { ["maxResults"] = 100 }, "nextToken", cancellationToken).ConfigureAwait(false);
        return _json.Read("ListClusters", () => pages.SelectMany(page => page.Strings("clusterArns")).ToList());
    }

    /// <summary>The named clusters with their settings (containerInsights) and Service Connect defaults.</summary>
    public async Task<List<Cluster>> DescribeClustersAsync(IReadOnlyList<string> clusters, CancellationToken cancellationToken)
    {
        var found = new List<Cluster>();
        foreach (var batch in clusters.Chunk(ClusterBatch))
        {
            var request = new JsonObject { ["clusters"] = Array(batch), ["include"] = new JsonArray("SETTINGS") };
            var page = await _json.CallAsync("DescribeClusters", request, cancellationToken).ConfigureAwait(false);
            ThrowOnFailures(page, "DescribeClusters", "cluster");
            found.AddRange(page.Items("clusters").Select(ToCluster));
        }

        return found;
    }

    /// <summary>Every service ARN in <paramref name="cluster"/>.</summary>
    public async Task<List<string>> ListServicesAsync(string cluster, CancellationToken cancellationToken)
    {
        var request = new JsonObject { ["cluster"] = cluster, ["maxResults"] = 100 };
        var pages = await _json.PagesAsync("ListServices", request, "nextToken", cancellationToken).ConfigureAwait(false);
        return _json.Read("ListServices", () => pages.SelectMany(page => page.Strings("serviceArns")).ToList());
    }

    /// <summary>The named services of <paramref name="cluster"/> with network configuration, deployments and events.</summary>
    public async Task<List<Service>> DescribeServicesAsync(string cluster, IReadOnlyList<string> services, CancellationToken cancellationToken)
    {
        var found = new List<Service>();
        foreach (var batch in services.Chunk(ServiceBatch))
        {
            var request = new JsonObject { ["cluster"] = cluster, ["services"] = Array(batch) };
            var page = await _json.CallAsync("DescribeServices", request, cancellationToken).ConfigureAwait(false);
            ThrowOnFailures(page, "DescribeServices", "service");
            found.AddRange(page.Items("services").Select(ToService));
        }

        return found;
    }

    /// <summary>One task definition ("family:revision" or ARN) with its containers.</summary>
    public async Task<TaskDefinition> DescribeTaskDefinitionAsync(string taskDefinition, CancellationToken cancellationToken)
    {
        var answer = await _json.CallAsync("DescribeTaskDefinition", new JsonObject { ["taskDefinition"] = taskDefinition }, cancellationToken).ConfigureAwait(false);
        var definition = answer.Member("taskDefinition")
            ?? throw new AwsServiceException(AwsService.Ecs.EndpointPrefix, "DescribeTaskDefinition", _json.Region, "MalformedResponse",
                $"the answer for {taskDefinition} has no taskDefinition", 200, null);
        return ToTaskDefinition(definition);
    }

    /// <summary>The task ARNs of <paramref name="cluster"/> in <paramref name="desiredStatus"/> (RUNNING, PENDING or STOPPED).</summary>
    public async Task<List<string>> ListTasksAsync(string cluster, string desiredStatus, CancellationToken cancellationToken)
    {
        var request = new JsonObject { ["cluster"] = cluster, ["desiredStatus"] = desiredStatus, ["maxResults"] = 100 };
        var pages = await _json.PagesAsync("ListTasks", request, "nextToken", cancellationToken).ConfigureAwait(false);
        return _json.Read("ListTasks", () => pages.SelectMany(page => page.Strings("taskArns")).ToList());
    }

    /// <summary>The named tasks of <paramref name="cluster"/>; tasks ECS no longer knows are left out.</summary>
    public async Task<List<EcsTask>> DescribeTasksAsync(string cluster, IReadOnlyList<string> tasks, CancellationToken cancellationToken)
    {
        var found = new List<EcsTask>();
        foreach (var batch in tasks.Chunk(TaskBatch))
        {
            var request = new JsonObject { ["cluster"] = cluster, ["tasks"] = Array(batch) };
            var page = await _json.CallAsync("DescribeTasks", request, cancellationToken).ConfigureAwait(false);
            found.AddRange(page.Items("tasks").Select(ToTask));
        }

        return found;
    }

    private static JsonArray Array(IEnumerable<string> values) => [.. values.Select(value => (JsonNode)JsonValue.Create(value))];

    private void ThrowOnFailures(JsonElement page, string operation, string kind)
    {
        if (page.Items("failures").FirstOrDefault() is not { ValueKind: JsonValueKind.Object } failure)
        {
            return;
        }

        var arn = failure.Text("arn") ?? "(no arn)";
        var reason = failure.Text("reason") ?? "UNKNOWN";
        var detail = failure.Text("detail");
        var code = reason == "MISSING" ? NotFound : reason;
        var message = $"{kind} {arn} was reported {reason}" + (detail is null ? "" : $" ({detail})");
        throw new AwsServiceException(AwsService.Ecs.EndpointPrefix, operation, _json.Region, code, message, 200, null);
    }

    private static Cluster ToCluster(JsonElement cluster) => new()
    {
        ClusterArn = cluster.Text("clusterArn") ?? "",
        ClusterName = cluster.Text("clusterName") ?? "",
        Status = cluster.Text("status"),
        Settings = [.. cluster.Items("settings").Select(ToNameValue)],
        ServiceConnectDefaults = cluster.Member("serviceConnectDefaults") is { } defaults
            ? new ClusterServiceConnectDefaults { Namespace = defaults.Text("namespace") }
            : null,
    };

    private static KeyValuePairEntry ToNameValue(JsonElement pair) => new() { Name = pair.Text("name") ?? "", Value = pair.Text("value") };

    private static Service ToService(JsonElement service) => new()
    {
        ServiceArn = service.Text("serviceArn") ?? "",
        ServiceName = service.Text("serviceName") ?? "",
        ClusterArn = service.Text("clusterArn"),
        Status = service.Text("status"),
        DesiredCount = service.Int("desiredCount"),
        RunningCount = service.Int("runningCount"),
        LaunchType = service.Text("launchType"),
        CapacityProviderStrategy = [.. service.Items("capacityProviderStrategy").Select(item => new CapacityProviderStrategyItem
        {
            CapacityProvider = item.Text("capacityProvider") ?? "",
            Weight = item.Int("weight"),
            Base = item.Int("base"),
        })],
        PlatformVersion = service.Text("platformVersion"),
        PlatformFamily = service.Text("platformFamily"),
        TaskDefinition = service.Text("taskDefinition"),
        NetworkConfiguration = ToAwsVpc(service),
        Deployments = [.. service.Items("deployments").Select(ToDeployment)],
        Events = [.. service.Items("events").Select(ToEvent)],
    };

    private static AwsVpcConfiguration? ToAwsVpc(JsonElement owner) =>
        owner.Member("networkConfiguration")?.Member("awsvpcConfiguration") is { } vpc
            ? new AwsVpcConfiguration
            {
                Subnets = vpc.Strings("subnets"),
                SecurityGroups = vpc.Strings("securityGroups"),
                AssignPublicIp = vpc.Text("assignPublicIp"),
            }
            : null;

    private static Deployment ToDeployment(JsonElement deployment) => new()
    {
        Id = deployment.Text("id"),
        Status = deployment.Text("status"),
        TaskDefinition = deployment.Text("taskDefinition"),
        DesiredCount = deployment.Int("desiredCount"),
        RunningCount = deployment.Int("runningCount"),
        FailedTasks = deployment.Int("failedTasks"),
        RolloutState = deployment.Text("rolloutState"),
        RolloutStateReason = deployment.Text("rolloutStateReason"),
        ServiceConnectConfiguration = deployment.Member("serviceConnectConfiguration") is { } connect
            ? new ServiceConnectConfiguration { Enabled = connect.Bool("enabled") ?? false, Namespace = connect.Text("namespace") }
            : null,
    };

    private static ServiceEvent ToEvent(JsonElement serviceEvent) => new()
    {
        Id = serviceEvent.Text("id"),
        CreatedAt = serviceEvent.EpochSeconds("createdAt"),
        Message = serviceEvent.Text("message"),
    };

    private static TaskDefinition ToTaskDefinition(JsonElement definition) => new()
    {
        TaskDefinitionArn = definition.Text("taskDefinitionArn") ?? "",
        Family = definition.Text("family"),
        Revision = definition.Int("revision"),
        NetworkMode = definition.Text("networkMode"),
        ExecutionRoleArn = definition.Text("executionRoleArn"),
        TaskRoleArn = definition.Text("taskRoleArn"),
        ContainerDefinitions = [.. definition.Items("containerDefinitions").Select(ToContainerDefinition)],
    };

    private static ContainerDefinition ToContainerDefinition(JsonElement container) => new()
    {
        Name = container.Text("name") ?? "",
        Image = container.Text("image"),
        Privileged = container.Bool("privileged"),
        ReadonlyRootFilesystem = container.Bool("readonlyRootFilesystem"),
        Environment = [.. container.Items("environment").Select(ToNameValue)],
        Secrets = [.. container.Items("secrets").Select(secret => new SecretReference { Name = secret.Text("name") ?? "", ValueFrom = secret.Text("valueFrom") })],
        LogConfiguration = container.Member("logConfiguration") is { } log
            ? new LogConfiguration { LogDriver = log.Text("logDriver"), Options = Options(log) }
            : null,
    };

    private static Dictionary<string, string> Options(JsonElement log) =>
        log.Member("options") is { ValueKind: JsonValueKind.Object } options
            ? options.EnumerateObject()
                .Where(option => option.Value.ValueKind == JsonValueKind.String)
                .ToDictionary(option => option.Name, option => option.Value.GetString()!, StringComparer.Ordinal)
            : [];

    private static EcsTask ToTask(JsonElement task) => new()
    {
        TaskArn = task.Text("taskArn") ?? "",
        ClusterArn = task.Text("clusterArn"),
        Attachments = [.. task.Items("attachments").Select(attachment => new Attachment
        {
            Id = attachment.Text("id"),
            Type = attachment.Text("type"),
            Status = attachment.Text("status"),
            Details = [.. attachment.Items("details").Select(detail => new KeyValuePairEntry { Name = detail.Text("name") ?? "", Value = detail.Text("value") })],
        })],
        Group = task.Text("group"),
        LastStatus = task.Text("lastStatus"),
        StopCode = task.Text("stopCode"),
        StoppedReason = task.Text("stoppedReason"),
        StoppedAt = task.EpochSeconds("stoppedAt"),
        Containers = [.. task.Items("containers").Select(container => new EcsContainer
        {
            Name = container.Text("name"),
            Reason = container.Text("reason"),
            LastStatus = container.Text("lastStatus"),
        })],
    };
}
