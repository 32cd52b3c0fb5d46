using NUnit.Framework;
using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;
using Verification.Probes.Controls;
using Verification.Probes.Controls.PrivateAccess;

namespace Verification.Probes.Tests.Controls;

public sealed class PrivateAccessTests
{
    [Test]
    public async Task A_cache_in_the_private_db_subnets_passes()
    {
        var snapshot = await Snapshots.CompliantRds();

        var finding = Snapshots.Evaluate(new ElastiCacheInPrivateSubnets(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Pass));
            Assert.That(finding.Message, Is.EqualTo("ElastiCache replication group healthcare-redis-dev uses only private subnets (subnet-0a1b2c3d4e5f60005, subnet-0a1b2c3d4e5f60006)."));
        }
    }

    [Test]
    public async Task A_cache_subnet_group_holding_a_public_subnet_fails_naming_it()
    {
        var snapshot = await Snapshots.Of("cache-in-public-subnet");

        var finding = Snapshots.Evaluate(new ElastiCacheInPrivateSubnets(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Fail));
            Assert.That(finding.Message, Is.EqualTo("ElastiCache replication group healthcare-redis-dev is placed in public subnets: subnet-0a1b2c3d4e5f60004 (route to igw-0a1b2c3d4e5f60020)."));
        }
    }

    [Test]
    public async Task A_cache_whose_subnet_group_was_not_found_is_an_error_not_a_pass()
    {
        var snapshot = await Snapshots.CompliantRds() with { CacheSubnetGroups = Fetched<List<CacheSubnetGroup>>.Of([]) };

        var finding = Snapshots.Evaluate(new ElastiCacheInPrivateSubnets(), snapshot).Single();

        Assert.That(finding.Status, Is.EqualTo(FindingStatus.Error));
    }

    [Test]
    public async Task A_denied_cache_subnet_group_question_is_an_error_naming_the_action()
    {
        var denied = new CollectionError("elasticache:DescribeCacheSubnetGroups", "AccessDenied", "not authorized", "us-east-1");
        var snapshot = await Snapshots.CompliantRds() with { CacheSubnetGroups = Fetched<List<CacheSubnetGroup>>.Failed(denied) };

        var finding = Snapshots.Evaluate(new ElastiCacheInPrivateSubnets(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Error));
            Assert.That(finding.Message, Does.Contain("needs elasticache:DescribeCacheSubnetGroups"));
        }
    }

    [Test]
    public async Task A_bridge_service_is_not_applicable_to_public_ip_and_subnet_checks_with_the_reason_and_fails_awsvpc()
    {
        var snapshot = await Snapshots.Of("ecs-bridge-network-mode");
        const string worker = "arn:aws:ecs:us-east-1:123456789012:service/healthcare-cluster-dev/healthcare-worker-dev";

        var publicIp = Snapshots.Evaluate(new EcsServiceHasNoPublicIp(), snapshot).Single(f => f.Resource == worker);
        var subnets = Snapshots.Evaluate(new EcsServiceInPrivateSubnets(), snapshot).Single(f => f.Resource == worker);
        var awsvpc = Snapshots.Evaluate(new Verification.Probes.Controls.Containers.EcsServiceUsesAwsvpc(), snapshot).Single(f => f.Resource == worker);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(publicIp.Status, Is.EqualTo(FindingStatus.NotApplicable));
            Assert.That(publicIp.Message, Does.Contain("bridge network mode").And.Contain("EcsServiceUsesAwsvpc fails the service"));
            Assert.That(subnets.Status, Is.EqualTo(FindingStatus.NotApplicable));
            Assert.That(awsvpc.Status, Is.EqualTo(FindingStatus.Fail));
        }
    }

    [Test]
    public async Task A_service_without_awsvpc_configuration_whose_task_definition_is_awsvpc_still_fails_public_ip()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { EcsServices = Snapshots.Replace(compliant.EcsServices, _ => true, s => s with { NetworkConfiguration = null }) };

        var finding = Snapshots.Evaluate(new EcsServiceHasNoPublicIp(), snapshot).Single();

        Assert.That(finding.Status, Is.EqualTo(FindingStatus.Fail));
    }
}
