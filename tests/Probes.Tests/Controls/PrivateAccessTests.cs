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

    [Test]
    public async Task Interfaces_in_private_subnets_without_public_addresses_pass_and_public_subnets_are_not_applicable()
    {
        var snapshot = await Snapshots.CompliantRds();

        var findings = Snapshots.Evaluate(new PrivateSubnetsHaveNoPublicAddresses(), snapshot);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(findings.Where(f => f.Status == FindingStatus.Pass).Select(f => f.Resource), Is.EquivalentTo(new[] { "eni-0a1b2c3d4e5f60054", "eni-0a1b2c3d4e5f60055", "eni-0a1b2c3d4e5f60056", "eni-0a1b2c3d4e5f60057", "eni-0a1b2c3d4e5f60058" }));
            Assert.That(findings.Where(f => f.Status == FindingStatus.NotApplicable).Select(f => f.Resource), Is.EquivalentTo(new[] { "eni-0a1b2c3d4e5f60051", "eni-0a1b2c3d4e5f60052", "eni-0a1b2c3d4e5f60053", "eni-0a1b2c3d4e5f60059" }));
        }
    }

    [Test]
    public async Task An_elastic_ip_on_an_interface_in_a_private_subnet_fails_naming_the_address()
    {
        var snapshot = await Snapshots.Of("private-subnet-instance-with-elastic-ip");

        var failed = Snapshots.Evaluate(new PrivateSubnetsHaveNoPublicAddresses(), snapshot).Single(f => f.Status == FindingStatus.Fail);

        Assert.That(failed.Message, Is.EqualTo("EC2 network interface eni-0a1b2c3d4e5f60091 in private subnet subnet-0a1b2c3d4e5f60002 carries the public address 198.51.100.91 (Elastic IP eipalloc-0a1b2c3d4e5f60091)."));
    }

    [Test]
    public async Task A_nat_gateway_interface_in_a_private_subnet_is_left_to_the_nat_control()
    {
        var snapshot = await Snapshots.Of("nat-in-private-subnet");

        var findings = Snapshots.Evaluate(new PrivateSubnetsHaveNoPublicAddresses(), snapshot);

        Assert.That(findings.Select(f => f.Status), Has.None.EqualTo(FindingStatus.Fail));
    }

    [Test]
    public async Task A_task_interface_with_a_public_ip_fails()
    {
        var snapshot = await Snapshots.Of("ecs-public-ip");

        var failed = Snapshots.Evaluate(new PrivateSubnetsHaveNoPublicAddresses(), snapshot).Where(f => f.Status == FindingStatus.Fail).Select(f => f.Resource);

        Assert.That(failed, Is.EquivalentTo(new[] { "eni-0a1b2c3d4e5f60054", "eni-0a1b2c3d4e5f60055" }));
    }
}
