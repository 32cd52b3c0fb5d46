using Verification.Probes.Aws;
using Verification.Probes.Aws.Ec2;
using Verification.Probes.Aws.Ecs;
using Verification.Probes.Aws.ElastiCache;
using Verification.Probes.Aws.Elbv2;
using Verification.Probes.Aws.Iam;
using Verification.Probes.Aws.Kms;
using Verification.Probes.Aws.Logs;
using Verification.Probes.Aws.Model;
using Verification.Probes.Aws.Rds;
using Verification.Probes.Aws.S3;
using Verification.Probes.Aws.SecretsManager;
using Verification.Probes.Aws.ServiceDiscovery;
using Verification.Probes.Aws.Sts;
using Verification.Probes.Aws.Transport;
using Verification.Probes.Outputs;

namespace Verification.Probes.Collection;

/// <summary>
/// Walks from a stack's outputs to its live resources and returns one snapshot. Independent questions run in
/// parallel; account-wide lists (all DB instances, all log groups, ...) are asked once and shared by every stack
/// collected with the same collector.
/// </summary>
public sealed class StackCollector : IDisposable
{
    private readonly AwsSession _session;
    private readonly Questions _questions;
    private readonly RdsClient _rds;
    private readonly ElastiCacheClient _elastiCache;
    private readonly Elbv2Client _elbv2;
    private readonly EcsClient _ecs;
    private readonly ServiceDiscoveryClient _cloudMap;
    private readonly SecretsManagerClient _secrets;
    private readonly LogsClient _logs;
    private readonly IamClient _iam;
    private readonly Ec2Probe _ec2;
    private readonly KmsProbe _kms;
    private readonly S3Probe _s3;
    private readonly StsProbe _sts;

    public StackCollector(AwsSession session)
    {
        _session = session;
        _questions = new Questions { Region = session.Region };
        var transport = new AwsTransport(session);
        _rds = new RdsClient(transport);
        _elastiCache = new ElastiCacheClient(transport);
        _elbv2 = new Elbv2Client(transport);
        _ecs = new EcsClient(transport);
        _cloudMap = new ServiceDiscoveryClient(transport);
        _secrets = new SecretsManagerClient(transport);
        _logs = new LogsClient(transport);
        _iam = new IamClient(transport);
        _ec2 = new Ec2Probe(session);
        _kms = new KmsProbe(session);
        _s3 = new S3Probe(session);
        _sts = new StsProbe(session);
    }

    public void Dispose()
    {
        _ec2.Dispose();
        _kms.Dispose();
        _s3.Dispose();
        _sts.Dispose();
    }

    /// <summary>How many distinct AWS questions this collector has asked so far.</summary>
    public int QuestionsAsked => _questions.Count;

