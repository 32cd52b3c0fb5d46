using NUnit.Framework;
using Verification.Probes.Controls;
using Verification.Probes.Tests.Scenarios;
using Verification.Sandbox;

namespace Verification.Probes.Tests.Controls;

public sealed class WaiverTests
{
    private const string Db = "arn:aws:rds:us-east-1:123456789012:db:healthcare-db-dev";

    private static Waiver Backups(string expires) =>
        new("RdsBackupRetentionMeetsPolicy", "arn:aws:rds:*:*:db:healthcare-db-*", "Dev stack; restores come from prod snapshots.", DateOnly.Parse(expires, System.Globalization.CultureInfo.InvariantCulture), "ciso@example.org");

    [Test]
    public async Task A_current_waiver_turns_the_failure_into_waived_and_the_gate_passes()
    {
        var policy = Policy.Default with { Waivers = [Backups(InDays(30))] };

        var run = await ScenarioRun.ExecuteAsync(Scenario.Load("rds-backup-7-days"), policy);
        var result = run.Results.Single(r => r.Control.Id == "RdsBackupRetentionMeetsPolicy");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Verdict, Is.EqualTo(ControlVerdict.Waived));
            Assert.That(result.Findings.Single(f => f.Resource == Db).Evidence["waiver.approver"], Is.EqualTo("ciso@example.org"));
            Assert.That(run.Outcome, Is.EqualTo(RunOutcome.Compliant));
        }
    }

    [Test]
    public async Task An_expired_waiver_covers_nothing_and_fails_the_gate_naming_itself()
    {
        var policy = Policy.Default with { Waivers = [Backups("2020-01-31")] };

        var run = await ScenarioRun.ExecuteAsync(Scenario.Load("rds-backup-7-days"), policy);
        var waivers = run.Results.Single(r => r.Control.Id == "WaiversAreCurrent");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.Results.Single(r => r.Control.Id == "RdsBackupRetentionMeetsPolicy").Verdict, Is.EqualTo(ControlVerdict.Failed));
            Assert.That(waivers.Verdict, Is.EqualTo(ControlVerdict.Failed));
            Assert.That(waivers.Findings.Single().Message, Does.Contain("expired on 2020-01-31"));
            Assert.That(run.Outcome, Is.EqualTo(RunOutcome.NonCompliant));
        }
    }

    [Test]
    public void A_waiver_expiring_more_than_a_year_after_the_run_is_refused_naming_the_cap()
    {
        var policy = Policy.Default with { Waivers = [Backups(InDays(400))] };

        Assert.That(() => ScenarioRun.ExecuteAsync(Scenario.Load("rds-backup-7-days"), policy),
            Throws.TypeOf<Runs.RunSetupException>().With.Message.Contains("more than MaxWaiverDays (365) after the run"));
    }

    [Test]
    public async Task Settings_that_raise_MaxWaiverDays_accept_a_longer_waiver_and_list_it_as_a_deviation()
    {
        var policy = Policy.Default with { Waivers = [Backups(InDays(400))], MaxWaiverDays = 500 };

        var run = await ScenarioRun.ExecuteAsync(Scenario.Load("rds-backup-7-days"), policy);
        var deviations = PolicyDeviation.Of(policy, run.Snapshot.StartedAt);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.Results.Single(r => r.Control.Id == "RdsBackupRetentionMeetsPolicy").Verdict, Is.EqualTo(ControlVerdict.Waived));
            Assert.That(deviations.Select(d => d.Setting), Is.EquivalentTo(new[] { "MaxWaiverDays", "Waiver" }));
        }
    }

    [TestCase("*")]
    [TestCase("**")]
    public void A_waiver_for_every_resource_is_refused_when_the_file_is_read(string resource)
    {
        var text = $$"""{"waivers": [{"control": "RdsBackupRetentionMeetsPolicy", "resource": "{{resource}}", "justification": "x", "expires": "2026-12-31", "approver": "a"}]}""";

        var error = Assert.Throws<WaiverException>(() => WaiverFile.Parse("waivers.json", text));

        Assert.That(error!.Message, Is.EqualTo($"Waivers file waivers.json, waiver #1 (RdsBackupRetentionMeetsPolicy): \"resource\" '{resource}' waives every resource; name the resource (an ARN or id, '*' only inside it)."));
    }

    [TestCase("""{"waivers": [{"control": "RdsBackupRetentionMeetsPolicy", "resource": "*", "justification": "x", "expires": "31/12/2026", "approver": "a"}]}""", "expected \"expires\" as YYYY-MM-DD, found '31/12/2026'")]
    [TestCase("""{"waivers": [{"control": "NoSuchControl", "resource": "*", "justification": "x", "expires": "2026-12-31", "approver": "a"}]}""", "control 'NoSuchControl' does not exist")]
    [TestCase("""{"waivers": [{"control": "RdsBackupRetentionMeetsPolicy", "resource": "*", "expires": "2026-12-31", "approver": "a"}]}""", "expected a non-empty string \"justification\", found none")]
    [TestCase("""[1, 2]""", "expected an object with a \"waivers\" array, found array")]
    [TestCase("""{"waivers": """, "found invalid JSON")]
    public void A_malformed_waivers_file_is_rejected_with_one_message_naming_the_file_and_the_expectation(string text, string expected)
    {
        var error = Assert.Throws<WaiverException>(() => WaiverFile.Parse("waivers.json", text));

        Assert.That(error!.Message, Does.StartWith("Waivers file waivers.json").And.Contain(expected));
    }

    private static string InDays(int days) => DateTime.UtcNow.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
