using Verification.Probes.Reporting;

namespace Verification.Verify.Tests;

public sealed class ExitCodeTests
{
    [Test]
    public async Task A_compliant_stack_exits_0()
    {
        var run = await Runs.Compliant();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.Zero, run.Output);
            Assert.That(run.Output, Does.Contain("COMPLIANT (exit 0)"));
        }
    }

    [Test]
    public async Task A_stack_keeping_logs_7_days_exits_1_and_the_summary_names_the_failure()
    {
        var run = await Runs.Defective();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.Output);
            Assert.That(run.Output, Does.Contain("NON-COMPLIANT (exit 1)"));
            Assert.That(run.Output, Does.Contain("- LogGroupRetentionMeetsPolicy: CloudWatch Logs log group /ecs/healthcare-dev keeps logs only 7 days"));
        }
    }

    [Test]
    public async Task A_waived_failure_exits_0_and_the_evidence_lists_the_waiver_in_force()
    {
        var run = await Runs.Waived();

        var evidence = ReportJson.Load<EvidenceDocument>(Path.Combine(run.Evidence, "evidence.json"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.Zero, run.Output);
            Assert.That(evidence.Counts.Waived, Is.EqualTo(1));
            Assert.That(evidence.Waivers.Select(w => (w.Control, w.Approver)), Is.EqualTo(new[] { ("LogGroupRetentionMeetsPolicy", "ciso@example.org") }));
        }
    }

    [Test]
    public async Task A_malformed_outputs_file_exits_2_and_the_summary_says_why()
    {
        var run = await Runs.Malformed();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.Output);
            Assert.That(run.Output, Does.Contain("COULD NOT EVALUATE (exit 2)"));
            Assert.That(run.Output, Does.Contain("Could not evaluate:").And.Contain("outputs.json"));
        }
    }

    [Test]
    public async Task The_evidence_records_the_exit_code_and_the_errors_of_a_run_that_could_not_evaluate()
    {
        var run = await Runs.Malformed();

        var evidence = ReportJson.Load<EvidenceDocument>(Path.Combine(run.Evidence, "evidence.json"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(evidence.Run.ExitCode, Is.EqualTo(2));
            Assert.That(evidence.Run.Errors, Has.Some.Contains("outputs.json"));
        }
    }

    [Test]
    public async Task Help_explains_every_option_in_one_screen()
    {
        var run = await VerifyProcess.RunAsync("--help");
        var lines = run.Output.TrimEnd().Split('\n');

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.Zero);
            Assert.That(lines, Has.Length.LessThanOrEqualTo(50));
            Assert.That(lines.Max(l => l.Length), Is.LessThanOrEqualTo(120));
            Assert.That(run.Output, Does.Contain("--outputs").And.Contain("--mode").And.Contain("--thresholds").And.Contain("--waivers").And.Contain("--out")
                .And.Contain("--previous").And.Contain("--sign-key").And.Contain("--pdf").And.Contain("--check-evidence").And.Contain("--public-key")
                .And.Contain("--sign-kms-key").And.Contain("--allow-insecure-endpoint").And.Contain("--kms-verify").And.Contain("3 integrity unproven"));
        }
    }

    [Test]
    public async Task A_malformed_outputs_file_gives_one_message_of_at_most_twenty_lines()
    {
        var run = await Runs.Malformed();

        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(lines, Has.Length.LessThanOrEqualTo(20), run.Output);
            Assert.That(run.Output, Does.Not.Contain("   at "));
        }
    }

    [Test]
    public async Task An_unexpected_failure_while_writing_reports_exits_2_with_one_message_and_no_stack_trace()
    {
        var file = Path.Combine(VerifyProcess.NewOut("out-is-a-file"), "not-a-folder");
        await File.WriteAllTextAsync(file, "");

        var run = await VerifyProcess.RunAsync("--mode", "sandbox", "--connectivity", "off", "--no-allure", "--out", file);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.Output);
            Assert.That(run.Output, Does.Contain("verify: could not evaluate: IOException"));
            Assert.That(run.Output, Does.Not.Contain("   at "));
        }
    }

    [Test]
    public async Task An_unknown_option_exits_2_with_one_line()
    {
        var run = await VerifyProcess.RunAsync("--mode", "sandbox", "--retention", "7");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.Output);
            Assert.That(run.Output, Does.Contain("--retention"));
            Assert.That(run.Output.Trim().Split('\n'), Has.Length.LessThanOrEqualTo(3));
        }
    }

    [Test]
    public async Task A_gate_run_says_the_data_path_is_not_in_scope_in_every_report()
    {
        var run = await Runs.Compliant();

        var evidence = ReportJson.Load<EvidenceDocument>(Path.Combine(run.Evidence, "evidence.json"));
        var junit = await File.ReadAllTextAsync(Path.Combine(run.Out, "junit", "connectivity.xml"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(evidence.ConnectivityInScope, Is.False);
            Assert.That(evidence.Connectivity, Is.Empty);
            Assert.That(run.Output, Does.Contain("data path not in scope for this run"));
            Assert.That(junit, Does.Contain("not in scope for this run"));
        }
    }
}
