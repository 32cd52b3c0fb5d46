using NUnit.Framework;
using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;
using Verification.Probes.Controls;
using Verification.Probes.Controls.Cache;
using Verification.Probes.Controls.Encryption;
using Verification.Probes.Controls.PrivateAccess;

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

    private static async Task<StackSnapshot> WithUserGroup(params User[] users)
    {
        var snapshot = await With(g => g with { AuthTokenEnabled = false, UserGroupIds = ["healthcare-users-dev"] });
        return snapshot with
        {
            CacheUserGroups = Fetched<List<UserGroup>>.Of([new UserGroup { UserGroupId = "healthcare-users-dev", UserIds = [.. users.Select(u => u.UserId)] }]),
            CacheUsers = Fetched<List<User>>.Of([.. users]),
        };
    }

    private static User UserWith(string id, string? authentication) =>
        new() { UserId = id, UserName = id, Authentication = authentication is null ? null : new Authentication { Type = authentication } };

    [Test]
    public async Task Redis_with_rbac_user_groups_whose_users_all_have_passwords_passes()
    {
        var snapshot = await WithUserGroup(UserWith("healthcare-default-dev", "password"), UserWith("app", "iam"));

        var finding = Snapshots.Evaluate(new ElastiCacheAuthEnabled(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Pass));
            Assert.That(finding.Message, Does.Contain("user groups healthcare-users-dev"));
        }
    }

    [TestCase("no-password")]
    [TestCase("no-password-required")]
    public async Task A_user_group_holding_a_user_without_a_password_is_no_authentication(string type)
    {
        var snapshot = await WithUserGroup(UserWith("app", "password"), UserWith("default", type));

        var finding = Snapshots.Evaluate(new ElastiCacheAuthEnabled(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Fail));
            Assert.That(finding.Message, Does.Contain("user default (default) in healthcare-users-dev needs no password"));
        }
    }

    [Test]
    public async Task A_user_whose_authentication_aws_did_not_report_is_an_error()
    {
        var snapshot = await WithUserGroup(UserWith("default", null));

        var finding = Snapshots.Evaluate(new ElastiCacheAuthEnabled(), snapshot).Single();

        Assert.That(finding.Status, Is.EqualTo(FindingStatus.Error));
    }

    [Test]
    public async Task A_user_group_that_was_not_returned_is_an_error_never_a_pass()
    {
        var snapshot = (await WithUserGroup(UserWith("app", "password"))) with { CacheUserGroups = Fetched<List<UserGroup>>.Of([]) };

        var finding = Snapshots.Evaluate(new ElastiCacheAuthEnabled(), snapshot).Single();

        Assert.That(finding.Message, Does.Contain("user group healthcare-users-dev of ElastiCache replication group healthcare-redis-dev was not returned"));
    }

    [Test]
    public async Task A_denied_describe_users_makes_the_auth_control_an_error()
    {
        var snapshot = (await WithUserGroup(UserWith("app", "password"))) with
        {
            CacheUsers = Fetched<List<User>>.Failed(new CollectionError("elasticache:DescribeUsers", "AccessDenied", "denied", "us-east-1")),
        };

        var finding = Snapshots.Evaluate(new ElastiCacheAuthEnabled(), snapshot).Single();

        Assert.That(finding.Evidence["action"], Is.EqualTo("elasticache:DescribeUsers"));
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

    private const string StackKey = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private static async Task<StackSnapshot> WithStandalone(CacheCluster cluster)
    {
        var compliant = await Snapshots.CompliantRds();
        return compliant with { CacheClusters = Fetched<List<CacheCluster>>.Of([.. compliant.CacheClusters.Value!, cluster]) };
    }

    private static async Task<StackSnapshot> WithServerless(ServerlessCache cache)
    {
        var compliant = await Snapshots.CompliantRds();
        return compliant with { ServerlessCaches = Fetched<List<ServerlessCache>>.Of([cache]) };
    }

    private static readonly CacheCluster Standalone = new()
    {
        CacheClusterId = "healthcare-jobs-dev",
        ARN = "arn:aws:elasticache:us-east-1:123456789012:cluster:healthcare-jobs-dev",
        Engine = "redis",
        CacheSubnetGroupName = "healthcare-cache-subnets-dev",
        AtRestEncryptionEnabled = false,
        TransitEncryptionEnabled = false,
        AuthTokenEnabled = false,
    };

    private static readonly ServerlessCache Serverless = new()
    {
        ServerlessCacheName = "healthcare-serverless-dev",
        ARN = "arn:aws:elasticache:us-east-1:123456789012:serverlesscache:healthcare-serverless-dev",
        Engine = "valkey",
        KmsKeyId = StackKey,
        UserGroupId = "healthcare-users-dev",
        SubnetIds = ["subnet-0a1b2c3d4e5f60001"],
    };

    [Test]
    public async Task A_standalone_cache_cluster_is_judged_for_encryption_transit_and_auth()
    {
        var snapshot = await WithStandalone(Standalone);
        Control[] controls = [new ElastiCacheEncryptedAtRestWithStackKey(), new ElastiCacheTransitEncryptionRequired(), new ElastiCacheAuthEnabled()];

        var findings = controls.SelectMany(c => Snapshots.Evaluate(c, snapshot)).Where(f => f.Resource == Standalone.ARN).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(findings.Select(f => f.Status), Is.EqualTo(new[] { FindingStatus.Fail, FindingStatus.Fail, FindingStatus.Fail }));
            Assert.That(findings[0].Message, Is.EqualTo("ElastiCache cache cluster healthcare-jobs-dev does not encrypt data at rest (AtRestEncryptionEnabled is false)."));
        }
    }

    [Test]
    public async Task A_standalone_cache_cluster_encrypted_at_rest_cannot_be_on_the_stack_key()
    {
        var snapshot = await WithStandalone(Standalone with { AtRestEncryptionEnabled = true });

        var finding = Snapshots.Evaluate(new ElastiCacheEncryptedAtRestWithStackKey(), snapshot).Single(f => f.Resource == Standalone.ARN);

        Assert.That(finding.Status, Is.EqualTo(FindingStatus.Fail));
    }

    [Test]
    public async Task A_standalone_cache_cluster_is_judged_by_its_own_subnet_group()
    {
        var snapshot = await WithStandalone(Standalone);

        var finding = Snapshots.Evaluate(new ElastiCacheInPrivateSubnets(), snapshot).Single(f => f.Resource == Standalone.ARN);

        Assert.That(finding.Status, Is.EqualTo(FindingStatus.Pass));
    }

    [Test]
    public async Task A_serverless_cache_on_the_aws_owned_key_fails_at_rest_encryption()
    {
        var snapshot = await WithServerless(Serverless with { KmsKeyId = null });

        var finding = Snapshots.Evaluate(new ElastiCacheEncryptedAtRestWithStackKey(), snapshot).Single(f => f.Resource == Serverless.ARN);

        Assert.That(finding.Message, Does.StartWith("ElastiCache serverless cache healthcare-serverless-dev is encrypted at rest with the AWS owned key, not the stack key"));
    }

    [Test]
    public async Task A_serverless_cache_on_the_stack_key_passes_at_rest_and_transit()
    {
        var snapshot = await WithServerless(Serverless);
        Control[] controls = [new ElastiCacheEncryptedAtRestWithStackKey(), new ElastiCacheTransitEncryptionRequired()];

        var statuses = controls.SelectMany(c => Snapshots.Evaluate(c, snapshot)).Where(f => f.Resource == Serverless.ARN).Select(f => f.Status);

        Assert.That(statuses, Is.EqualTo(new[] { FindingStatus.Pass, FindingStatus.Pass }));
    }

    [Test]
    public async Task A_serverless_cache_without_a_user_group_fails_auth()
    {
        var snapshot = await WithServerless(Serverless with { UserGroupId = null });

        var finding = Snapshots.Evaluate(new ElastiCacheAuthEnabled(), snapshot).Single(f => f.Resource == Serverless.ARN);

        Assert.That(finding.Message, Is.EqualTo("ElastiCache serverless cache healthcare-serverless-dev lets clients connect without authenticating (no user group, so its default user needs no password)."));
    }

    [Test]
    public async Task A_serverless_cache_in_a_public_subnet_fails_private_subnets()
    {
        var snapshot = await WithServerless(Serverless with { SubnetIds = ["subnet-0a1b2c3d4e5f60004"] });

        var finding = Snapshots.Evaluate(new ElastiCacheInPrivateSubnets(), snapshot).Single(f => f.Resource == Serverless.ARN);

        Assert.That(finding.Status, Is.EqualTo(FindingStatus.Fail));
    }

    [Test]
    public async Task A_denied_describe_serverless_caches_makes_the_cache_controls_errors()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { ServerlessCaches = Fetched<List<ServerlessCache>>.Failed(new CollectionError("elasticache:DescribeServerlessCaches", "AccessDenied", "denied", "us-east-1")) };

        var finding = Snapshots.Evaluate(new ElastiCacheEncryptedAtRestWithStackKey(), snapshot).Single();

        Assert.That(finding.Status, Is.EqualTo(FindingStatus.Error));
    }
}
