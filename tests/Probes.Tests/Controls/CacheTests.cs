using NUnit.Framework;
using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;
using Verification.Probes.Controls;
using Verification.Probes.Controls.Cache;

namespace Verification.Probes.Tests.Controls;

public sealed class CacheTests
{
    private static async Task<StackSnapshot> With(Func<ReplicationGroup, ReplicationGroup> change)
    {
        var compliant = await Snapshots.CompliantRds();
        return compliant with { ReplicationGroups = Snapshots.Replace(compliant.ReplicationGroups, _ => true, change) };
    }

    [Test]
    public async Task The_compliant_redis_passes_every_cache_control()
    {
        var snapshot = await Snapshots.CompliantRds();
        Control[] controls = [new ElastiCacheTransitEncryptionRequired(), new ElastiCacheAuthEnabled(), new ElastiCacheAutomaticFailover(), new ElastiCacheSnapshotRetention()];

        var statuses = controls.SelectMany(c => Snapshots.Evaluate(c, snapshot)).Select(f => f.Status);

        Assert.That(statuses, Is.All.EqualTo(FindingStatus.Pass));
    }

    [Test]
    public async Task Transit_mode_preferred_fails_and_shows_the_node_type()
    {
        var snapshot = await With(g => g with { TransitEncryptionMode = "preferred" });

        var finding = Snapshots.Evaluate(new ElastiCacheTransitEncryptionRequired(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Message, Is.EqualTo("ElastiCache replication group healthcare-redis-dev still accepts plaintext connections (TransitEncryptionMode is preferred)."));
            Assert.That(finding.Evidence["CacheNodeType"], Is.EqualTo("cache.t4g.small"));
        }
    }

    [Test]
    public async Task Transit_encryption_off_fails()
    {
        var snapshot = await With(g => g with { TransitEncryptionEnabled = false, TransitEncryptionMode = null });

        var finding = Snapshots.Evaluate(new ElastiCacheTransitEncryptionRequired(), snapshot).Single();

        Assert.That(finding.Status, Is.EqualTo(FindingStatus.Fail));
    }

    [Test]
    public async Task Redis_without_auth_token_or_user_groups_fails()
    {
        var snapshot = await With(g => g with { AuthTokenEnabled = false, UserGroupIds = [] });

        var finding = Snapshots.Evaluate(new ElastiCacheAuthEnabled(), snapshot).Single();

        Assert.That(finding.Status, Is.EqualTo(FindingStatus.Fail));
    }

    [Test]
    public async Task Redis_with_rbac_user_groups_instead_of_a_token_passes()
    {
        var snapshot = await With(g => g with { AuthTokenEnabled = false, UserGroupIds = ["healthcare-users-dev"] });

        var finding = Snapshots.Evaluate(new ElastiCacheAuthEnabled(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Pass));
            Assert.That(finding.Message, Does.Contain("user groups healthcare-users-dev"));
        }
    }

    [TestCase("enabled", "disabled", ExpectedResult = FindingStatus.Fail)]
    [TestCase("disabled", "disabled", ExpectedResult = FindingStatus.Fail)]
    [TestCase("enabled", "enabled", ExpectedResult = FindingStatus.Pass)]
    public async Task<FindingStatus> Failover_needs_automatic_failover_and_multi_az(string failover, string multiAz)
    {
        var snapshot = await With(g => g with { AutomaticFailover = failover, MultiAZ = multiAz });

        return Snapshots.Evaluate(new ElastiCacheAutomaticFailover(), snapshot).Single().Status;
    }

    [TestCase(0, ExpectedResult = FindingStatus.Fail)]
    [TestCase(7, ExpectedResult = FindingStatus.Pass)]
    public async Task<FindingStatus> Snapshot_retention_follows_the_policy(int days)
    {
        var snapshot = await With(g => g with { SnapshotRetentionLimit = days });

        return Snapshots.Evaluate(new ElastiCacheSnapshotRetention(), snapshot).Single().Status;
    }

    [Test]
    public async Task A_stack_without_a_replication_group_is_an_error_not_a_vacuous_pass()
    {
        var snapshot = await Snapshots.CompliantRds() with { ReplicationGroups = Fetched<List<ReplicationGroup>>.Of([]) };

        var finding = Snapshots.Evaluate(new ElastiCacheAuthEnabled(), snapshot).Single();

        Assert.That(finding.Status, Is.EqualTo(FindingStatus.Error));
    }
}
