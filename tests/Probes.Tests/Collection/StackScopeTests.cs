using NUnit.Framework;
using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;
using Verification.Probes.Outputs;

namespace Verification.Probes.Tests.Collection;

/// <summary>What belongs to the stack, decided offline from outputs and listed resources.</summary>
public sealed class StackScopeTests
{
    private const string VpcId = "vpc-0a1b2c3d4e5f67890";
    private const string ClusterArn = "arn:aws:ecs:us-east-1:123456789012:cluster/healthcare-cluster-dev";

    private static readonly StackOutputs Outputs = new()
    {
        VpcId = VpcId,
        DbEndpoint = new HostPort("healthcare-db-dev.c9akciq32lxx.us-east-1.rds.amazonaws.com", 5432),
        RedisEndpoint = new HostPort("master.healthcare-redis-dev.abc123.use1.cache.amazonaws.com", 6379),
        AlbDnsName = "healthcare-alb-dev-1234567890.us-east-1.elb.amazonaws.com",
        EcsClusterArn = ClusterArn,
    };

    private static NetworkInterface Eni(string id, string? description, string? type = "interface") =>
        new() { NetworkInterfaceId = id, Description = description, InterfaceType = type, VpcId = VpcId };

    private static EcsTask RunningTaskOn(string eniId) => new()
    {
        TaskArn = "arn:aws:ecs:us-east-1:123456789012:task/healthcare-cluster-dev/1",
        ClusterArn = ClusterArn,
        LastStatus = "RUNNING",
        Attachments = [new Attachment { Type = "ElasticNetworkInterface", Details = [new KeyValuePairEntry { Name = "networkInterfaceId", Value = eniId }] }],
    };

