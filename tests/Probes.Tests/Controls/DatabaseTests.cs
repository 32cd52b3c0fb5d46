using NUnit.Framework;
using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;
using Verification.Probes.Controls;
using Verification.Probes.Controls.Database;

namespace Verification.Probes.Tests.Controls;

public sealed class DatabaseTests
{
    private static Fetched<List<Parameter>> WithForceSsl(Fetched<List<Parameter>> parameters, string value) =>
        Fetched<List<Parameter>>.Of([.. parameters.Value!.Where(p => p.ParameterName != "rds.force_ssl"), new Parameter { ParameterName = "rds.force_ssl", ParameterValue = value }]);

    [Test]
    public async Task Rds_with_force_ssl_off_in_its_parameter_group_fails_naming_the_group()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { DBParameters = new(compliant.DBParameters) { ["healthcare-pg16-dev"] = WithForceSsl(compliant.DBParameters["healthcare-pg16-dev"], "0") } };

        var finding = Snapshots.Evaluate(new RdsForceSslEnabled(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Fail));
            Assert.That(finding.Message, Does.Contain("rds.force_ssl is 0 in parameter group healthcare-pg16-dev"));
        }
    }

    [Test]
    public async Task Aurora_reads_force_ssl_from_the_cluster_group_even_when_the_instance_group_says_0()
    {
        var compliant = await Snapshots.CompliantAurora();
        var instanceGroup = compliant.DBParameters.Keys.Single();
        var snapshot = compliant with { DBParameters = new(compliant.DBParameters) { [instanceGroup] = WithForceSsl(compliant.DBParameters[instanceGroup], "0") } };

        var finding = Snapshots.Evaluate(new RdsForceSslEnabled(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Pass));
            Assert.That(finding.Evidence["cluster parameter group"], Is.EqualTo("healthcare-aurora-pg16-dev"));
        }
    }

    [Test]
    public async Task Aurora_with_force_ssl_off_in_the_cluster_group_fails()
    {
        var compliant = await Snapshots.CompliantAurora();
        var snapshot = compliant with { DBClusterParameters = new(compliant.DBClusterParameters) { ["healthcare-aurora-pg16-dev"] = WithForceSsl(compliant.DBClusterParameters["healthcare-aurora-pg16-dev"], "0") } };

        var finding = Snapshots.Evaluate(new RdsForceSslEnabled(), snapshot).Single();

        Assert.That(finding.Status, Is.EqualTo(FindingStatus.Fail));
    }

    [Test]
    public async Task Parameters_that_could_not_be_read_are_an_error()
    {
        var compliant = await Snapshots.CompliantRds();
        var denied = new CollectionError("rds:DescribeDBParameters", "AccessDenied", "not authorized", "us-east-1");
        var snapshot = compliant with { DBParameters = new() { ["healthcare-pg16-dev"] = Fetched<List<Parameter>>.Failed(denied) } };

        var finding = Snapshots.Evaluate(new RdsForceSslEnabled(), snapshot).Single();

        Assert.That(finding.Status, Is.EqualTo(FindingStatus.Error));
    }

    [Test]
    public async Task Engine_version_16_1_fails_naming_the_available_versions()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { DBInstances = Snapshots.Replace(compliant.DBInstances, _ => true, i => i with { EngineVersion = "16.1" }) };

        var finding = Snapshots.Evaluate(new RdsEngineVersionSupported(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Fail));
            Assert.That(finding.Message, Does.Contain("postgres 16.1").And.Contain("16.4"));
        }
    }

    [Test]
    public async Task Both_compliant_stacks_run_available_engine_versions()
    {
        var rds = await Snapshots.CompliantRds();
        var aurora = await Snapshots.CompliantAurora();

        var findings = Snapshots.Evaluate(new RdsEngineVersionSupported(), rds).Concat(Snapshots.Evaluate(new RdsEngineVersionSupported(), aurora));

        Assert.That(findings.Select(f => f.Status), Is.All.EqualTo(FindingStatus.Pass));
    }

    [Test]
    public async Task Rds_without_deletion_protection_fails()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { DBInstances = Snapshots.Replace(compliant.DBInstances, _ => true, i => i with { DeletionProtection = false }) };

        var finding = Snapshots.Evaluate(new RdsDeletionProtectionEnabled(), snapshot).Single();

        Assert.That(finding.Message, Is.EqualTo("RDS DB instance healthcare-db-dev has deletion protection disabled."));
    }

    [Test]
    public async Task Aurora_is_judged_by_the_cluster_not_its_unprotected_members()
    {
        var snapshot = await Snapshots.CompliantAurora();

        var findings = Snapshots.Evaluate(new RdsDeletionProtectionEnabled(), snapshot);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(findings.Single().Status, Is.EqualTo(FindingStatus.Pass));
            Assert.That(findings.Single().Resource, Does.Contain(":cluster:healthcare-aurora-dev"));
        }
    }

    [Test]
    public async Task A_single_az_instance_fails_as_a_warning_under_the_default_policy()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { DBInstances = Snapshots.Replace(compliant.DBInstances, _ => true, i => i with { MultiAZ = false }) };
        var control = new RdsMultiAz();

        var findings = Snapshots.Evaluate(control, snapshot);

        Assert.That(Gate.Verdict(control, [.. findings], Policy.Default), Is.EqualTo(ControlVerdict.Warning));
    }

    [Test]
    public async Task The_compliant_aurora_cluster_with_a_reader_in_another_az_is_multi_az()
    {
        var snapshot = await Snapshots.CompliantAurora();

        var finding = Snapshots.Evaluate(new RdsMultiAz(), snapshot).Single();

        Assert.That(finding.Status, Is.EqualTo(FindingStatus.Pass));
    }

    [TestCase("postgresql upgrade", ExpectedResult = FindingStatus.Pass)]
    [TestCase("upgrade", ExpectedResult = FindingStatus.Fail)]
    [TestCase("", ExpectedResult = FindingStatus.Fail)]
    public async Task<FindingStatus> Rds_log_export_needs_the_postgresql_log(string exports)
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { DBInstances = Snapshots.Replace(compliant.DBInstances, _ => true, i => i with { EnabledCloudwatchLogsExports = [.. exports.Split(' ', StringSplitOptions.RemoveEmptyEntries)] }) };

        return Snapshots.Evaluate(new RdsLogsExportedToCloudWatch(), snapshot).Single().Status;
    }

    [TestCase(400, ExpectedResult = FindingStatus.Pass)]
    [TestCase(10, ExpectedResult = FindingStatus.Fail)]
    [TestCase(-1, ExpectedResult = FindingStatus.Fail)]
    public async Task<FindingStatus> Certificate_expiry_is_judged_at_the_observed_time_not_the_wall_clock(int daysLeft)
    {
        var compliant = await Snapshots.CompliantRds();
        var observedAt = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var snapshot = compliant with
        {
            DBInstances = Snapshots.Replace(compliant.DBInstances, _ => true, i => i with { CertificateDetails = i.CertificateDetails! with { ValidTill = observedAt.AddDays(daysLeft).AddHours(1) } }),
        };

        var findings = new RdsCaCertificateNotNearExpiry().Evaluate(new EvaluationContext(snapshot, Policy.Default, observedAt));

        return findings.Single().Status;
    }

    [Test]
    public async Task Serverless_v2_configuration_does_not_apply_to_a_plain_rds_stack()
    {
        var snapshot = await Snapshots.CompliantRds();

        var finding = Snapshots.Evaluate(new AuroraServerlessV2Configured(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.NotApplicable));
            Assert.That(finding.Message, Does.Contain("no Aurora Serverless cluster"));
        }
    }

    [Test]
    public async Task The_compliant_aurora_cluster_is_a_well_formed_serverless_v2_cluster()
    {
        var snapshot = await Snapshots.CompliantAurora();

        var finding = Snapshots.Evaluate(new AuroraServerlessV2Configured(), snapshot).Single();

        Assert.That(finding.Status, Is.EqualTo(FindingStatus.Pass));
    }

    [Test]
    public async Task Engine_mode_serverless_fails_as_serverless_v1()
    {
        var compliant = await Snapshots.CompliantAurora();
        var snapshot = compliant with { DBClusters = Snapshots.Replace(compliant.DBClusters, _ => true, c => c with { EngineMode = "serverless" }) };

        var finding = Snapshots.Evaluate(new AuroraServerlessV2Configured(), snapshot).Single();

        Assert.That(finding.Message, Does.Contain("EngineMode is serverless (Serverless v1), not provisioned"));
    }

    [TestCase(0.0, 16.0, "MinCapacity 0 is below 0.5 ACU")]
    [TestCase(0.5, 128.0, "MaxCapacity 128 is above the policy's 64 ACU")]
    public async Task Capacity_outside_policy_fails_naming_the_bound(double min, double max, string expected)
    {
        var compliant = await Snapshots.CompliantAurora();
        var scaling = new ServerlessV2ScalingConfigurationInfo { MinCapacity = min, MaxCapacity = max };
        var snapshot = compliant with { DBClusters = Snapshots.Replace(compliant.DBClusters, _ => true, c => c with { ServerlessV2ScalingConfiguration = scaling }) };

        var finding = Snapshots.Evaluate(new AuroraServerlessV2Configured(), snapshot).Single();

        Assert.That(finding.Message, Does.Contain(expected));
    }

    [Test]
    public async Task A_member_of_a_fixed_class_fails_naming_the_member()
    {
        var compliant = await Snapshots.CompliantAurora();
        var snapshot = compliant with { DBInstances = Snapshots.Replace(compliant.DBInstances, i => i.DBInstanceIdentifier == "healthcare-aurora-dev-1", i => i with { DBInstanceClass = "db.t3.medium" }) };

        var finding = Snapshots.Evaluate(new AuroraServerlessV2Configured(), snapshot).Single();

        Assert.That(finding.Message, Does.Contain("healthcare-aurora-dev-1 (db.t3.medium)"));
    }
}
