using Verification.Probes.Aws.Model;
using Verification.Probes.Outputs;

namespace Verification.Probes.Collection;

/// <summary>The ECS part of a stack: clusters and services in the VPC and what they reference.</summary>
internal sealed record ContainerPart(
    Fetched<List<Cluster>> Clusters,
    Fetched<List<Service>> Services,
    Fetched<List<TaskDefinition>> TaskDefinitions,
    Fetched<List<EcsTask>> StoppedTasks,
    Dictionary<string, Fetched<Namespace>> Namespaces,
    Dictionary<string, Fetched<RoleSimulation>> RoleSimulations,
    List<ScopedResource> Scope,
    ScopeGap? Gap)
{
    public static ContainerPart Failed(ScopeGap gap) => new(
        Fetched<List<Cluster>>.Failed(gap.Error), Fetched<List<Service>>.Failed(gap.Error), Fetched<List<TaskDefinition>>.Failed(gap.Error),
        Fetched<List<EcsTask>>.Failed(gap.Error), [], [], [], gap);
}

/// <summary>Finds the stack's ECS clusters and services by the rule in <see cref="StackScope"/>, then what they reference.</summary>
internal static class ContainerCollector
{
    /// <summary>The actions an ECS execution role needs to hand the database secret to a task, each simulated on its resource.</summary>
    public static IReadOnlyList<string> ExecutionRoleActions { get; } = ["secretsmanager:GetSecretValue", "kms:Decrypt"];

    private const string Unknown = "which ECS clusters and services run in the stack VPC";

