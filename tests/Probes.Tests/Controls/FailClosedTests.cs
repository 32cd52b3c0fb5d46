using NUnit.Framework;
using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;
using Verification.Probes.Controls;
using Verification.Probes.Controls.Cache;
using Verification.Probes.Controls.Containers;
using Verification.Probes.Controls.Database;
using Verification.Probes.Controls.Encryption;
using Verification.Probes.Controls.KeyManagement;
using Verification.Probes.Controls.Networking;
using Verification.Probes.Controls.Outputs;
using Verification.Probes.Controls.PrivateAccess;
using Verification.Probes.Controls.Retention;

namespace Verification.Probes.Tests.Controls;

/// <summary>What AWS did not say is unknown: each control reports it as an Error naming the member, never a pass.</summary>
public sealed class FailClosedTests
{
    private static async Task<StackSnapshot> RdsWith(Func<DBInstance, DBInstance> change)
    {
        var compliant = await Snapshots.CompliantRds();
        return compliant with { DBInstances = Snapshots.Replace(compliant.DBInstances, _ => true, change) };
    }

    private static Finding Single(Control control, StackSnapshot snapshot) => Snapshots.Evaluate(control, snapshot).Single();

    [Test]
    public async Task Absent_PubliclyAccessible_is_an_error_not_a_pass()
    {
        var snapshot = await RdsWith(i => i with { PubliclyAccessible = null });

        var finding = Single(new RdsNotPubliclyAccessible(), snapshot);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Error));
            Assert.That(finding.Message, Does.Contain("AWS did not report PubliclyAccessible"));
        }
    }

    [Test]
    public async Task Absent_StorageEncrypted_is_an_error_not_a_failure_or_a_pass()
    {
        var snapshot = await RdsWith(i => i with { StorageEncrypted = null });

        var finding = Single(new RdsStorageEncryptedWithStackKey(), snapshot);

        Assert.That((finding.Status, finding.Message), Is.EqualTo((FindingStatus.Error, "Could not evaluate: AWS did not report StorageEncrypted for RDS DB instance healthcare-db-dev.")));
    }

    [Test]
    public async Task Absent_BackupRetentionPeriod_is_an_error_not_zero_days()
    {
        var snapshot = await RdsWith(i => i with { BackupRetentionPeriod = null });

        var finding = Single(new RdsBackupRetentionMeetsPolicy(), snapshot);

        Assert.That(finding.Message, Does.Contain("AWS did not report BackupRetentionPeriod"));
    }

    [TestCase(nameof(DBInstance.DeletionProtection))]
    [TestCase(nameof(DBInstance.MultiAZ))]
    public async Task Absent_database_unit_flag_is_an_error(string member)
    {
        var snapshot = await RdsWith(i => member == nameof(DBInstance.MultiAZ) ? i with { MultiAZ = null } : i with { DeletionProtection = null });
        Control control = member == nameof(DBInstance.MultiAZ) ? new RdsMultiAz() : new RdsDeletionProtectionEnabled();

        var finding = Single(control, snapshot);

        Assert.That((finding.Status, finding.Message), Is.EqualTo((FindingStatus.Error, $"Could not evaluate: AWS did not report {member} for RDS DB instance healthcare-db-dev.")));
    }

    [Test]
    public async Task Absent_PerformanceInsightsEnabled_is_an_error_not_not_applicable()
    {
        var snapshot = await RdsWith(i => i with { PerformanceInsightsEnabled = null });

        var finding = Single(new RdsPerformanceInsightsEncryptedWithStackKey(), snapshot);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Error));
            Assert.That(finding.Message, Does.Contain("AWS did not report PerformanceInsightsEnabled"));
        }
    }

    [Test]
    public async Task Absent_TransitEncryptionMode_is_an_error_not_a_pass()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { ReplicationGroups = Snapshots.Replace(compliant.ReplicationGroups, _ => true, g => g with { TransitEncryptionEnabled = true, TransitEncryptionMode = null }) };

        var finding = Single(new ElastiCacheTransitEncryptionRequired(), snapshot);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Error));
            Assert.That(finding.Message, Does.Contain("AWS did not report TransitEncryptionMode"));
        }
    }

    [Test]
    public async Task Absent_SnapshotRetentionLimit_is_an_error_not_zero_days()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { ReplicationGroups = Snapshots.Replace(compliant.ReplicationGroups, _ => true, g => g with { SnapshotRetentionLimit = null }) };

        var finding = Single(new ElastiCacheSnapshotRetention(), snapshot);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Error));
            Assert.That(finding.Message, Does.Contain("AWS did not report SnapshotRetentionLimit"));
        }
    }

    [Test]
    public async Task Absent_MapPublicIpOnLaunch_is_an_error_not_a_pass()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { Subnets = Snapshots.Replace(compliant.Subnets, _ => true, s => s with { MapPublicIpOnLaunch = null }) };

        var findings = Snapshots.Evaluate(new PrivateSubnetsDoNotMapPublicIps(), snapshot);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(findings.Select(f => f.Status), Has.Some.EqualTo(FindingStatus.Error).And.None.EqualTo(FindingStatus.Pass));
            Assert.That(findings.Where(f => f.Status == FindingStatus.Error).Select(f => f.Message), Is.All.Contain("AWS did not report MapPublicIpOnLaunch"));
        }
    }

    [Test]
    public async Task Absent_key_rotation_status_is_an_error_not_off_or_on()
    {
        var snapshot = await Snapshots.CompliantRds() with { KeyRotationEnabled = Fetched<bool?>.Of(null) };

        var finding = Single(new StackKeyRotationEnabled(), snapshot);

        Assert.That(finding.Status, Is.EqualTo(FindingStatus.Error));
    }

    [Test]
    public async Task Absent_key_Enabled_is_an_error_not_a_pass()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { Key = Fetched<KeyMetadata>.Of(compliant.Key.Value! with { Enabled = null }) };

        var finding = Single(new StackKeyIsEnabledCustomerManaged(), snapshot);

        Assert.That((finding.Status, finding.Message), Is.EqualTo((FindingStatus.Error, $"Could not evaluate: AWS did not report Enabled for KMS key {compliant.Key.Value!.KeyId}.")));
    }

    [Test]
    public async Task Absent_ECS_desiredCount_is_an_error_not_a_healthy_service()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { EcsServices = Snapshots.Replace(compliant.EcsServices, _ => true, s => s with { DesiredCount = null }) };

        var findings = Snapshots.Evaluate(new EcsServiceHealthy(), snapshot);

        Assert.That(findings.Select(f => f.Message), Is.All.Contain("AWS did not report desiredCount"));
    }

    [Test]
    public async Task A_subnet_with_no_route_table_is_an_error_not_private()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { RouteTables = Fetched<List<RouteTable>>.Of([]) };

        var findings = Snapshots.Evaluate(new RdsInPrivateSubnets(), snapshot);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(findings.Select(f => f.Status), Is.All.EqualTo(FindingStatus.Error));
            Assert.That(findings.Select(f => f.Message), Is.All.Contain("no route table governs"));
        }
    }

    [Test]
    public async Task A_subnet_with_no_route_table_has_unknown_egress()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { RouteTables = Fetched<List<RouteTable>>.Of([]) };

        var findings = Snapshots.Evaluate(new AppSubnetsReachInternetOnlyThroughNat(), snapshot);

        Assert.That(findings.Select(f => f.Status), Is.All.EqualTo(FindingStatus.Error));
    }

    [Test]
    public async Task A_failed_GetCallerIdentity_makes_the_account_check_an_error_not_a_skip()
    {
        var denied = new CollectionError("sts:GetCallerIdentity", "AccessDenied", "not authorized", "us-east-1");
        var snapshot = await Snapshots.CompliantRds() with { Caller = Fetched<CallerIdentity>.Failed(denied) };

        var findings = Snapshots.Evaluate(new StackOutputsResolveToResources(), snapshot);

        Assert.That(findings.Where(f => f.Status == FindingStatus.Error).Select(f => f.Evidence["action"]), Has.Member("sts:GetCallerIdentity"));
    }

    [Test]
    public async Task A_fact_the_collector_never_asked_for_is_an_error_naming_it()
    {
        var snapshot = await Snapshots.CompliantRds() with { FlowLogs = new() };

        var finding = Single(new VpcFlowLogsEnabled(), snapshot);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Error));
            Assert.That(finding.Message, Does.Contain("no answer for FlowLogs"));
        }
    }

    [Test]
    public async Task A_failed_fact_besides_the_judged_list_errors_the_control_naming_the_call()
    {
        var denied = new CollectionError("ecs:DescribeTasks", "AccessDeniedException", "not authorized", "us-east-1");
        var snapshot = await Snapshots.CompliantRds() with { StoppedTasks = Fetched<List<EcsTask>>.Failed(denied) };

        var finding = Single(new EcsServiceHealthy(), snapshot);

        Assert.That((finding.Status, finding.Evidence["action"]), Is.EqualTo((FindingStatus.Error, "ecs:DescribeTasks")));
    }
}
