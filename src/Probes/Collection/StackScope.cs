using Verification.Probes.Aws.Model;
using Verification.Probes.Outputs;

namespace Verification.Probes.Collection;

/// <summary>The resources of one kind that belong to the stack, and why each does.</summary>
public sealed record Scoped<T>(List<T> Items, List<ScopedResource> Scope);

/// <summary>The stack's log groups: those that exist, the referenced names that do not, and why each is in scope.</summary>
public sealed record LogGroupScope(List<LogGroup> Existing, List<string> Missing, List<ScopedResource> Scope);

/// <summary>
/// What belongs to the stack, decided from the outputs and the listed resources alone: pure, so every rule is tested
/// offline. The collectors ask AWS; this type only chooses.
/// </summary>
/// <remarks>
/// ECS rule. The services of the clusters the outputs name (ecs_cluster_arn / ecs_cluster_name) are listed, with their
/// running tasks. Every awsvpc task, Fargate or EC2, runs on a network interface that ECS creates in the task's subnet
/// and describes with the task's attachment ARN ("arn:aws:ecs:region:account:attachment/id"; branch interfaces when ENI
/// trunking is on), and DescribeTasks names that interface in the task's ElasticNetworkInterface attachment. So every
/// ECS-managed interface in the stack VPC either belongs to a running task of a named cluster, or is reported by
/// <see cref="UnexplainedEcsInterfaces"/> and makes the scope incomplete (an Error, never silently out). A task cannot
/// run in the VPC without such an interface, so no running ECS workload in the VPC can be missed, and the cost no longer
/// grows with unrelated clusters in the account. A service scaled to zero runs nothing and has no interface; its next
/// task's interface is caught on the next run. When the outputs name no cluster the collector falls back to walking
/// every cluster of the account, which is complete by construction. Bridge and host services have no interface of
/// their own, so every service of the stack's clusters is kept (<see cref="EcsServices"/>).
/// </remarks>
public static class StackScope
{
    /// <summary>Aurora clusters named by db_endpoint or in the VPC, then instances named, in the VPC, or members of a kept cluster.</summary>
    public static (Scoped<DBInstance> Instances, Scoped<DBCluster> Clusters) Databases(StackOutputs outputs, IReadOnlyList<DBInstance> instances, IReadOnlyList<DBCluster> clusters, IReadOnlyList<DBSubnetGroup> subnetGroups)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var host = outputs.DbEndpoint.Host;
        var groupVpc = subnetGroups.ToDictionary(g => g.DBSubnetGroupName, g => g.VpcId, StringComparer.Ordinal);
        var keptClusters = new List<DBCluster>();
        var clusterScope = new List<ScopedResource>();
        foreach (var cluster in clusters)
        {
            var named = HostName.Same(cluster.Endpoint, host) || HostName.Same(cluster.ReaderEndpoint, host);
            var inVpc = cluster.DBSubnetGroup is { } g && groupVpc.GetValueOrDefault(g) == outputs.VpcId;
            if (named || inVpc)
            {
                keptClusters.Add(cluster);
                clusterScope.Add(new ScopedResource("Aurora cluster", cluster.DBClusterArn ?? cluster.DBClusterIdentifier, named ? "named by output db_endpoint" : $"in the stack VPC {outputs.VpcId}"));
            }
        }

        var clusterIds = keptClusters.Select(c => c.DBClusterIdentifier).ToHashSet(StringComparer.Ordinal);
        var keptInstances = new List<DBInstance>();
        var instanceScope = new List<ScopedResource>();
        foreach (var instance in instances)
        {
            var named = HostName.Same(instance.Endpoint?.Address, host);
            var inVpc = instance.DBSubnetGroup?.VpcId == outputs.VpcId;
            var member = instance.DBClusterIdentifier is { } c && clusterIds.Contains(c);
            if (named || inVpc || member)
            {
                keptInstances.Add(instance);
                instanceScope.Add(new ScopedResource("RDS DB instance", instance.DBInstanceArn ?? instance.DBInstanceIdentifier,
                    named ? "named by output db_endpoint" : member ? $"member of stack cluster {instance.DBClusterIdentifier}" : $"in the stack VPC {outputs.VpcId}"));
            }
        }

