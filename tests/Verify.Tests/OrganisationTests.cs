using Verification.Probes.Controls;
using Verification.Probes.Reporting;

namespace Verification.Verify.Tests;

/// <summary>
/// `verify --mode sandbox --inventory sandbox/organisation/inventory.json`, as a new user runs it: three accounts, one
/// compliant, one with a public database, one whose role cannot be assumed, in one run and one report.
/// </summary>
public sealed class OrganisationTests
{
    private static readonly Lazy<Task<VerifyResult>> OrganisationRun = new(() => VerifyProcess.RunAsync(
        "--mode", "sandbox", "--inventory", "sandbox/organisation/inventory.json", "--no-build", "--no-allure", "--out", VerifyProcess.NewOut("organisation")));

    [Test]
    public async Task Three_accounts_give_their_own_outcomes_and_the_run_exits_1_for_stagings_failure()
    {
        var run = await OrganisationRun.Value;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.Output);
            Assert.That(run.Output, Does.Match(@"dev\s+111111111111\s+COMPLIANT"));
            Assert.That(run.Output, Does.Match(@"staging\s+222222222222\s+NON-COMPLIANT"));
            Assert.That(run.Output, Does.Match(@"prod\s+333333333333\s+COULD NOT EVALUATE"));
            Assert.That(run.Output, Does.Contain("- [staging] RdsNotPubliclyAccessible:"));
            Assert.That(run.Output, Does.Contain("; 1 stack not evaluated;"), "a stack with no control results is still counted");
            Assert.That(run.Output, Does.Contain("- Account prod: role arn:aws:iam::333333333333:role/verification-audit could not be assumed (AccessDenied"));
        }
    }

    [Test]
    public async Task The_one_report_groups_by_account_and_every_view_agrees()
    {
        var run = await OrganisationRun.Value;
        var evidence = ReportJson.Load<EvidenceDocument>(Path.Combine(run.Evidence, "evidence.json"));
        var junit = string.Concat(Directory.GetFiles(Path.Combine(run.Out, "junit"), "*.xml").Select(File.ReadAllText));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(evidence.Run.ExitCode, Is.EqualTo(run.ExitCode));
            Assert.That(evidence.Accounts.Select(a => (a.Name, a.Outcome)), Is.EqualTo(new[]
            {
                ("dev", RunOutcome.Compliant), ("staging", RunOutcome.NonCompliant), ("prod", RunOutcome.CouldNotEvaluate),
            }));
            Assert.That(evidence.Run.BaseCallerArn, Is.EqualTo("arn:aws:sts::999999999999:assumed-role/verification-ci/nightly"));
            Assert.That(evidence.Stacks.Single(s => s.Account == "prod").NotEvaluated, Does.Contain("could not be assumed"));
            Assert.That(junit, Does.Contain("prod"), "the account that could not be evaluated is a failing case in JUnit, not a missing one");
            Assert.That(junit, Does.Contain("could not be assumed"));
            Assert.That(File.ReadAllText(Path.Combine(run.Evidence, "evidence.html")), Does.Contain("1 stack not evaluated"));
        }
    }

    [Test]
    public async Task No_report_holds_a_role_sessions_key_or_the_external_id()
    {
        var run = await OrganisationRun.Value;
        var files = Directory.GetFiles(run.Out, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".zip", StringComparison.Ordinal)).ToList();
        var temporaryKey = new System.Text.RegularExpressions.Regex("ASIA[A-Z0-9]{16}");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(files, Has.Count.GreaterThan(10), "the run wrote its reports");
            Assert.That(files.Where(f => temporaryKey.IsMatch(File.ReadAllText(f))), Is.Empty, "a temporary access key id");
            Assert.That(files.Where(f => File.ReadAllText(f).Contains("verification-nightly", StringComparison.Ordinal)), Is.Empty, "the inventory's external id");
            Assert.That(run.Output, Does.Not.Match("ASIA[A-Z0-9]{16}").And.Not.Contain("verification-nightly"));
        }
    }

    [Test]
    public async Task The_organisation_bundle_checks_out_offline()
    {
        var run = await OrganisationRun.Value;

        var check = await VerifyProcess.RunAsync("check-evidence", run.Evidence);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(check.ExitCode, Is.EqualTo(3), check.Output + "\nunsigned: intact and re-evaluated, authorship unproven");
            Assert.That(check.Output, Does.Contain("identical verdicts"));
            Assert.That(check.Output, Does.Contain("Manifest: every file matches"));
        }
    }

    [Test]
    public async Task An_inventory_with_outputs_is_refused_in_one_line()
    {
        var run = await VerifyProcess.RunAsync("--mode", "sandbox", "--inventory", "sandbox/organisation/inventory.json", "--outputs", "outputs-samples/terraform.json", "--no-build");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.Output);
            Assert.That(run.Output.Trim().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(run.Output, Does.Contain("--inventory and --outputs"));
        }
    }

    [Test]
    public async Task A_real_run_refuses_an_inventory_describing_sandbox_accounts()
    {
        var run = await VerifyProcess.RunAsync("--mode", "gate", "--inventory", "sandbox/organisation/inventory.json", "--no-build");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.Output);
            Assert.That(run.Output, Does.Contain("read in sandbox mode only"));
            Assert.That(run.Output, Does.Not.Contain("   at "));
        }
    }
}