    /// <summary>Collects one stack.</summary>
    public async Task<StackSnapshot> CollectAsync(StackOutputs outputs, CancellationToken cancellationToken)
    {
        var started = _session.Time.GetUtcNow();
        var vpcId = outputs.VpcId;
        var ct = cancellationToken;

        // Level 0: everything that needs only the outputs.
        var caller = Ask("sts:GetCallerIdentity", () => _sts.GetCallerIdentityAsync(ct));
        var vpc = Ask($"ec2:DescribeVpcs:{vpcId}", () => _ec2.DescribeVpcAsync(vpcId, ct));
        var subnets = Ask($"ec2:DescribeSubnets:{vpcId}", () => _ec2.DescribeSubnetsAsync(vpcId, ct));
        var routeTables = Ask($"ec2:DescribeRouteTables:{vpcId}", () => _ec2.DescribeRouteTablesAsync(vpcId, ct));
        var natGateways = Ask($"ec2:DescribeNatGateways:{vpcId}", () => _ec2.DescribeNatGatewaysAsync(vpcId, ct));
        var internetGateways = Ask($"ec2:DescribeInternetGateways:{vpcId}", () => _ec2.DescribeInternetGatewaysAsync(vpcId, ct));
        var securityGroups = Ask($"ec2:DescribeSecurityGroups:{vpcId}", () => _ec2.DescribeSecurityGroupsAsync(vpcId, ct));
        var interfaces = Ask($"ec2:DescribeNetworkInterfaces:{vpcId}", () => _ec2.DescribeNetworkInterfacesAsync(vpcId, ct));
        var flowLogs = Ask($"ec2:DescribeFlowLogs:{vpcId}", () => _ec2.DescribeFlowLogsAsync(vpcId, ct));
        var dbInstances = Ask("rds:DescribeDBInstances", () => _rds.DescribeDBInstancesAsync(ct));
        var dbClusters = Ask("rds:DescribeDBClusters", () => _rds.DescribeDBClustersAsync(ct));
        var dbSubnetGroups = Ask("rds:DescribeDBSubnetGroups", () => _rds.DescribeDBSubnetGroupsAsync(ct));
        var replicationGroups = Ask("elasticache:DescribeReplicationGroups", () => _elastiCache.DescribeReplicationGroupsAsync(ct));
        var cacheClusters = Ask("elasticache:DescribeCacheClusters", () => _elastiCache.DescribeCacheClustersAsync(ct));
        var cacheSubnetGroups = Ask("elasticache:DescribeCacheSubnetGroups", () => _elastiCache.DescribeCacheSubnetGroupsAsync(ct));
        var loadBalancers = Ask("elasticloadbalancing:DescribeLoadBalancers", () => _elbv2.DescribeLoadBalancersAsync(ct));
        var logGroups = Ask("logs:DescribeLogGroups", () => _logs.DescribeLogGroupsAsync(null, ct));
        var secret = Ask($"secretsmanager:DescribeSecret:{outputs.DbSecretArn}", () => _secrets.DescribeSecretAsync(outputs.DbSecretArn, ct));
        var key = Ask($"kms:DescribeKey:{outputs.KmsKeyArn}", () => _kms.DescribeKeyAsync(outputs.KmsKeyArn, ct));
        var keyPolicy = Ask($"kms:GetKeyPolicy:{outputs.KmsKeyArn}", () => _kms.GetKeyPolicyAsync(outputs.KmsKeyArn, ct));
        var keyRotation = Ask($"kms:GetKeyRotationStatus:{outputs.KmsKeyArn}", () => _kms.GetKeyRotationStatusAsync(outputs.KmsKeyArn, ct));
        var aliases = Ask("kms:ListAliases", () => _kms.ListAliasesAsync(ct));
        var ecs = CollectEcsAsync(subnets, ct);
        var stateBucket = CollectStateBucketAsync(outputs.StateBucket, ct);

        // Level 1: what depends on the account-wide lists.
        var databases = ScopeDatabasesAsync(outputs, dbInstances, dbClusters, dbSubnetGroups);
        var caches = ScopeCachesAsync(outputs, replicationGroups, cacheClusters, cacheSubnetGroups);
        var alb = ScopeLoadBalancerAsync(outputs, loadBalancers, ct);
        var db = await databases.ConfigureAwait(false);
        var parameters = CollectParametersAsync(db, ct);
        var engineVersions = CollectEngineVersionsAsync(db, ct);
        var ecsResult = await ecs.ConfigureAwait(false);
        var stackLogGroups = ScopeLogGroupsAsync(outputs, logGroups, ecsResult);
        var roleSimulations = SimulateExecutionRolesAsync(outputs, ecsResult, ct);

        var cache = await caches.ConfigureAwait(false);
        var (lbs, listeners, lbScope) = await alb.ConfigureAwait(false);
        var (instanceParameters, clusterParameters) = await parameters.ConfigureAwait(false);
        var (groups, missingGroups, logScope) = await stackLogGroups.ConfigureAwait(false);

        var scope = new List<ScopedResource>();
        scope.AddRange(db.Scope);
        scope.AddRange(cache.Scope);
        scope.AddRange(lbScope);
        scope.AddRange(ecsResult.Scope);
        scope.AddRange(logScope);
        scope.Add(new ScopedResource("VPC", vpcId, "named by output vpc_id"));
        scope.Add(new ScopedResource("KMS key", outputs.KmsKeyArn, "named by output kms_key_arn"));
        scope.Add(new ScopedResource("Secrets Manager secret", outputs.DbSecretArn, "named by output db_secret_arn"));
        var bucket = await stateBucket.ConfigureAwait(false);
        if (bucket is not null)
        {
            scope.Add(new ScopedResource("S3 bucket", bucket.Arn, "named as the IaC state bucket (output state_bucket or setting StateBucket)"));
        }

        var eni = await interfaces.ConfigureAwait(false);
        var snapshot = new StackSnapshot
        {
            StartedAt = started,
            Region = _session.Region,
            Outputs = outputs,
            Caller = await caller.ConfigureAwait(false),
            Vpc = await vpc.ConfigureAwait(false),
            Subnets = await subnets.ConfigureAwait(false),
            RouteTables = await routeTables.ConfigureAwait(false),
            NatGateways = await natGateways.ConfigureAwait(false),
            InternetGateways = await internetGateways.ConfigureAwait(false),
            SecurityGroups = await securityGroups.ConfigureAwait(false),
            NetworkInterfaces = eni,
            FlowLogs = await flowLogs.ConfigureAwait(false),
            DBInstances = db.Instances,
            DBClusters = db.Clusters,
            DBSubnetGroups = await dbSubnetGroups.ConfigureAwait(false),
            DBParameters = instanceParameters,
            DBClusterParameters = clusterParameters,
            DBEngineVersions = await engineVersions.ConfigureAwait(false),
            ReplicationGroups = cache.Groups,
            CacheClusters = cache.Clusters,
            CacheSubnetGroups = await cacheSubnetGroups.ConfigureAwait(false),
            EcsClusters = ecsResult.Clusters,
            EcsServices = ecsResult.Services,
            TaskDefinitions = ecsResult.TaskDefinitions,
            StoppedTasks = ecsResult.StoppedTasks,
            Namespaces = ecsResult.Namespaces,
            LogGroups = groups,
            MissingLogGroups = missingGroups,
            RoleSimulations = await roleSimulations.ConfigureAwait(false),
            StateBucket = bucket,
            Secret = await secret.ConfigureAwait(false),
            Key = await key.ConfigureAwait(false),
            KeyPolicy = await keyPolicy.ConfigureAwait(false),
            KeyRotationEnabled = await keyRotation.ConfigureAwait(false),
            Aliases = await aliases.ConfigureAwait(false),
            LoadBalancers = lbs,
            Listeners = listeners,
            Scope = scope,
        };
        return snapshot with
        {
            NotVerified = Unverified.Among(snapshot, eni.Value ?? []),
            FinishedAt = _session.Time.GetUtcNow(),
            Calls = [.. _session.Calls.Calls],
        };
    }

