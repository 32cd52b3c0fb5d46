using NUnit.Framework;
using Verification.Probes.Aws;
using Verification.Probes.Aws.Backup;
using Verification.Probes.Aws.GuardDuty;
using Verification.Probes.Aws.SecurityHub;
using Verification.Probes.Aws.Transport;
using Verification.Probes.Tests.Robustness;
using Verification.Sandbox;

namespace Verification.Probes.Tests.Sandbox;

/// <summary>The sandbox's REST-JSON services answer the suite's clients, signed and routed as AWS would route them.</summary>
public sealed class RestJsonTests
{
    [Test]
    public async Task Backup_lists_page_at_two_and_a_plan_leads_to_its_selection_and_vault()
    {
        await using var sandbox = await SandboxServer.StartAsync(Scenario.Load("compliant-rds"));
        using var session = new AwsSession("us-east-1", SandboxRun.SandboxKey, new AwsEndpoints(sandbox.Endpoint), SandboxRun.Fast, TimeProvider.System);
        var backup = new BackupClient(new AwsTransport(session));

        var plans = await backup.ListBackupPlansAsync(CancellationToken.None);
        var plan = await backup.GetBackupPlanAsync(plans[0], CancellationToken.None);
        var selectionIds = await backup.ListBackupSelectionsAsync(plans[0], CancellationToken.None);
        var selection = await backup.GetBackupSelectionAsync(plans[0], selectionIds.Single(), CancellationToken.None);
        var vault = await backup.DescribeBackupVaultAsync(plan.BackupPlan.Rules[0].TargetBackupVaultName!, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plans, Has.Count.EqualTo(3));
            Assert.That(sandbox.ActionsCalled.Count(a => a == "backup:ListBackupPlans"), Is.EqualTo(2), "three plans at two a page");
            Assert.That(plan.BackupPlan.BackupPlanName, Is.EqualTo("healthcare-backup-dev"));
            Assert.That(selection.Resources, Does.Contain("arn:aws:rds:us-east-1:123456789012:db:healthcare-db-dev"));
            Assert.That(vault.EncryptionKeyType, Is.EqualTo("CUSTOMER_MANAGED_KMS_KEY"));
        }
    }

    [Test]
    public async Task A_path_label_that_needs_encoding_is_signed_as_aws_signs_it_and_answered_not_found()
    {
        await using var sandbox = await SandboxServer.StartAsync(Scenario.Load("compliant-rds"));
        using var session = new AwsSession("us-east-1", SandboxRun.SandboxKey, new AwsEndpoints(sandbox.Endpoint), SandboxRun.Fast, TimeProvider.System);

        var error = (await Assert.ThrowsAsync<AwsServiceException>(() => new BackupClient(new AwsTransport(session)).DescribeBackupVaultAsync("no such:vault", CancellationToken.None)))!;

        Assert.That(error.ErrorCode, Is.EqualTo("ResourceNotFoundException"));
    }

    [Test]
    public async Task GuardDuty_filters_findings_by_severity_and_archive_state_and_security_hub_reports_the_hub()
    {
        await using var sandbox = await SandboxServer.StartAsync(Scenario.Load("compliant-rds"));
        using var session = new AwsSession("us-east-1", SandboxRun.SandboxKey, new AwsEndpoints(sandbox.Endpoint), SandboxRun.Fast, TimeProvider.System);
        var transport = new AwsTransport(session);
        var guardDuty = new GuardDutyClient(transport);

        var detector = (await guardDuty.ListDetectorsAsync(CancellationToken.None)).Single();
        var ids = await guardDuty.ListFindingsAsync(detector, 7, CancellationToken.None);
        var findings = await guardDuty.GetFindingsAsync(detector, ids, CancellationToken.None);
        var hub = await new SecurityHubClient(transport).DescribeHubAsync(CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(findings.Select(f => f.Severity), Is.All.GreaterThanOrEqualTo(7.0));
            Assert.That(findings.Select(f => f.Archived), Is.All.False);
            Assert.That(findings, Has.Count.EqualTo(3));
            Assert.That(hub?.HubArn, Is.EqualTo("arn:aws:securityhub:us-east-1:123456789012:hub/default"));
        }
    }
}
