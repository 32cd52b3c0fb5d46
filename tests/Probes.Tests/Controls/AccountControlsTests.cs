using NUnit.Framework;
using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;
using Verification.Probes.Controls;
using Verification.Probes.Controls.Encryption;
using Verification.Probes.Controls.Retention;
using Verification.Probes.Controls.ThreatDetection;

namespace Verification.Probes.Tests.Controls;

/// <summary>AWS Backup coverage, the backup vault's key, GuardDuty and Security Hub over varied compliant snapshots.</summary>
public sealed class AccountControlsTests
{
    private const string DbArn = "arn:aws:rds:us-east-1:123456789012:db:healthcare-db-dev";

    private static IEnumerable<Control> NewControls() =>
    [
        new DatabaseCoveredByBackupPlan(), new BackupVaultEncryptedWithCustomerKey(), new GuardDutyEnabledWithRdsAndRuntimeProtection(),
        new NoOpenHighSeverityGuardDutyFindings(), new SecurityHubEnabled(),
    ];

    private static async Task<StackSnapshot> WithSelection(Func<BackupSelection, BackupSelection> change)
    {
        var compliant = await Snapshots.CompliantRds();
        return compliant with
        {
            BackupPlans = Fetched<List<BackupPlanSelections>>.Of([.. compliant.BackupPlans.Value!.Select(p => p with { Selections = [.. p.Selections.Select(change)] })]),
        };
    }

    private static async Task<StackSnapshot> WithDetector(Func<Detector, Detector> change)
    {
        var compliant = await Snapshots.CompliantRds();
        return compliant with { GuardDutyDetectors = Fetched<List<GuardDutyDetector>>.Of([.. compliant.GuardDutyDetectors.Value!.Select(d => d with { Detector = change(d.Detector) })]) };
    }

    [TestCaseSource(nameof(NewControls))]
    public async Task The_compliant_rds_and_aurora_stacks_pass(Control control)
    {
        var rds = await Snapshots.CompliantRds();
        var aurora = await Snapshots.CompliantAurora();

        var statuses = Snapshots.Evaluate(control, rds).Concat(Snapshots.Evaluate(control, aurora)).Select(f => f.Status);

        Assert.That(statuses, Is.Not.Empty.And.All.EqualTo(FindingStatus.Pass));
    }