    public static async Task<ContainerPart> CollectAsync(AwsQuestions aws, StackOutputs outputs, NetworkPart network, CancellationToken ct)
    {
        var named = StackScope.NamedClusters(outputs);
        var candidates = named.Count > 0
            ? await aws.Ask($"ecs:DescribeClusters:{string.Join(',', named)}", () => aws.Ecs.DescribeClustersAsync(named, ct)).ConfigureAwait(false)
            : await AllClustersAsync(aws, ct).ConfigureAwait(false);
        if (candidates.Error is { } clusterError)
        {
            return ContainerPart.Failed(new ScopeGap(Unknown, clusterError));
        }

        var perCluster = await Task.WhenAll(candidates.Value!.Select(c => ServicesAsync(aws, c.ClusterArn, ct))).ConfigureAwait(false);
        var services = Answers.Join(perCluster);
        var subnets = await network.Subnets.ConfigureAwait(false);
        if ((services.Error ?? subnets.Error) is { } listError)
        {
            return ContainerPart.Failed(new ScopeGap(Unknown, listError));
        }

        // Only with named clusters can a task elsewhere in the VPC be missed: every ECS interface in the VPC must belong to one of their running tasks.
        if (named.Count > 0 && await UnexplainedAsync(aws, outputs, network, candidates.Value!, ct).ConfigureAwait(false) is { } gap)
        {
            return ContainerPart.Failed(gap);
        }

        var (stackClusterScope, serviceScope) = StackScope.EcsServices(named.Count > 0, candidates.Value!, services.Value!, subnets.Value!);
        var inVpc = serviceScope.Items;
        var stackClusters = stackClusterScope.Items;
        var scope = stackClusterScope.Scope.Concat(serviceScope.Scope).ToList();

        var definitionArns = inVpc.SelectMany(s => s.Deployments.Select(d => d.TaskDefinition).Append(s.TaskDefinition)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var definitionsTask = Task.WhenAll(definitionArns.Select(arn => aws.Ask($"ecs:DescribeTaskDefinition:{arn}", () => aws.Ecs.DescribeTaskDefinitionAsync(arn, ct))));
        var namespaceIds = stackClusters.Select(c => Controls.ServiceConnect.CloudMapArn.NamespaceId(c.ServiceConnectDefaults?.Namespace)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var namespacesTask = Task.WhenAll(namespaceIds.Select(async id => (id, answer: await aws.Ask($"servicediscovery:GetNamespace:{id}", () => aws.CloudMap.GetNamespaceAsync(id, ct)).ConfigureAwait(false))));
        var stoppedTask = Task.WhenAll(stackClusters.Select(c => TasksAsync(aws, c.ClusterArn, "STOPPED", ct)));

        var definitions = await definitionsTask.ConfigureAwait(false);
        var taskDefinitions = definitions.FirstOrDefault(d => d.Error is not null)?.Error is { } definitionError
            ? Fetched<List<TaskDefinition>>.Failed(definitionError)
            : Fetched<List<TaskDefinition>>.Of([.. definitions.Select(d => TaskDefinitionMask.WithoutCredentials(d.Value!))]);
        var roles = await SimulateExecutionRolesAsync(aws, outputs, taskDefinitions, ct).ConfigureAwait(false);
        return new ContainerPart(
            Fetched<List<Cluster>>.Of(stackClusters),
            Fetched<List<Service>>.Of(inVpc),
            taskDefinitions,
            Answers.Join(await stoppedTask.ConfigureAwait(false)),
            (await namespacesTask.ConfigureAwait(false)).ToDictionary(n => n.id, n => n.answer, StringComparer.Ordinal),
            roles,
            scope,
            null);
    }

    /// <summary>Every cluster of the account: the complete fallback when the outputs name none.</summary>
    private static async Task<Fetched<List<Cluster>>> AllClustersAsync(AwsQuestions aws, CancellationToken ct)
    {
        var arns = await aws.Ask("ecs:ListClusters", () => aws.Ecs.ListClustersAsync(ct)).ConfigureAwait(false);
        return arns.Error is { } error
            ? Fetched<List<Cluster>>.Failed(error)
            : await aws.Ask("ecs:DescribeClusters", () => aws.Ecs.DescribeClustersAsync(arns.Value!, ct)).ConfigureAwait(false);
    }

    private static async Task<Fetched<List<Service>>> ServicesAsync(AwsQuestions aws, string clusterArn, CancellationToken ct)
    {
        var names = await aws.Ask($"ecs:ListServices:{clusterArn}", () => aws.Ecs.ListServicesAsync(clusterArn, ct)).ConfigureAwait(false);
        if (names.Error is { } error)
        {
            return Fetched<List<Service>>.Failed(error);
        }

        return names.Value!.Count == 0
            ? Fetched<List<Service>>.Of([])
            : await aws.Ask($"ecs:DescribeServices:{clusterArn}", () => aws.Ecs.DescribeServicesAsync(clusterArn, names.Value!, ct)).ConfigureAwait(false);
    }

    private static async Task<Fetched<List<EcsTask>>> TasksAsync(AwsQuestions aws, string clusterArn, string desiredStatus, CancellationToken ct)
    {
        var taskArns = await aws.Ask($"ecs:ListTasks:{clusterArn}:{desiredStatus}", () => aws.Ecs.ListTasksAsync(clusterArn, desiredStatus, ct)).ConfigureAwait(false);
        if (taskArns.Error is { } error)
        {
            return Fetched<List<EcsTask>>.Failed(error);
        }

        return taskArns.Value!.Count == 0
            ? Fetched<List<EcsTask>>.Of([])
            : await aws.Ask($"ecs:DescribeTasks:{clusterArn}:{desiredStatus}", () => aws.Ecs.DescribeTasksAsync(clusterArn, taskArns.Value!, ct)).ConfigureAwait(false);
    }

    /// <summary>A gap when an ECS interface in the VPC belongs to no running task of the named clusters, or when that cannot be checked.</summary>
    private static async Task<ScopeGap?> UnexplainedAsync(AwsQuestions aws, StackOutputs outputs, NetworkPart network, List<Cluster> clusters, CancellationToken ct)
    {
        var interfaces = await network.NetworkInterfaces.ConfigureAwait(false);
        if (interfaces.Error is { } eniError)
        {
            return new ScopeGap(Unknown, eniError);
        }

        var running = Answers.Join(await Task.WhenAll(clusters.Select(c => TasksAsync(aws, c.ClusterArn, "RUNNING", ct))).ConfigureAwait(false));
        if (running.Error is { } taskError)
        {
            return new ScopeGap(Unknown, taskError);
        }

        var unexplained = StackScope.UnexplainedEcsInterfaces(interfaces.Value!, running.Value!);
        return unexplained.Count == 0 ? null : new ScopeGap(Unknown, new CollectionError(
            "ec2:DescribeNetworkInterfaces",
            "ScopeIncomplete",
            $"ECS network interfaces {string.Join(", ", unexplained.Select(e => $"{e.NetworkInterfaceId} ({e.Description})"))} in {outputs.VpcId} belong to no running task of the clusters the outputs name ({string.Join(", ", clusters.Select(c => c.ClusterName))}), so another cluster runs tasks in the stack VPC",
            aws.Region));
    }

    private static async Task<Dictionary<string, Fetched<RoleSimulation>>> SimulateExecutionRolesAsync(AwsQuestions aws, StackOutputs outputs, Fetched<List<TaskDefinition>> definitions, CancellationToken ct)
    {
        var roles = (definitions.Value ?? []).Select(d => d.ExecutionRoleArn).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var answers = await Task.WhenAll(roles.Select(async role =>
        {
            var results = await aws.Ask($"iam:SimulatePrincipalPolicy:{role}", () => aws.Iam.SimulatePrincipalPolicyAsync(role, ExecutionRoleActions, [outputs.DbSecretArn, outputs.KmsKeyArn], ct)).ConfigureAwait(false);
            return (role, simulation: results.Error is { } error ? Fetched<RoleSimulation>.Failed(error) : Fetched<RoleSimulation>.Of(new RoleSimulation(role, results.Value!)));
        })).ConfigureAwait(false);
        return answers.ToDictionary(a => a.role, a => a.simulation, StringComparer.Ordinal);
    }
}
