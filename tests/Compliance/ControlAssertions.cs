using Verification.Probes.Controls;
using Verification.Probes.Reporting;

namespace Verification.Compliance;

/// <summary>Turns a control's verdict into the NUnit outcome the README's gate table promises.</summary>
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

        var results = Suite.ResultsOf(controlId);
        Assert.That(results, Is.Not.Empty, $"Could not evaluate: control {controlId} produced no result.");

        var failing = results.Where(r => r.Verdict is ControlVerdict.Failed or ControlVerdict.CouldNotEvaluate).ToList();
        var findings = results.SelectMany(r => r.Findings).ToList();
        foreach (var finding in findings)
        {
            TestContext.Out.WriteLine($"[{finding.Status}] {finding.Message} ({finding.Resource})");
        }

        if (failing.Count > 0)
        {
            Assert.Fail(string.Join(Environment.NewLine + Environment.NewLine, failing.Select(FailureText.For)));
        }

        if (results.Any(r => r.Verdict == ControlVerdict.Warning))
        {
            Assert.Warn(string.Join(Environment.NewLine, results.Where(r => r.Verdict == ControlVerdict.Warning).Select(FailureText.For)));
        }

        if (results.All(r => r.Verdict == ControlVerdict.NotApplicable))
        {
            Assert.Ignore("Not applicable: " + string.Join(" ", findings.Select(f => f.Message).Distinct()));
        }

        Assert.That(findings.Count(f => f.Status is FindingStatus.Pass or FindingStatus.Waived), Is.Positive, $"{controlId} passed no resource.");
        if (results.Any(r => r.Verdict == ControlVerdict.Waived))
        {
            Assert.Pass("Waived: " + string.Join(" ", findings.Where(f => f.Status == FindingStatus.Waived).Select(f => f.Message)));
        }
    }
}
