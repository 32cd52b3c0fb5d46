using NUnit.Framework;
using Verification.Probes.Controls;
using Verification.Probes.Reporting;

namespace Verification.Probes.Tests.Reporting;

public sealed class DriftTests
{
    [Test]
    public async Task Drift_from_a_compliant_run_to_short_log_retention_lists_exactly_the_changed_control()
    {
        var compliant = await Bundles.EvidenceOf("compliant-rds");

        var drift = (await Bundles.EvidenceOf("log-retention-7-days", compliant)).Drift!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(drift.ChangedControls, Is.EqualTo(new[] { "LogGroupRetentionMeetsPolicy" }));
            Assert.That(drift.NewFailures.Select(c => (c.ControlId, c.Before, c.After)), Is.EqualTo(new[] { ("LogGroupRetentionMeetsPolicy", (ControlVerdict?)ControlVerdict.Passed, (ControlVerdict?)ControlVerdict.Failed) }));
            Assert.That(drift.ChangedValues.Select(v => (v.Key, v.Before, v.After)), Is.EqualTo(new[] { ("retentionInDays", "30", "7") }));
            Assert.That(drift.FixedFailures, Is.Empty);
            Assert.That(drift.ResourcesAdded, Is.Empty);
            Assert.That(drift.ResourcesGone, Is.Empty);
        }
    }

    [Test]
    public async Task Fixing_a_failure_is_reported_as_fixed()
    {
        var defective = await Bundles.EvidenceOf("log-retention-7-days");

        var drift = (await Bundles.EvidenceOf("compliant-rds", defective)).Drift!;

        Assert.That(drift.FixedFailures.Select(c => c.ControlId), Is.EqualTo(new[] { "LogGroupRetentionMeetsPolicy" }));
    }

    [Test]
    public async Task A_resource_that_appears_is_listed_as_added()
    {
        var compliant = await Bundles.EvidenceOf("compliant-rds");

        var drift = (await Bundles.EvidenceOf("second-db-unencrypted", compliant)).Drift!;

        Assert.That(drift.ResourcesAdded.Select(r => r.Resource), Has.Some.Contains("db"));
    }

    [Test]
    public async Task The_same_run_twice_shows_no_drift()
    {
        var compliant = await Bundles.EvidenceOf("compliant-rds");

        var drift = (await Bundles.EvidenceOf("compliant-rds", compliant)).Drift!;

        Assert.That(drift.IsEmpty, Is.True, string.Join(", ", drift.ChangedControls));
    }
}
