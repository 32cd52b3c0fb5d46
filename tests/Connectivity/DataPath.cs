using Verification.Probes.Connectivity.Checks;
using Verification.Probes.Reporting;

namespace Verification.Connectivity;

/// <summary>The stack's data path: one test per data-path check, asserting the engine's verdict through the gate table.</summary>
[TestFixture]
[Category("Connectivity")]
public sealed class DataPath
{
    public static IEnumerable<TestCaseData> Checks() =>
        DataPathCatalog.All.Select(c => new TestCaseData(c.Id).SetName(c.Id).SetDescription(c.Title).SetCategory(c.Severity.ToString()));

    [TestCaseSource(nameof(Checks))]
    public void Check(string id)
    {
        Suite.RequireReady();
        var results = Suite.Run!.DataPath.Where(d => d.Check.Id == id).ToList();
        Assert.That(results, Is.Not.Empty, $"Could not evaluate: data-path check {id} did not run.");
        foreach (var finding in results.SelectMany(r => r.Findings))
            Suite.Print($"[{finding.Status}] {id} {finding.Target} via {finding.ConnectAddress}: {finding.Message} [{string.Join(", ", finding.Evidence.Select(e => $"{e.Key}={e.Value}"))}]");

        var outcomes = results.Select(r => TestOutcomes.Of(r.Verdict)).ToList();
        var text = string.Join(Environment.NewLine, results.SelectMany(r => r.Findings).Select(f => $"[{f.Status}] {f.Message} Target: {f.Target}. Remediation: {results[0].Check.Remediation}"));

        Assert.That(outcomes, Has.None.EqualTo(TestOutcome.Failed), text);
        Assert.That(outcomes, Has.None.EqualTo(TestOutcome.Error), "Could not evaluate: " + text);
        Assert.That(outcomes, Has.All.EqualTo(TestOutcome.Passed), text);
    }
}
