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
/// every cluster of the account, which is complete by construction.
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

    /// <summary>Replication groups named by redis_endpoint or with a node in the VPC, and their cache clusters.</summary>
    public static (Scoped<ReplicationGroup> Groups, List<CacheCluster> Clusters) Caches(StackOutputs outputs, IReadOnlyList<ReplicationGroup> groups, IReadOnlyList<CacheCluster> clusters, IReadOnlyList<CacheSubnetGroup> subnetGroups)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var host = outputs.RedisEndpoint.Host;
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
                scope.Add(new ScopedResource("ElastiCache replication group", group.ARN ?? group.ReplicationGroupId, named ? "named by output redis_endpoint" : $"in the stack VPC {outputs.VpcId}"));
            }
        }

        var keptIds = kept.Select(g => g.ReplicationGroupId).ToHashSet(StringComparer.Ordinal);
        var keptClusters = clusters.Where(c => (c.ReplicationGroupId is { } r && keptIds.Contains(r)) || clustersInVpc.Contains(c)).ToList();
        return (new Scoped<ReplicationGroup>(kept, scope), keptClusters);
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

    /// <summary>The services whose awsvpc configuration places tasks in the VPC's subnets.</summary>
    public static List<Service> EcsServicesInVpc(IEnumerable<Service> services, IEnumerable<Subnet> subnets)
    {
        var vpcSubnets = subnets.Select(s => s.SubnetId).ToHashSet(StringComparer.Ordinal);
        return [.. services.Where(s => s.NetworkConfiguration?.Subnets.Any(vpcSubnets.Contains) == true)];
    }
}