    private Task<Fetched<T>> Ask<T>(string key, Func<Task<T>> call) => _questions.AskAsync(key, call);

    /// <summary>The four questions about the state bucket, asked together; null when no bucket is named.</summary>
    private async Task<StateBucket?> CollectStateBucketAsync(string? name, CancellationToken ct)
    {
        if (name is null)
        {
            return null;
        }

        var encryption = Ask($"s3:GetEncryptionConfiguration:{name}", () => _s3.GetBucketEncryptionAsync(name, ct));
        var versioning = Ask($"s3:GetBucketVersioning:{name}", () => _s3.GetBucketVersioningAsync(name, ct));
        var publicAccess = Ask($"s3:GetBucketPublicAccessBlock:{name}", () => _s3.GetPublicAccessBlockAsync(name, ct));
        var policy = Ask($"s3:GetBucketPolicy:{name}", () => _s3.GetBucketPolicyAsync(name, ct));
        return new StateBucket
        {
            Name = name,
            Encryption = await encryption.ConfigureAwait(false),
            Versioning = await versioning.ConfigureAwait(false),
            PublicAccessBlock = await publicAccess.ConfigureAwait(false),
            Policy = await policy.ConfigureAwait(false),
        };
    }

    private sealed record DatabaseScope(Fetched<List<DBInstance>> Instances, Fetched<List<DBCluster>> Clusters, List<ScopedResource> Scope);

