using NUnit.Framework;
using Verification.Probes.Collection;
using Verification.Probes.Controls;
using Verification.Sandbox;

namespace Verification.Probes.Tests.Scenarios;

/// <summary>Each shipped scenario trips exactly the controls it declares, and nothing is left unevaluated.</summary>
public sealed class ScenarioVerdictTests
{
    private static IEnumerable<TestCaseData> Scenarios() =>
        Scenario.Shipped().Select(name => new TestCaseData(name).SetName($"Scenario_{name}_fails_exactly_its_declared_controls"));

    [TestCaseSource(nameof(Scenarios))]
    public async Task Scenario_fails_exactly_its_declared_controls(string name)
    {
        var scenario = Scenario.Load(name);

        var run = await ScenarioRun.ExecuteAsync(scenario);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ScenarioRun.Failing(run), Is.EquivalentTo(scenario.ExpectedFailures), scenario.Description);
            Assert.That(ScenarioRun.Unevaluated(run), Is.Empty);
        }
    }

    [Test]
    public async Task A_saved_snapshot_re_evaluates_offline_to_the_same_verdicts()
    {
        var run = await ScenarioRun.ExecuteAsync(Scenario.Load("log-retention-7-days"));
        var reloaded = SnapshotJson.Deserialize(SnapshotJson.Serialize(run.Snapshot));

        var again = Evaluation.Run(reloaded, Policy.Default, run.Snapshot.FinishedAt);

        Assert.That(again.Select(r => (r.Control.Id, r.Verdict, r.Findings.Count)), Is.EqualTo(run.Results.Select(r => (r.Control.Id, r.Verdict, r.Findings.Count))));
    }

    [Test]
    public async Task Failure_messages_name_the_resource_the_observed_value_and_the_fix()
    {
        var run = await ScenarioRun.ExecuteAsync(Scenario.Load("log-retention-7-days"));

        var explanation = run.Results.Single(r => r.Control.Id == "LogGroupRetentionMeetsPolicy").Explain();

        Assert.That(explanation, Does.Contain("/ecs/healthcare-dev").And.Contain("7 days").And.Contain("Fix: Set retention_in_days"));
    }
}
