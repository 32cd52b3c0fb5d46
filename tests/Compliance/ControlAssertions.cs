using Verification.Probes.Controls;
using Verification.Probes.Reporting;

namespace Verification.Compliance;

/// <summary>Turns a control's verdict into the NUnit outcome the README's gate table promises (<see cref="TestOutcomes"/>).</summary>
public abstract class ControlAssertions
{
    /// <summary>The test cases of one area: one per control, named by its id.</summary>
    public static IEnumerable<TestCaseData> In(string area) =>
        ControlCatalog.All.Where(c => c.Area == area).Select(c => new TestCaseData(c.Id).SetName(c.Id).SetDescription(c.Title).SetCategory(c.Severity.ToString()));

    protected static void AssertControl(string controlId)
    {
        if (Suite.SetupError is { } setupError)
        {
            Assert.Fail($"Could not evaluate: {setupError}");
        }

        if (Suite.Run is { Errors.Count: > 0 } run && run.Stacks.All(s => s.NotEvaluated is not null))
        {
            Assert.Fail($"Could not evaluate: {string.Join(" ", run.Errors)}");
        }

        var results = Suite.ResultsOf(controlId);
        Assert.That(results, Is.Not.Empty, $"Could not evaluate: control {controlId} produced no result.");

        // A stack never collected (its account's role could not be assumed) was not judged: the control is not proven there.
        var unjudged = (Suite.Run?.Stacks ?? []).Where(s => s.NotEvaluated is not null).Select(s => $"[{s.Account}] {s.Snapshot.Outputs.SourceFile}: {s.NotEvaluated}").ToList();
        foreach (var finding in results.SelectMany(r => r.Findings))
        {
            TestContext.Out.WriteLine($"[{finding.Status}] {finding.Message} ({finding.Resource})");
        }

        // The worst outcome over the stacks decides, in the order the gate reports them.
        var worst = results.Select(r => (Result: r, Outcome: TestOutcomes.Of(r.Verdict))).OrderBy(r => Rank(r.Outcome)).First();
        var text = string.Join(Environment.NewLine + Environment.NewLine, results.Where(r => TestOutcomes.Of(r.Verdict) == worst.Outcome).Select(FailureText.For));
        if (worst.Outcome != TestOutcome.Failed && unjudged.Count > 0)
        {
            Assert.Fail($"Could not evaluate on {unjudged.Count} stack(s):{Environment.NewLine}{string.Join(Environment.NewLine, unjudged)}");
        }

        switch (worst.Outcome)
        {
            case TestOutcome.Failed:
                Assert.Fail(text);
                break;
            case TestOutcome.Error:
                Assert.Fail("Could not evaluate: " + text);
                break;
            case TestOutcome.Skipped:
                Assert.Ignore("Not applicable: " + string.Join(" ", results.SelectMany(r => r.Findings).Select(f => f.Message).Distinct()));
                break;
            case TestOutcome.PassedWithNote when results.Any(r => r.Verdict == ControlVerdict.Warning):
                Assert.Warn(text);
                break;
            case TestOutcome.PassedWithNote:
                Assert.Pass("Waived: " + string.Join(" ", results.SelectMany(r => r.Findings).Where(f => f.Status == FindingStatus.Waived).Select(f => f.Message)));
                break;
        }
    }

    private static int Rank(TestOutcome outcome) => outcome switch
    {
        TestOutcome.Failed => 0,
        TestOutcome.Error => 1,
        TestOutcome.PassedWithNote => 2,
        TestOutcome.Passed => 3,
        _ => 4,
    };
}
