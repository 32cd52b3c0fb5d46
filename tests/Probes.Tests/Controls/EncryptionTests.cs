using NUnit.Framework;
using Verification.Probes.Controls;
using Verification.Probes.Controls.Encryption;

namespace Verification.Probes.Tests.Controls;

public sealed class EncryptionTests
{
    [Test]
    public async Task Performance_insights_under_the_stack_key_passes_on_both_compliant_stacks()
    {
        var rds = await Snapshots.CompliantRds();
        var aurora = await Snapshots.CompliantAurora();

        var findings = Snapshots.Evaluate(new RdsPerformanceInsightsEncryptedWithStackKey(), rds).Concat(Snapshots.Evaluate(new RdsPerformanceInsightsEncryptedWithStackKey(), aurora));

        Assert.That(findings.Select(f => f.Status), Is.All.EqualTo(FindingStatus.Pass));
    }

    [Test]
    public async Task Performance_insights_under_another_key_fails_naming_it()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { DBInstances = Snapshots.Replace(compliant.DBInstances, _ => true, i => i with { PerformanceInsightsKMSKeyId = "arn:aws:kms:us-east-1:123456789012:key/ffffffff-0000-0000-0000-000000000000" }) };

        var finding = Snapshots.Evaluate(new RdsPerformanceInsightsEncryptedWithStackKey(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Fail));
            Assert.That(finding.Message, Does.Contain("ffffffff-0000"));
        }
    }

    [Test]
    public async Task Performance_insights_off_is_not_applicable()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { DBInstances = Snapshots.Replace(compliant.DBInstances, _ => true, i => i with { PerformanceInsightsEnabled = false, PerformanceInsightsKMSKeyId = null }) };

        var finding = Snapshots.Evaluate(new RdsPerformanceInsightsEncryptedWithStackKey(), snapshot).Single();

        Assert.That(finding.Status, Is.EqualTo(FindingStatus.NotApplicable));
    }
}
