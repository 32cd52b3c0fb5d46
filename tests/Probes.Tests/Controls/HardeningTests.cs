using NUnit.Framework;
using Verification.Probes.Controls;
using Verification.Probes.Collection;
using Verification.Probes.Controls.Cache;
using Verification.Probes.Controls.Containers;
using Verification.Probes.Controls.Database;

namespace Verification.Probes.Tests.Controls;

/// <summary>Workload hardening: IAM database authentication, Enhanced Monitoring and automatic minor upgrades.</summary>
public sealed class HardeningTests
{
    [Test]
    public async Task Aurora_is_judged_for_iam_authentication_by_the_cluster()
    {
        var snapshot = await Snapshots.CompliantAurora();

        var finding = Snapshots.Evaluate(new RdsIamAuthenticationEnabled(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Pass));
            Assert.That(finding.Resource, Does.Contain(":cluster:healthcare-aurora-dev"));
        }
    }

    [Test]
    public async Task An_instance_that_does_not_report_iam_authentication_is_an_error_not_a_fail()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { DBInstances = Snapshots.Replace(compliant.DBInstances, _ => true, i => i with { IAMDatabaseAuthenticationEnabled = null }) };

        var finding = Snapshots.Evaluate(new RdsIamAuthenticationEnabled(), snapshot).Single();

        Assert.That(finding.Message, Is.EqualTo("Could not evaluate: AWS did not report IAMDatabaseAuthenticationEnabled for RDS DB instance healthcare-db-dev."));
    }

    [Test]
    public async Task Every_aurora_member_is_judged_for_enhanced_monitoring_and_one_without_fails_alone()
    {
        var compliant = await Snapshots.CompliantAurora();
        var snapshot = compliant with { DBInstances = Snapshots.Replace(compliant.DBInstances, i => i.DBInstanceIdentifier == "healthcare-aurora-dev-2", i => i with { MonitoringInterval = 0 }) };

        var findings = Snapshots.Evaluate(new RdsEnhancedMonitoringEnabled(), snapshot);

        Assert.That(findings.Select(f => (f.Status, f.Message)), Is.EquivalentTo(new[]
        {
            (FindingStatus.Pass, "RDS DB instance healthcare-aurora-dev-1 sends Enhanced Monitoring metrics every 60 seconds."),
            (FindingStatus.Fail, "RDS DB instance healthcare-aurora-dev-2 has Enhanced Monitoring off (MonitoringInterval 0)."),
        }));
    }

    [Test]
    public async Task An_instance_without_a_reported_monitoring_interval_is_an_error()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { DBInstances = Snapshots.Replace(compliant.DBInstances, _ => true, i => i with { MonitoringInterval = null }) };

        var finding = Snapshots.Evaluate(new RdsEnhancedMonitoringEnabled(), snapshot).Single();

        Assert.That(finding.Status, Is.EqualTo(FindingStatus.Error));
    }

    [Test]
    public async Task An_instance_without_automatic_minor_upgrades_fails_naming_it()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { DBInstances = Snapshots.Replace(compliant.DBInstances, _ => true, i => i with { AutoMinorVersionUpgrade = false }) };

        var finding = Snapshots.Evaluate(new RdsAutoMinorVersionUpgradeEnabled(), snapshot).Single();

        Assert.That(finding.Message, Is.EqualTo("RDS DB instance healthcare-db-dev does not upgrade minor engine versions automatically."));
    }

    [Test]
    public async Task A_replication_group_that_does_not_report_automatic_minor_upgrades_is_an_error()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { ReplicationGroups = Snapshots.Replace(compliant.ReplicationGroups, _ => true, g => g with { AutoMinorVersionUpgrade = null }) };

        var finding = Snapshots.Evaluate(new ElastiCacheAutoMinorVersionUpgradeEnabled(), snapshot).Single();

        Assert.That(finding.Message, Is.EqualTo("Could not evaluate: AWS did not report AutoMinorVersionUpgrade for ElastiCache replication group healthcare-redis-dev."));
    }

    [Test]
    public async Task The_compliant_replication_group_upgrades_minor_versions_automatically()
    {
        var snapshot = await Snapshots.CompliantRds();

        var finding = Snapshots.Evaluate(new ElastiCacheAutoMinorVersionUpgradeEnabled(), snapshot).Single();

        Assert.That(finding.Status, Is.EqualTo(FindingStatus.Pass));
    }

    private static StackSnapshot WithExecutionRole(StackSnapshot snapshot, Func<RolePolicies, RolePolicies> change)
    {
        const string execution = "arn:aws:iam::123456789012:role/healthcare-ecs-execution-dev";
        return snapshot with { TaskRoles = new(snapshot.TaskRoles) { [execution] = Fetched<RolePolicies>.Of(change(snapshot.TaskRoles[execution].Value!)) } };
    }

    [Test]
    public async Task The_execution_role_scoped_to_the_stack_secret_and_key_is_least_privilege()
    {
        var snapshot = await Snapshots.CompliantRds();

        var findings = Snapshots.Evaluate(new EcsTaskRolesAreLeastPrivilege(), snapshot);

        Assert.That(findings.Select(f => f.Status), Is.EqualTo(new[] { FindingStatus.Pass, FindingStatus.Pass }));
    }

    [Test]
    public async Task A_wildcard_service_action_on_every_resource_fails_naming_the_statement()
    {
        var snapshot = WithExecutionRole(await Snapshots.CompliantRds(), r => r with { Inline = [new RolePolicy("broad", null, """{"Statement":{"Sid":"AllS3","Effect":"Allow","Action":"s3:*","Resource":"*"}}""")] });

        var finding = Snapshots.Evaluate(new EcsTaskRolesAreLeastPrivilege(), snapshot).Single(f => f.Status != FindingStatus.Pass);

        Assert.That(finding.Message, Does.StartWith("IAM role healthcare-ecs-execution-dev is over-privileged: inline policy broad statement ").And.Contain("AllS3").And.EndWith(" allows s3:* on every resource."));
    }

    [Test]
    public async Task A_trust_policy_that_also_trusts_an_account_fails()
    {
        var snapshot = WithExecutionRole(await Snapshots.CompliantRds(), r => r with { Role = r.Role with { AssumeRolePolicyDocument = """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999999999999:root"},"Action":"sts:AssumeRole"}]}""" } });

        var finding = Snapshots.Evaluate(new EcsTaskRoleTrustIsScoped(), snapshot).Single(f => f.Status != FindingStatus.Pass);

        Assert.That(finding.Message, Does.Contain("trusts arn:aws:iam::999999999999:root"));
    }

    [Test]
    public async Task A_role_whose_policies_could_not_be_read_is_an_error()
    {
        var compliant = await Snapshots.CompliantRds();
        var error = new CollectionError("iam:GetPolicyVersion", "AccessDenied", "denied", "us-east-1");
        var snapshot = compliant with { TaskRoles = compliant.TaskRoles.ToDictionary(p => p.Key, p => Fetched<RolePolicies>.Failed(error)) };

        var findings = Snapshots.Evaluate(new EcsTaskRolesAreLeastPrivilege(), snapshot);

        Assert.That(findings.Select(f => f.Status), Has.All.EqualTo(FindingStatus.Error));
    }
}
