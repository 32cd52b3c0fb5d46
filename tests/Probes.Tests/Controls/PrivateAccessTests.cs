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
}
