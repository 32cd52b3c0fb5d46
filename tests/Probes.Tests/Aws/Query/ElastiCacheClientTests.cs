using NUnit.Framework;
using Verification.Probes.Aws.ElastiCache;

namespace Verification.Probes.Tests.Aws.Query;

public sealed class ElastiCacheClientTests
{
    [Test]
    public async Task Replication_group_reads_failover_and_multi_az_as_strings_and_its_encryption_settings()
    {
        using var aws = new QueryHarness();
        aws.Answer("elasticache", "DescribeReplicationGroups.response.xml");

        var groups = await new ElastiCacheClient(aws.Transport).DescribeReplicationGroupsAsync(CancellationToken.None);

        var group = groups.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(group.ReplicationGroupId, Is.EqualTo("hipaa-redis"));
            Assert.That(group.AutomaticFailover, Is.EqualTo("enabled"));
            Assert.That(group.MultiAZ, Is.EqualTo("enabled"));
            Assert.That(group.AtRestEncryptionEnabled, Is.True);
            Assert.That(group.TransitEncryptionEnabled, Is.True);
            Assert.That(group.TransitEncryptionMode, Is.EqualTo("required"));
            Assert.That(group.AuthTokenEnabled, Is.True);
            Assert.That(group.KmsKeyId, Is.EqualTo("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"));
            Assert.That(group.ARN, Is.EqualTo("arn:aws:elasticache:us-east-1:123456789012:replicationgroup:hipaa-redis"));
            Assert.That(group.ClusterEnabled, Is.False);
            Assert.That(group.SnapshotRetentionLimit, Is.EqualTo(7));
            Assert.That(group.Engine, Is.EqualTo("redis"));
            Assert.That(group.MemberClusters, Is.EqualTo(new[] { "hipaa-redis-001", "hipaa-redis-002" }));
            Assert.That(group.UserGroupIds, Is.Empty);
            Assert.That(group.ConfigurationEndpoint, Is.Null);
        }
    }

    [Test]
    public async Task Replication_group_node_group_carries_primary_and_reader_endpoints_and_member_roles()
    {
        using var aws = new QueryHarness();
        aws.Answer("elasticache", "DescribeReplicationGroups.response.xml");

        var groups = await new ElastiCacheClient(aws.Transport).DescribeReplicationGroupsAsync(CancellationToken.None);

        var nodeGroup = groups.Single().NodeGroups.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(nodeGroup.PrimaryEndpoint?.Address, Is.EqualTo("master.hipaa-redis.abc123.use1.cache.amazonaws.com"));
            Assert.That(nodeGroup.PrimaryEndpoint?.Port, Is.EqualTo(6379));
            Assert.That(nodeGroup.ReaderEndpoint?.Address, Is.EqualTo("replica.hipaa-redis.abc123.use1.cache.amazonaws.com"));
            Assert.That(nodeGroup.NodeGroupMembers.Select(m => (m.CacheClusterId, m.PreferredAvailabilityZone, m.CurrentRole)), Is.EqualTo(new[]
            {
                ("hipaa-redis-001", "us-east-1a", "primary"),
                ("hipaa-redis-002", "us-east-1b", "replica"),
            }));
        }
    }

    [Test]
    public async Task Replication_groups_on_two_pages_are_all_returned_and_the_second_request_carries_the_marker()
    {
        using var aws = new QueryHarness();
        var sample = WireSample.Read("elasticache", "DescribeReplicationGroups.response.xml");
        aws.Answer(WireSample.SetInResult(sample, "Marker", "rg-page-2"));
        aws.Answer(sample);

        var groups = await new ElastiCacheClient(aws.Transport).DescribeReplicationGroupsAsync(CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(groups, Has.Count.EqualTo(2));
            Assert.That(aws.Form(0)["Action"], Is.EqualTo("DescribeReplicationGroups"));
            Assert.That(aws.Form(0)["Version"], Is.EqualTo("2015-02-02"));
            Assert.That(aws.Form(1)["Marker"], Is.EqualTo("rg-page-2"));
            Assert.That(aws.Handler.Requests[0].Headers["Authorization"], Does.Contain("/us-east-1/elasticache/aws4_request"));
        }
    }

    [Test]
    public async Task Cache_clusters_are_asked_with_node_info_and_read_vpc_security_groups_from_member_items()
    {
        using var aws = new QueryHarness();
        aws.Answer("elasticache", "DescribeCacheClusters.response.xml");

        var clusters = await new ElastiCacheClient(aws.Transport).DescribeCacheClustersAsync(CancellationToken.None);

        var cluster = clusters.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(aws.Form(0)["ShowCacheNodeInfo"], Is.EqualTo("true"));
            Assert.That(cluster.CacheClusterId, Is.EqualTo("hipaa-redis-001"));
            Assert.That(cluster.ReplicationGroupId, Is.EqualTo("hipaa-redis"));
            Assert.That(cluster.CacheSubnetGroupName, Is.EqualTo("hipaa-cache-subnets"));
            Assert.That(cluster.SecurityGroups.Select(g => (g.SecurityGroupId, g.Status)), Is.EqualTo(new[] { ("sg-0a1b2c3d4e5f60014", "active") }));
            Assert.That(cluster.AtRestEncryptionEnabled, Is.True);
            Assert.That(cluster.TransitEncryptionEnabled, Is.True);
            Assert.That(cluster.TransitEncryptionMode, Is.EqualTo("required"));
            Assert.That(cluster.AuthTokenEnabled, Is.True);
            Assert.That(cluster.EngineVersion, Is.EqualTo("7.1.0"));
            Assert.That(cluster.SnapshotRetentionLimit, Is.Zero);
            Assert.That(cluster.CacheNodes, Is.Empty);
        }
    }

    [Test]
    public async Task Cache_nodes_are_read_with_their_endpoints_when_the_answer_carries_them()
    {
        using var aws = new QueryHarness();
        aws.Answer("elasticache", "DescribeCacheClusters.with-cache-nodes.constructed.xml");

        var clusters = await new ElastiCacheClient(aws.Transport).DescribeCacheClustersAsync(CancellationToken.None);

        var node = clusters.Single().CacheNodes.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(node.CacheNodeId, Is.EqualTo("0001"));
            Assert.That(node.CacheNodeStatus, Is.EqualTo("available"));
            Assert.That(node.Endpoint?.Address, Is.EqualTo("hipaa-redis-001.hipaa-redis.abc123.use1.cache.amazonaws.com"));
            Assert.That(node.Endpoint?.Port, Is.EqualTo(6379));
            Assert.That(node.CustomerAvailabilityZone, Is.EqualTo("us-east-1a"));
        }
    }

    [Test]
    public async Task Cache_subnet_groups_list_their_subnets_with_zone_names()
    {
        using var aws = new QueryHarness();
        aws.Answer("elasticache", "DescribeCacheSubnetGroups.constructed.xml");

        var groups = await new ElastiCacheClient(aws.Transport).DescribeCacheSubnetGroupsAsync(CancellationToken.None);

        var group = groups.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(group.CacheSubnetGroupName, Is.EqualTo("healthcare-cache-subnets-dev"));
            Assert.That(group.VpcId, Is.EqualTo("vpc-0a1b2c3d4e5f67890"));
            Assert.That(group.ARN, Is.EqualTo("arn:aws:elasticache:us-east-1:123456789012:subnetgroup:healthcare-cache-subnets-dev"));
            Assert.That(group.Subnets.Select(s => (s.SubnetIdentifier, s.SubnetAvailabilityZone)),
                Is.EqualTo(new[] { ("subnet-0a1b2c3d4e5f60005", "us-east-1a"), ("subnet-0a1b2c3d4e5f60006", "us-east-1b") }));
        }
    }
}