    private static async Task<DatabaseScope> ScopeDatabasesAsync(StackOutputs outputs, Task<Fetched<List<DBInstance>>> instancesTask, Task<Fetched<List<DBCluster>>> clustersTask, Task<Fetched<List<DBSubnetGroup>>> subnetGroupsTask)
    {
        var instances = await instancesTask.ConfigureAwait(false);
        var clusters = await clustersTask.ConfigureAwait(false);
        var subnetGroups = await subnetGroupsTask.ConfigureAwait(false);
        var scope = new List<ScopedResource>();
        var host = outputs.DbEndpoint.Host;
        var groupVpc = (subnetGroups.Value ?? []).ToDictionary(g => g.DBSubnetGroupName, g => g.VpcId, StringComparer.Ordinal);

        Fetched<List<DBCluster>> scopedClusters = clusters;
        var clusterIds = new HashSet<string>(StringComparer.Ordinal);
        if (clusters.Value is { } allClusters)
        {
            var kept = new List<DBCluster>();
            foreach (var cluster in allClusters)
            {
                var named = Same(cluster.Endpoint, host) || Same(cluster.ReaderEndpoint, host);
                var inVpc = cluster.DBSubnetGroup is { } g && groupVpc.GetValueOrDefault(g) == outputs.VpcId;
                if (named || inVpc)
                {
                    kept.Add(cluster);
                    clusterIds.Add(cluster.DBClusterIdentifier);
                    scope.Add(new ScopedResource("Aurora cluster", cluster.DBClusterArn ?? cluster.DBClusterIdentifier, named ? "named by output db_endpoint" : $"in the stack VPC {outputs.VpcId}"));
                }
            }

            scopedClusters = Fetched<List<DBCluster>>.Of(kept);
        }

        Fetched<List<DBInstance>> scopedInstances = instances;
        if (instances.Value is { } allInstances)
        {
            var kept = new List<DBInstance>();
            foreach (var instance in allInstances)
            {
                var named = Same(instance.Endpoint?.Address, host);
                var inVpc = instance.DBSubnetGroup?.VpcId == outputs.VpcId;
                var member = instance.DBClusterIdentifier is { } c && clusterIds.Contains(c);
                if (named || inVpc || member)
                {
                    kept.Add(instance);
                    scope.Add(new ScopedResource("RDS DB instance", instance.DBInstanceArn ?? instance.DBInstanceIdentifier,
                        named ? "named by output db_endpoint" : member ? $"member of stack cluster {instance.DBClusterIdentifier}" : $"in the stack VPC {outputs.VpcId}"));
                }
            }

            scopedInstances = Fetched<List<DBInstance>>.Of(kept);
        }

        return new DatabaseScope(scopedInstances, scopedClusters, scope);
    }

    private sealed record CacheScope(Fetched<List<ReplicationGroup>> Groups, Fetched<List<CacheCluster>> Clusters, List<ScopedResource> Scope);

    private static async Task<CacheScope> ScopeCachesAsync(StackOutputs outputs, Task<Fetched<List<ReplicationGroup>>> groupsTask, Task<Fetched<List<CacheCluster>>> clustersTask, Task<Fetched<List<CacheSubnetGroup>>> subnetGroupsTask)
    {
        var groups = await groupsTask.ConfigureAwait(false);
        var clusters = await clustersTask.ConfigureAwait(false);
        var subnetGroups = await subnetGroupsTask.ConfigureAwait(false);
        var scope = new List<ScopedResource>();
        var host = outputs.RedisEndpoint.Host;
        var groupVpc = (subnetGroups.Value ?? []).ToDictionary(g => g.CacheSubnetGroupName, g => g.VpcId, StringComparer.Ordinal);
        var clustersInVpc = (clusters.Value ?? []).Where(c => c.CacheSubnetGroupName is { } g && groupVpc.GetValueOrDefault(g) == outputs.VpcId).ToList();

        Fetched<List<ReplicationGroup>> scoped = groups;
        if (groups.Value is { } all)
        {
            var kept = new List<ReplicationGroup>();
            foreach (var group in all)
            {
                var endpoints = group.NodeGroups.SelectMany(n => new[] { n.PrimaryEndpoint?.Address, n.ReaderEndpoint?.Address }).Append(group.ConfigurationEndpoint?.Address);
                var named = endpoints.Any(e => Same(e, host));
                var inVpc = clustersInVpc.Any(c => c.ReplicationGroupId == group.ReplicationGroupId);
                if (named || inVpc)
                {
                    kept.Add(group);
                    scope.Add(new ScopedResource("ElastiCache replication group", group.ARN ?? group.ReplicationGroupId, named ? "named by output redis_endpoint" : $"in the stack VPC {outputs.VpcId}"));
                }
            }

            scoped = Fetched<List<ReplicationGroup>>.Of(kept);
        }

        var keptGroups = (scoped.Value ?? []).Select(g => g.ReplicationGroupId).ToHashSet(StringComparer.Ordinal);
        var scopedClusters = clusters.Value is { } allClusters
            ? Fetched<List<CacheCluster>>.Of([.. allClusters.Where(c => (c.ReplicationGroupId is { } r && keptGroups.Contains(r)) || clustersInVpc.Contains(c))])
            : clusters;
        return new CacheScope(scoped, scopedClusters, scope);
    }