        return (new Scoped<DBInstance>(keptInstances, instanceScope), new Scoped<DBCluster>(keptClusters, clusterScope));
    }

    /// <summary>
    /// Replication groups named by redis_endpoint or with a node in the VPC (with their nodes), cache clusters outside any
    /// replication group named or in the VPC, and serverless caches named or with a subnet in the VPC. Member clusters are
    /// judged through their group, so only standalone clusters carry a scope entry of their own.
    /// </summary>
    public static (Scoped<ReplicationGroup> Groups, Scoped<CacheCluster> Clusters, Scoped<ServerlessCache> Serverless) Caches(
        StackOutputs outputs, IReadOnlyList<ReplicationGroup> groups, IReadOnlyList<CacheCluster> clusters, IReadOnlyList<CacheSubnetGroup> subnetGroups,
        IReadOnlyList<ServerlessCache> serverless, IReadOnlyList<Subnet> vpcSubnets)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var host = outputs.RedisEndpoint.Host;
        var inVpcReason = $"in the stack VPC {outputs.VpcId}";
        var groupVpc = subnetGroups.ToDictionary(g => g.CacheSubnetGroupName, g => g.VpcId, StringComparer.Ordinal);
        var clustersInVpc = clusters.Where(c => c.CacheSubnetGroupName is { } g && groupVpc.GetValueOrDefault(g) == outputs.VpcId).ToList();
        var kept = new List<ReplicationGroup>();
        var scope = new List<ScopedResource>();
        foreach (var group in groups)
        {
            var endpoints = group.NodeGroups.SelectMany(n => new[] { n.PrimaryEndpoint?.Address, n.ReaderEndpoint?.Address }).Append(group.ConfigurationEndpoint?.Address);
            var named = endpoints.Any(e => HostName.Same(e, host));
            var inVpc = clustersInVpc.Any(c => c.ReplicationGroupId == group.ReplicationGroupId);
            if (named || inVpc)
            {
                kept.Add(group);
                scope.Add(new ScopedResource("ElastiCache replication group", group.ARN ?? group.ReplicationGroupId, named ? "named by output redis_endpoint" : inVpcReason));
            }
        }

        var keptIds = kept.Select(g => g.ReplicationGroupId).ToHashSet(StringComparer.Ordinal);
        var keptClusters = new List<CacheCluster>();
        var clusterScope = new List<ScopedResource>();
        foreach (var cluster in clusters)
        {
            var member = cluster.ReplicationGroupId is { } r && keptIds.Contains(r);
            var named = cluster.ReplicationGroupId is null && cluster.CacheNodes.Any(n => HostName.Same(n.Endpoint?.Address, host));
            if (member || named || clustersInVpc.Contains(cluster))
            {
                keptClusters.Add(cluster);
                if (cluster.ReplicationGroupId is null)
                {
                    clusterScope.Add(new ScopedResource("ElastiCache cache cluster", cluster.ARN ?? cluster.CacheClusterId, named ? "named by output redis_endpoint" : inVpcReason));
                }
            }
        }

        var subnetIds = vpcSubnets.Select(s => s.SubnetId).ToHashSet(StringComparer.Ordinal);
        var keptServerless = new List<ServerlessCache>();
        var serverlessScope = new List<ScopedResource>();
        foreach (var cache in serverless)
        {
            var named = HostName.Same(cache.Endpoint?.Address, host) || HostName.Same(cache.ReaderEndpoint?.Address, host);
            if (named || cache.SubnetIds.Any(subnetIds.Contains))
            {
                keptServerless.Add(cache);
                serverlessScope.Add(new ScopedResource("ElastiCache serverless cache", cache.ARN ?? cache.ServerlessCacheName, named ? "named by output redis_endpoint" : inVpcReason));
            }
        }

        return (new Scoped<ReplicationGroup>(kept, scope), new Scoped<CacheCluster>(keptClusters, clusterScope), new Scoped<ServerlessCache>(keptServerless, serverlessScope));
    }

    /// <summary>The RBAC user groups the kept replication groups and serverless caches name, and the users of those groups.</summary>
    public static (List<UserGroup> Groups, List<User> Users) CacheUsers(IEnumerable<ReplicationGroup> groups, IEnumerable<ServerlessCache> serverless, IReadOnlyList<UserGroup> userGroups, IReadOnlyList<User> users)
    {
        var named = groups.SelectMany(g => g.UserGroupIds).Concat(serverless.Select(s => s.UserGroupId).OfType<string>()).ToHashSet(StringComparer.Ordinal);
        var keptGroups = userGroups.Where(g => named.Contains(g.UserGroupId)).ToList();
        var userIds = keptGroups.SelectMany(g => g.UserIds).ToHashSet(StringComparer.Ordinal);
        return (keptGroups, [.. users.Where(u => userIds.Contains(u.UserId))]);
    }

    /// <summary>Load balancers named by alb_dns_name or in the VPC.</summary>
    public static Scoped<LoadBalancer> LoadBalancers(StackOutputs outputs, IReadOnlyList<LoadBalancer> all)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var kept = all.Where(lb => HostName.Same(lb.DNSName, outputs.AlbDnsName) || lb.VpcId == outputs.VpcId).ToList();
        return new(kept, [.. kept.Select(lb => new ScopedResource("Load balancer", lb.LoadBalancerArn,
            HostName.Same(lb.DNSName, outputs.AlbDnsName) ? "named by output alb_dns_name" : $"in the stack VPC {outputs.VpcId}"))]);
    }

    /// <summary>The log groups named by log_group_name or by an awslogs-group of a stack task definition.</summary>
    public static LogGroupScope LogGroups(StackOutputs outputs, IReadOnlyList<TaskDefinition> definitions, IReadOnlyList<LogGroup> all)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var wanted = new Dictionary<string, string>(StringComparer.Ordinal);
        if (outputs.LogGroupName is { } named)
        {
            wanted[named] = "named by output log_group_name";
        }

        foreach (var definition in definitions)
        {
            foreach (var container in definition.ContainerDefinitions)
            {
                if (container.LogConfiguration?.LogDriver == "awslogs" && container.LogConfiguration.Options.TryGetValue("awslogs-group", out var group))
                {
                    wanted.TryAdd(group, $"written to by task definition {definition.Family}:{definition.Revision} container {container.Name}");
                }
            }
        }

        var kept = all.Where(g => wanted.ContainsKey(g.LogGroupName)).ToList();

        // A referenced group that does not exist is kept by name: tasks writing to it fail to start, which the list of existing groups alone cannot show.
        var existing = kept.Select(g => g.LogGroupName).ToHashSet(StringComparer.Ordinal);
        var missing = wanted.Keys.Where(name => !existing.Contains(name)).Order(StringComparer.Ordinal).ToList();
        return new(kept, missing, [.. kept.Select(g => new ScopedResource("Log group", g.Arn ?? g.LogGroupName, wanted[g.LogGroupName]))]);
    }

    /// <summary>The ECS clusters the outputs name (ARN first, else name); empty when they name none.</summary>
    public static List<string> NamedClusters(StackOutputs outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        return outputs.EcsClusterArn is { Length: > 0 } arn ? [arn] : outputs.EcsClusterName is { Length: > 0 } name ? [name] : [];
    }

    /// <summary>True when ECS created the interface for a task: its description is an ECS attachment ARN, or it is an ENI-trunking branch interface.</summary>
    public static bool IsEcsManaged(NetworkInterface eni)
    {
        ArgumentNullException.ThrowIfNull(eni);
        return eni.InterfaceType == "branch"
            || (eni.Description is { } d && d.StartsWith("arn:", StringComparison.Ordinal) && d.Contains(":ecs:", StringComparison.Ordinal) && d.Contains(":attachment/", StringComparison.Ordinal));
    }

    /// <summary>The ECS-managed interfaces in the VPC that no running task of the listed clusters owns: their cluster is unknown, so the scope is incomplete.</summary>
    public static List<NetworkInterface> UnexplainedEcsInterfaces(IEnumerable<NetworkInterface> interfaces, IEnumerable<EcsTask> runningTasks)
    {
        var owned = runningTasks
            .SelectMany(t => t.Attachments)
            .SelectMany(a => a.Details.Where(d => d.Name == "networkInterfaceId").Select(d => d.Value))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        return [.. interfaces.Where(IsEcsManaged).Where(eni => !owned.Contains(eni.NetworkInterfaceId))];
    }

    /// <summary>
    /// The stack's ECS services: every service of the stack's clusters whatever its launch type or network mode (bridge and
    /// host services have no networkConfiguration and their tasks no interface, so only their cluster ties them to the
    /// stack), plus services of other clusters whose awsvpc subnets are in the VPC. The stack's clusters are the named
    /// ones, or, when the outputs name none, every cluster running an awsvpc service in the VPC.
    /// </summary>
    public static (Scoped<Cluster> Clusters, Scoped<Service> Services) EcsServices(bool clustersNamed, IReadOnlyList<Cluster> clusters, IEnumerable<Service> services, IEnumerable<Subnet> vpcSubnets)
    {
        var subnetIds = vpcSubnets.Select(s => s.SubnetId).ToHashSet(StringComparer.Ordinal);
        var all = services.ToList();
        bool InVpc(Service s) => s.NetworkConfiguration?.Subnets.Any(subnetIds.Contains) == true;
        var stackClusterArns = clustersNamed
            ? clusters.Select(c => c.ClusterArn).ToHashSet(StringComparer.Ordinal)
            : all.Where(InVpc).Select(s => s.ClusterArn).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var keptClusters = clusters.Where(c => stackClusterArns.Contains(c.ClusterArn)).ToList();
        var clusterScope = keptClusters.Select(c => new ScopedResource("ECS cluster", c.ClusterArn, clustersNamed ? "named by output ecs_cluster_arn or ecs_cluster_name" : "runs services in the stack VPC")).ToList();

        var kept = new List<Service>();
        var scope = new List<ScopedResource>();
        foreach (var service in all)
        {
            var inVpc = InVpc(service);
            var inStackCluster = service.ClusterArn is { } c && stackClusterArns.Contains(c);
            if (inVpc || inStackCluster)
            {
                kept.Add(service);
                scope.Add(new ScopedResource("ECS service", service.ServiceArn, inVpc
                    ? "has network interfaces in the stack VPC's subnets"
                    : service.NetworkConfiguration is null
                        ? $"runs in stack cluster {service.ClusterArn} without an awsvpc network configuration (bridge or host network mode)"
                        : $"runs in stack cluster {service.ClusterArn}"));
            }
        }

        return (new Scoped<Cluster>(keptClusters, clusterScope), new Scoped<Service>(kept, scope));
    }
}