    [Test]
    public void GuardDuty_and_Security_Hub_are_account_level_and_findings_are_judged_per_stack()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(new GuardDutyEnabledWithRdsAndRuntimeProtection().Scope, Is.EqualTo(ControlScope.Account));
            Assert.That(new SecurityHubEnabled().Scope, Is.EqualTo(ControlScope.Account));
            Assert.That(new NoOpenHighSeverityGuardDutyFindings().Scope, Is.EqualTo(ControlScope.Stack));
        }
    }

    [Test]
    public async Task A_database_no_selection_assigns_fails_and_its_vault_is_not_applicable()
    {
        var snapshot = await WithSelection(s => s with { Resources = [.. s.Resources.Where(r => r != DbArn)] });

        var coverage = Snapshots.Evaluate(new DatabaseCoveredByBackupPlan(), snapshot).Single();
        var vault = Snapshots.Evaluate(new BackupVaultEncryptedWithCustomerKey(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(coverage.Status, Is.EqualTo(FindingStatus.Fail));
            Assert.That(coverage.Message, Is.EqualTo("AWS Backup: no backup plan's selection assigns RDS DB instance healthcare-db-dev."));
            Assert.That(vault.Status, Is.EqualTo(FindingStatus.NotApplicable));
        }
    }

    [Test]
    public async Task A_selection_by_the_databases_tag_assigns_it()
    {
        var compliant = await Snapshots.CompliantRds();
        var tag = compliant.DBInstances.Value!.Single(i => i.DBInstanceArn == DbArn).TagList.First();
        var snapshot = await WithSelection(s => s.Resources.Contains(DbArn)
            ? s with { Resources = [], ListOfTags = [new BackupCondition { ConditionType = "STRINGEQUALS", ConditionKey = tag.Key, ConditionValue = tag.Value ?? "" }] }
            : s);

        var finding = Snapshots.Evaluate(new DatabaseCoveredByBackupPlan(), snapshot).Single();

        Assert.That(finding.Status, Is.EqualTo(FindingStatus.Pass));
    }

    [Test]
    public async Task NotResources_takes_the_database_out_of_a_wildcard_selection()
    {
        var snapshot = await WithSelection(s => s.Resources.Contains(DbArn) ? s with { Resources = ["arn:aws:rds:*:*:db:*"], NotResources = [DbArn] } : s);

        var finding = Snapshots.Evaluate(new DatabaseCoveredByBackupPlan(), snapshot).Single();

        Assert.That(finding.Status, Is.EqualTo(FindingStatus.Fail));
    }

    [TestCase(7L, FindingStatus.Fail)]
    [TestCase(30L, FindingStatus.Pass)]
    [TestCase(null, FindingStatus.Pass)]
    public async Task A_rule_keeping_recovery_points_fewer_days_than_the_policy_fails(long? deleteAfterDays, FindingStatus expected)
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with
        {
            BackupPlans = Fetched<List<BackupPlanSelections>>.Of([.. compliant.BackupPlans.Value!.Select(p => p with
            {
                Plan = p.Plan with { BackupPlan = p.Plan.BackupPlan with { Rules = [.. p.Plan.BackupPlan.Rules.Select(r => r with { Lifecycle = deleteAfterDays is null ? null : new Lifecycle { DeleteAfterDays = deleteAfterDays } })] } },
            })]),
        };

        var finding = Snapshots.Evaluate(new DatabaseCoveredByBackupPlan(), snapshot).Single();

        Assert.That(finding.Status, Is.EqualTo(expected));
    }

    [TestCase("AWS_OWNED_KMS_KEY", "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", FindingStatus.Fail)]
    [TestCase("CUSTOMER_MANAGED_KMS_KEY", "arn:aws:kms:us-east-1:123456789012:key/99999999-0000-4000-8000-000000000000", FindingStatus.Pass)]
    [TestCase(null, "arn:aws:kms:us-east-1:123456789012:key/99999999-0000-4000-8000-000000000000", FindingStatus.Error)]
    [TestCase(null, "arn:aws:kms:us-east-1:123456789012:key/0f9e8d7c-6b5a-4c3d-2e1f-0a9b8c7d6e5f", FindingStatus.Fail)]
    public async Task The_vault_key_must_be_customer_managed_and_an_unknown_key_is_an_error(string? keyType, string keyArn, FindingStatus expected)
    {
        var compliant = await Snapshots.CompliantRds();
        var vaults = compliant.BackupVaults.ToDictionary(v => v.Key, v => v.Key == "healthcare-vault-dev"
            ? Fetched<BackupVault>.Of(v.Value.Value! with { EncryptionKeyType = keyType, EncryptionKeyArn = keyArn })
            : v.Value, StringComparer.Ordinal);

        var finding = Snapshots.Evaluate(new BackupVaultEncryptedWithCustomerKey(), compliant with { BackupVaults = vaults }).Single();

        Assert.That(finding.Status, Is.EqualTo(expected), finding.Message);
    }

    [Test]
    public async Task A_region_without_a_detector_fails_and_its_findings_are_not_applicable()
    {
        var snapshot = (await Snapshots.CompliantRds()) with { GuardDutyDetectors = Fetched<List<GuardDutyDetector>>.Of([]), GuardDutyFindings = Fetched<List<GuardDutyFinding>>.Of([]) };

        var enabled = Snapshots.Evaluate(new GuardDutyEnabledWithRdsAndRuntimeProtection(), snapshot).Single();
        var findings = Snapshots.Evaluate(new NoOpenHighSeverityGuardDutyFindings(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(enabled.Status, Is.EqualTo(FindingStatus.Fail));
            Assert.That(enabled.Message, Is.EqualTo("GuardDuty has no detector in us-east-1: it is not enabled."));
            Assert.That(findings.Status, Is.EqualTo(FindingStatus.NotApplicable));
        }
    }

    [Test]
    public async Task Runtime_monitoring_without_fargate_agent_management_fails_naming_it()
    {
        var snapshot = await WithDetector(d => d with
        {
            Features = [.. d.Features!.Select(f => f.Name == "RUNTIME_MONITORING"
                ? f with { AdditionalConfiguration = [.. f.AdditionalConfiguration.Select(c => c.Name == "ECS_FARGATE_AGENT_MANAGEMENT" ? c with { Status = "DISABLED" } : c)] }
                : f)],
        });

        var finding = Snapshots.Evaluate(new GuardDutyEnabledWithRdsAndRuntimeProtection(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Fail));
            Assert.That(finding.Message, Does.EndWith("does not protect the stack: RUNTIME_MONITORING's ECS_FARGATE_AGENT_MANAGEMENT is DISABLED."));
        }
    }

    [Test]
    public async Task A_detector_that_reports_no_features_is_an_error_not_a_fail()
    {
        var snapshot = await WithDetector(d => d with { Features = null });

        var finding = Snapshots.Evaluate(new GuardDutyEnabledWithRdsAndRuntimeProtection(), snapshot).Single();

        Assert.That(finding.Status, Is.EqualTo(FindingStatus.Error));
    }

    [TestCase("healthcare-db-dev", FindingStatus.Fail)]
    [TestCase("someone-elses-db", FindingStatus.Pass)]
    public async Task Only_a_high_finding_on_a_stack_resource_fails(string instance, FindingStatus expected)
    {
        var compliant = await Snapshots.CompliantRds();
        var finding = new GuardDutyFinding { Id = "f1", Type = "CredentialAccess:RDS/AnomalousBehavior.SuccessfulBruteForce", Title = "Brute force", Severity = 8.0, DbInstanceIdentifier = instance, Archived = false };
        var snapshot = compliant with { GuardDutyFindings = Fetched<List<GuardDutyFinding>>.Of([.. compliant.GuardDutyFindings.Value!, finding]) };

        var result = Snapshots.Evaluate(new NoOpenHighSeverityGuardDutyFindings(), snapshot).Single();

        Assert.That(result.Status, Is.EqualTo(expected));
    }

    [Test]
    public async Task Security_hub_not_subscribed_fails_and_a_denied_describe_hub_is_an_error_naming_the_permission()
    {
        var compliant = await Snapshots.CompliantRds();
        var off = compliant with { SecurityHub = Fetched<SecurityHubStatus>.Of(new SecurityHubStatus(null)) };
        var denied = compliant with { SecurityHub = Fetched<SecurityHubStatus>.Failed(new CollectionError("securityhub:DescribeHub", "AccessDeniedException", "not authorized", "us-east-1")) };

        var offFinding = Snapshots.Evaluate(new SecurityHubEnabled(), off).Single();
        var deniedFinding = Snapshots.Evaluate(new SecurityHubEnabled(), denied).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(offFinding.Status, Is.EqualTo(FindingStatus.Fail));
            Assert.That(deniedFinding.Status, Is.EqualTo(FindingStatus.Error));
            Assert.That(deniedFinding.Message, Does.Contain("needs securityhub:DescribeHub"));
        }
    }
}