    private async Task<(Fetched<List<LoadBalancer>>, Fetched<List<Listener>>, List<ScopedResource>)> ScopeLoadBalancerAsync(StackOutputs outputs, Task<Fetched<List<LoadBalancer>>> loadBalancersTask, CancellationToken ct)
    {
        var all = await loadBalancersTask.ConfigureAwait(false);
        if (all.Error is { } error)
        {
            return (all, Fetched<List<Listener>>.Failed(error), []);
        }

        var kept = all.Value!.Where(lb => Same(lb.DNSName, outputs.AlbDnsName) || lb.VpcId == outputs.VpcId).ToList();
        var scope = kept.Select(lb => new ScopedResource("Load balancer", lb.LoadBalancerArn, Same(lb.DNSName, outputs.AlbDnsName) ? "named by output alb_dns_name" : $"in the stack VPC {outputs.VpcId}")).ToList();
        var listenerLists = await Task.WhenAll(kept.Select(lb => Ask($"elasticloadbalancing:DescribeListeners:{lb.LoadBalancerArn}", () => _elbv2.DescribeListenersAsync(lb.LoadBalancerArn, ct)))).ConfigureAwait(false);
        var failed = listenerLists.FirstOrDefault(l => l.Error is not null);
        var listeners = failed is not null ? Fetched<List<Listener>>.Failed(failed.Error!) : Fetched<List<Listener>>.Of([.. listenerLists.SelectMany(l => l.Value!)]);
        return (Fetched<List<LoadBalancer>>.Of(kept), listeners, scope);
    }

    private async Task<(Dictionary<string, Fetched<List<Parameter>>>, Dictionary<string, Fetched<List<Parameter>>>)> CollectParametersAsync(DatabaseScope db, CancellationToken ct)
    {
        var instanceGroups = (db.Instances.Value ?? []).SelectMany(i => i.DBParameterGroups.Select(g => g.DBParameterGroupName)).Distinct(StringComparer.Ordinal).ToList();
        var clusterGroups = (db.Clusters.Value ?? []).Select(c => c.DBClusterParameterGroup).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var instanceTasks = instanceGroups.ToDictionary(g => g, g => Ask($"rds:DescribeDBParameters:{g}", () => _rds.DescribeDBParametersAsync(g, ct)), StringComparer.Ordinal);
        var clusterTasks = clusterGroups.ToDictionary(g => g, g => Ask($"rds:DescribeDBClusterParameters:{g}", () => _rds.DescribeDBClusterParametersAsync(g, ct)), StringComparer.Ordinal);
        await Task.WhenAll(instanceTasks.Values.Concat(clusterTasks.Values)).ConfigureAwait(false);
        return (instanceTasks.ToDictionary(p => p.Key, p => p.Value.Result, StringComparer.Ordinal),
            clusterTasks.ToDictionary(p => p.Key, p => p.Value.Result, StringComparer.Ordinal));
    }