    [Test]
    public void An_Aurora_cluster_in_the_vpc_is_kept_with_its_members_though_the_output_names_another_database()
    {
        DBCluster[] clusters = [new() { DBClusterIdentifier = "other-aurora", DBSubnetGroup = "stack-db", Endpoint = "other.cluster-x.us-east-1.rds.amazonaws.com" }];
        DBInstance[] instances = [new() { DBInstanceIdentifier = "other-aurora-1", DBClusterIdentifier = "other-aurora" }, new() { DBInstanceIdentifier = "elsewhere" }];
        DBSubnetGroup[] groups = [new() { DBSubnetGroupName = "stack-db", VpcId = VpcId }];

        var (keptInstances, keptClusters) = StackScope.Databases(Outputs, instances, clusters, groups);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(keptClusters.Items.Select(c => c.DBClusterIdentifier), Is.EqualTo(new[] { "other-aurora" }));
            Assert.That(keptInstances.Items.Select(i => i.DBInstanceIdentifier), Is.EqualTo(new[] { "other-aurora-1" }));
            Assert.That(keptInstances.Scope.Single().Reason, Is.EqualTo("member of stack cluster other-aurora"));
        }
    }

    [Test]
    public void A_database_named_by_db_endpoint_is_kept_whatever_its_vpc_with_a_trailing_dot_and_any_case()
    {
        DBInstance[] instances = [new() { DBInstanceIdentifier = "healthcare-db-dev", Endpoint = new Endpoint { Address = "HEALTHCARE-DB-DEV.c9akciq32lxx.us-east-1.rds.amazonaws.com." } }];

        var (keptInstances, _) = StackScope.Databases(Outputs, instances, [], []);

        Assert.That(keptInstances.Scope.Single().Reason, Is.EqualTo("named by output db_endpoint"));
    }

    [Test]
    public void A_replication_group_is_in_the_vpc_through_its_nodes_subnet_group()
    {
        ReplicationGroup[] groups = [new() { ReplicationGroupId = "jobs" }, new() { ReplicationGroupId = "unrelated" }];
        CacheCluster[] clusters = [new() { CacheClusterId = "jobs-001", ReplicationGroupId = "jobs", CacheSubnetGroupName = "stack-cache" }];
        CacheSubnetGroup[] subnetGroups = [new() { CacheSubnetGroupName = "stack-cache", VpcId = VpcId }];

        var (kept, keptClusters, _) = StackScope.Caches(Outputs, groups, clusters, subnetGroups, [], []);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(kept.Items.Select(g => g.ReplicationGroupId), Is.EqualTo(new[] { "jobs" }));
            Assert.That(keptClusters.Items.Select(c => c.CacheClusterId), Is.EqualTo(new[] { "jobs-001" }));
            Assert.That(keptClusters.Scope, Is.Empty, "a member cluster is judged through its group");
        }
    }

    [Test]
    public void A_cache_cluster_outside_any_replication_group_in_the_vpc_is_kept_with_a_scope_entry_of_its_own()
    {
        CacheCluster[] clusters =
        [
            new() { CacheClusterId = "sessions", CacheSubnetGroupName = "stack-cache", ARN = "arn:aws:elasticache:us-east-1:123456789012:cluster:sessions" },
            new() { CacheClusterId = "elsewhere", CacheSubnetGroupName = "other-cache" },
        ];
        CacheSubnetGroup[] subnetGroups = [new() { CacheSubnetGroupName = "stack-cache", VpcId = VpcId }, new() { CacheSubnetGroupName = "other-cache", VpcId = "vpc-other" }];

        var (_, keptClusters, _) = StackScope.Caches(Outputs, [], clusters, subnetGroups, [], []);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(keptClusters.Items.Select(c => c.CacheClusterId), Is.EqualTo(new[] { "sessions" }));
            Assert.That(keptClusters.Scope.Single(), Is.EqualTo(new ScopedResource("ElastiCache cache cluster", "arn:aws:elasticache:us-east-1:123456789012:cluster:sessions", $"in the stack VPC {VpcId}")));
        }
    }

    [Test]
    public void A_serverless_cache_is_in_the_vpc_through_its_subnets_or_named_by_its_endpoint()
    {
        ServerlessCache[] caches =
        [
            new() { ServerlessCacheName = "in-vpc", SubnetIds = ["subnet-z", "subnet-a"] },
            new() { ServerlessCacheName = "named", SubnetIds = ["subnet-z"], Endpoint = new CacheEndpoint { Address = "MASTER.healthcare-redis-dev.abc123.use1.cache.amazonaws.com" } },
            new() { ServerlessCacheName = "elsewhere", SubnetIds = ["subnet-z"] },
        ];

        var (_, _, serverless) = StackScope.Caches(Outputs, [], [], [], caches, [new Subnet { SubnetId = "subnet-a" }]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(serverless.Items.Select(c => c.ServerlessCacheName), Is.EqualTo(new[] { "in-vpc", "named" }));
            Assert.That(serverless.Scope.Select(s => s.Reason), Is.EqualTo(new[] { $"in the stack VPC {VpcId}", "named by output redis_endpoint" }));
        }
    }

    [Test]
    public void Only_the_user_groups_the_stack_caches_name_and_their_users_are_kept()
    {
        UserGroup[] userGroups = [new() { UserGroupId = "app-users", UserIds = ["default", "app"] }, new() { UserGroupId = "other", UserIds = ["x"] }];
        User[] users = [new() { UserId = "default" }, new() { UserId = "app" }, new() { UserId = "x" }];

        var (keptGroups, keptUsers) = StackScope.CacheUsers([new ReplicationGroup { UserGroupIds = ["app-users"] }], [], userGroups, users);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(keptGroups.Select(g => g.UserGroupId), Is.EqualTo(new[] { "app-users" }));
            Assert.That(keptUsers.Select(u => u.UserId), Is.EqualTo(new[] { "default", "app" }));
        }
    }

    [Test]
    public void The_cluster_arn_output_is_preferred_to_the_cluster_name()
    {
        var named = StackScope.NamedClusters(Outputs with { EcsClusterName = "healthcare-cluster-dev" });

        Assert.That(named, Is.EqualTo(new[] { ClusterArn }));
    }

    [Test]
    public void Outputs_without_a_cluster_name_none_so_the_collector_walks_the_account()
    {
        var named = StackScope.NamedClusters(Outputs with { EcsClusterArn = null, EcsClusterName = null });

        Assert.That(named, Is.Empty);
    }

    [TestCase("arn:aws:ecs:us-east-1:123456789012:attachment/7f3c1a2e-5b4d-4c6e-9a8f-0b1c2d3e4f50", "interface", ExpectedResult = true)]
    [TestCase("arn:aws-us-gov:ecs:us-gov-west-1:123456789012:attachment/7f3c1a2e", "interface", ExpectedResult = true)]
    [TestCase(null, "branch", ExpectedResult = true)]
    [TestCase("ELB app/healthcare-alb-dev/50dc6c495c0c9188", "interface", ExpectedResult = false)]
    [TestCase("Interface for NAT Gateway nat-0a1b2c3d4e5f60030", "nat_gateway", ExpectedResult = false)]
    [TestCase("RDSNetworkInterface", "interface", ExpectedResult = false)]
    public bool An_interface_is_ecs_managed_by_its_attachment_description_or_branch_type(string? description, string type) =>
        StackScope.IsEcsManaged(Eni("eni-1", description, type));

    [Test]
    public void Ecs_interfaces_of_running_tasks_of_the_named_cluster_are_explained()
    {
        NetworkInterface[] interfaces = [Eni("eni-1", "arn:aws:ecs:us-east-1:123456789012:attachment/a"), Eni("eni-2", "ELB app/x/y")];

        var unexplained = StackScope.UnexplainedEcsInterfaces(interfaces, [RunningTaskOn("eni-1")]);

        Assert.That(unexplained, Is.Empty);
    }

    [Test]
    public void An_ecs_interface_no_running_task_of_the_named_cluster_owns_makes_the_scope_incomplete()
    {
        NetworkInterface[] interfaces = [Eni("eni-1", "arn:aws:ecs:us-east-1:123456789012:attachment/a"), Eni("eni-9", "arn:aws:ecs:us-east-1:123456789012:attachment/b")];

        var unexplained = StackScope.UnexplainedEcsInterfaces(interfaces, [RunningTaskOn("eni-1")]);

        Assert.That(unexplained.Select(e => e.NetworkInterfaceId), Is.EqualTo(new[] { "eni-9" }));
    }

    [Test]
    public void Every_service_of_a_named_cluster_is_kept_whatever_its_network_mode_and_services_elsewhere_only_by_their_subnets()
    {
        Service[] services =
        [
            new() { ServiceArn = "in", ClusterArn = "other", NetworkConfiguration = new AwsVpcConfiguration { Subnets = ["subnet-a"] } },
            new() { ServiceArn = "out", ClusterArn = "other", NetworkConfiguration = new AwsVpcConfiguration { Subnets = ["subnet-z"] } },
            new() { ServiceArn = "bridge", ClusterArn = ClusterArn },
            new() { ServiceArn = "bridge-elsewhere", ClusterArn = "other" },
        ];

        var (clusters, kept) = StackScope.EcsServices(true, [new Cluster { ClusterArn = ClusterArn }], services, [new Subnet { SubnetId = "subnet-a" }]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(kept.Items.Select(s => s.ServiceArn), Is.EqualTo(new[] { "in", "bridge" }));
            Assert.That(kept.Scope[1].Reason, Does.Contain("without an awsvpc network configuration"));
            Assert.That(clusters.Items.Select(c => c.ClusterArn), Is.EqualTo(new[] { ClusterArn }));
        }
    }

    [Test]
    public void Without_named_clusters_a_cluster_with_an_awsvpc_service_in_the_vpc_brings_its_bridge_services()
    {
        Cluster[] clusters = [new() { ClusterArn = ClusterArn }, new() { ClusterArn = "unrelated" }];
        Service[] services =
        [
            new() { ServiceArn = "app", ClusterArn = ClusterArn, NetworkConfiguration = new AwsVpcConfiguration { Subnets = ["subnet-a"] } },
            new() { ServiceArn = "worker", ClusterArn = ClusterArn },
            new() { ServiceArn = "unrelated-bridge", ClusterArn = "unrelated" },
        ];

        var (kept, keptServices) = StackScope.EcsServices(false, clusters, services, [new Subnet { SubnetId = "subnet-a" }]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(keptServices.Items.Select(s => s.ServiceArn), Is.EqualTo(new[] { "app", "worker" }));
            Assert.That(kept.Items.Select(c => c.ClusterArn), Is.EqualTo(new[] { ClusterArn }));
        }
    }

    [Test]
    public void A_referenced_log_group_that_does_not_exist_is_kept_by_name()
    {
        TaskDefinition[] definitions = [new() { Family = "app", ContainerDefinitions = [new ContainerDefinition { Name = "app", LogConfiguration = new LogConfiguration { LogDriver = "awslogs", Options = new() { ["awslogs-group"] = "/ecs/gone" } } }] }];

        var scope = StackScope.LogGroups(Outputs with { LogGroupName = "/ecs/healthcare-dev" }, definitions, [new LogGroup { LogGroupName = "/ecs/healthcare-dev" }, new LogGroup { LogGroupName = "/other" }]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(scope.Existing.Select(g => g.LogGroupName), Is.EqualTo(new[] { "/ecs/healthcare-dev" }));
            Assert.That(scope.Missing, Is.EqualTo(new[] { "/ecs/gone" }));
        }
    }

    [Test]
    public void Only_prefix_lists_named_by_ingress_rules_are_asked_about_once_each_in_a_stable_order()
    {
        SecurityGroup[] groups =
        [
            new() { GroupId = "sg-1", IpPermissions = [new() { PrefixListIds = [new() { PrefixListId = "pl-b" }, new() { PrefixListId = "pl-a" }] }] },
            new() { GroupId = "sg-2", IpPermissions = [new() { PrefixListIds = [new() { PrefixListId = "pl-a" }] }], IpPermissionsEgress = [new() { PrefixListIds = [new() { PrefixListId = "pl-s3" }] }] },
        ];

        var ids = NetworkCollector.PrefixListIdsOf(groups);

        Assert.That(ids, Is.EqualTo(new[] { "pl-a", "pl-b" }));
    }
}