    private async Task<Fetched<List<DBEngineVersion>>> CollectEngineVersionsAsync(DatabaseScope db, CancellationToken ct)
    {
        var engines = (db.Instances.Value ?? []).Select(i => i.Engine).Concat((db.Clusters.Value ?? []).Select(c => c.Engine)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var answers = await Task.WhenAll(engines.Select(e => Ask($"rds:DescribeDBEngineVersions:{e}", () => _rds.DescribeDBEngineVersionsAsync(e, ct)))).ConfigureAwait(false);
        var failed = answers.FirstOrDefault(a => a.Error is not null);
        return failed is not null ? Fetched<List<DBEngineVersion>>.Failed(failed.Error!) : Fetched<List<DBEngineVersion>>.Of([.. answers.SelectMany(a => a.Value!)]);
    }

    private async Task<EcsScope> CollectEcsAsync(Task<Fetched<List<Subnet>>> subnetsTask, CancellationToken ct)
    {
        var arns = await Ask("ecs:ListClusters", () => _ecs.ListClustersAsync(ct)).ConfigureAwait(false);
        if (arns.Error is { } listError)
        {
            return EcsScope.Failed(listError);
        }

        var clusters = await Ask("ecs:DescribeClusters", () => _ecs.DescribeClustersAsync(arns.Value!, ct)).ConfigureAwait(false);
        if (clusters.Error is { } describeError)
        {
            return EcsScope.Failed(describeError);
        }

        var perCluster = await Task.WhenAll(clusters.Value!.Select(async cluster =>
        {
            var names = await Ask($"ecs:ListServices:{cluster.ClusterArn}", () => _ecs.ListServicesAsync(cluster.ClusterArn, ct)).ConfigureAwait(false);
            if (names.Error is { } error)
            {
                return Fetched<List<Service>>.Failed(error);
            }

            return names.Value!.Count == 0
                ? Fetched<List<Service>>.Of([])
                : await Ask($"ecs:DescribeServices:{cluster.ClusterArn}", () => _ecs.DescribeServicesAsync(cluster.ClusterArn, names.Value!, ct)).ConfigureAwait(false);
        })).ConfigureAwait(false);
        if (perCluster.FirstOrDefault(s => s.Error is not null)?.Error is { } servicesError)
        {
            return EcsScope.Failed(servicesError);
        }

        var subnets = await subnetsTask.ConfigureAwait(false);
        if (subnets.Error is { } subnetError)
        {
            return EcsScope.Failed(subnetError);
        }

        var vpcSubnets = subnets.Value!.Select(s => s.SubnetId).ToHashSet(StringComparer.Ordinal);
        var services = perCluster.SelectMany(s => s.Value!).Where(s => s.NetworkConfiguration?.Subnets.Any(vpcSubnets.Contains) == true).ToList();
        var clusterArns = services.Select(s => s.ClusterArn).ToHashSet(StringComparer.Ordinal);
        var stackClusters = clusters.Value!.Where(c => clusterArns.Contains(c.ClusterArn)).ToList();
        var scope = stackClusters.Select(c => new ScopedResource("ECS cluster", c.ClusterArn, "runs services in the stack VPC"))
            .Concat(services.Select(s => new ScopedResource("ECS service", s.ServiceArn, "has network interfaces in the stack VPC's subnets")))
            .ToList();

        var taskDefinitionArns = services.SelectMany(s => s.Deployments.Select(d => d.TaskDefinition).Append(s.TaskDefinition)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var taskDefinitions = Task.WhenAll(taskDefinitionArns.Select(arn => Ask($"ecs:DescribeTaskDefinition:{arn}", () => _ecs.DescribeTaskDefinitionAsync(arn, ct))));
        var namespaceIds = stackClusters.Select(c => Controls.ServiceConnect.CloudMapArn.NamespaceId(c.ServiceConnectDefaults?.Namespace)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var namespaces = Task.WhenAll(namespaceIds.Select(async id => (id, await Ask($"servicediscovery:GetNamespace:{id}", () => _cloudMap.GetNamespaceAsync(id, ct)).ConfigureAwait(false))));
        var stopped = Task.WhenAll(stackClusters.Select(async c =>
        {
            var taskArns = await Ask($"ecs:ListTasks:{c.ClusterArn}:STOPPED", () => _ecs.ListTasksAsync(c.ClusterArn, "STOPPED", ct)).ConfigureAwait(false);
            if (taskArns.Error is not null || taskArns.Value!.Count == 0)
            {
                return taskArns.Error is { } e ? Fetched<List<EcsTask>>.Failed(e) : Fetched<List<EcsTask>>.Of([]);
            }

            return await Ask($"ecs:DescribeTasks:{c.ClusterArn}:STOPPED", () => _ecs.DescribeTasksAsync(c.ClusterArn, taskArns.Value!, ct)).ConfigureAwait(false);
        }));

        var definitions = await taskDefinitions.ConfigureAwait(false);
        var stoppedTasks = await stopped.ConfigureAwait(false);
        return new EcsScope(
            Fetched<List<Cluster>>.Of(stackClusters),
            Fetched<List<Service>>.Of(services),
            definitions.FirstOrDefault(d => d.Error is not null)?.Error is { } defError ? Fetched<List<TaskDefinition>>.Failed(defError) : Fetched<List<TaskDefinition>>.Of([.. definitions.Select(d => WithoutCredentials(d.Value!))]),
            stoppedTasks.FirstOrDefault(d => d.Error is not null)?.Error is { } stopError ? Fetched<List<EcsTask>>.Failed(stopError) : Fetched<List<EcsTask>>.Of([.. stoppedTasks.SelectMany(d => d.Value!)]),
            (await namespaces.ConfigureAwait(false)).ToDictionary(n => n.id, n => n.Item2, StringComparer.Ordinal),
            scope);
    }

    private static async Task<(Fetched<List<LogGroup>>, List<string>, List<ScopedResource>)> ScopeLogGroupsAsync(StackOutputs outputs, Task<Fetched<List<LogGroup>>> allTask, EcsScope ecs)
    {
        var all = await allTask.ConfigureAwait(false);
        var wanted = new Dictionary<string, string>(StringComparer.Ordinal);
        if (outputs.LogGroupName is { } named)
        {
            wanted[named] = "named by output log_group_name";
        }

        foreach (var definition in ecs.TaskDefinitions.Value ?? [])
        {
            foreach (var container in definition.ContainerDefinitions)
            {
                if (container.LogConfiguration?.LogDriver == "awslogs" && container.LogConfiguration.Options.TryGetValue("awslogs-group", out var group))
                {
                    wanted.TryAdd(group, $"written to by task definition {definition.Family}:{definition.Revision} container {container.Name}");
                }
            }
        }

        if (all.Error is { } error)
        {
            return (Fetched<List<LogGroup>>.Failed(error), [], []);
        }

        var kept = all.Value!.Where(g => wanted.ContainsKey(g.LogGroupName)).ToList();

        // A referenced group that does not exist is kept by name: tasks writing to it fail to start, which the list of existing groups alone cannot show.
        var existing = kept.Select(g => g.LogGroupName).ToHashSet(StringComparer.Ordinal);
        var missing = wanted.Keys.Where(name => !existing.Contains(name)).Order(StringComparer.Ordinal).ToList();
        return (Fetched<List<LogGroup>>.Of(kept), missing, [.. kept.Select(g => new ScopedResource("Log group", g.Arn ?? g.LogGroupName, wanted[g.LogGroupName]))]);
    }

    /// <summary>The actions an ECS execution role needs to hand the database secret to a task, each simulated on its resource.</summary>
    public static IReadOnlyList<string> ExecutionRoleActions { get; } = ["secretsmanager:GetSecretValue", "kms:Decrypt"];

    private async Task<Dictionary<string, Fetched<RoleSimulation>>> SimulateExecutionRolesAsync(StackOutputs outputs, EcsScope ecs, CancellationToken ct)
    {
        var roles = (ecs.TaskDefinitions.Value ?? []).Select(d => d.ExecutionRoleArn).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var answers = await Task.WhenAll(roles.Select(async role =>
        {
            var results = await Ask($"iam:SimulatePrincipalPolicy:{role}", () => _iam.SimulatePrincipalPolicyAsync(role, ExecutionRoleActions, [outputs.DbSecretArn, outputs.KmsKeyArn], ct)).ConfigureAwait(false);
            return (role, simulation: results.Error is { } error ? Fetched<RoleSimulation>.Failed(error) : Fetched<RoleSimulation>.Of(new RoleSimulation(role, results.Value!)));
        })).ConfigureAwait(false);
        return answers.ToDictionary(a => a.role, a => a.simulation, StringComparer.Ordinal);
    }

    /// <summary>The task definition with credentials in plain environment values masked: the snapshot is saved as evidence and must hold no secret.</summary>
    private static TaskDefinition WithoutCredentials(TaskDefinition definition) => definition with
    {
        ContainerDefinitions = [.. definition.ContainerDefinitions.Select(c => c with
        {
            Environment = [.. c.Environment.Select(e => e with { Value = Controls.Containers.SecretLooking.Mask(e.Name, e.Value) })],
        })],
    };

    private static bool Same(string? a, string? b) => a is not null && b is not null && string.Equals(a.TrimEnd('.'), b.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);
}

/// <summary>The ECS part of a stack: clusters and services in the VPC and what they reference.</summary>
internal sealed record EcsScope(
    Fetched<List<Cluster>> Clusters,
    Fetched<List<Service>> Services,
    Fetched<List<TaskDefinition>> TaskDefinitions,
    Fetched<List<EcsTask>> StoppedTasks,
    Dictionary<string, Fetched<Namespace>> Namespaces,
    List<ScopedResource> Scope)
{
    public static EcsScope Failed(CollectionError error) => new(
        Fetched<List<Cluster>>.Failed(error), Fetched<List<Service>>.Failed(error), Fetched<List<TaskDefinition>>.Failed(error),
        Fetched<List<EcsTask>>.Failed(error), [], []);
}
