using NUnit.Framework;
using Verification.Probes.Controls;
using Verification.Sandbox;

namespace Verification.Probes.Tests.Robustness;

/// <summary>A missing permission turns exactly the controls that need it into Errors naming the action; the rest evaluate as before.</summary>
public sealed class AccessDeniedTests
{
    [Test]
    public async Task Without_elasticache_DescribeReplicationGroups_the_cache_controls_need_it_and_the_gate_fails_closed()
    {
        var clean = await SandboxRun.Clean;
        var denied = new HashSet<string> { "elasticache:DescribeReplicationGroups" };

        var run = await SandboxRun.ExecuteAsync(Scenario.Load("compliant-rds"), new SandboxOptions { DeniedActions = denied });

        var changed = SandboxRun.Changed(clean.Single, run.Single);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(changed, Is.Not.Empty);
            Assert.That(changed.Select(r => r.Verdict), Is.All.EqualTo(ControlVerdict.CouldNotEvaluate));
            Assert.That(changed.Select(r => r.Explain()), Is.All.Contain("needs elasticache:DescribeReplicationGroups"));
            Assert.That(changed.Select(r => r.Control.Service), Does.Contain("ElastiCache"));
            Assert.That(run.Single.Outcome, Is.EqualTo(RunOutcome.CouldNotEvaluate));
        }
    }

    private static IEnumerable<TestCaseData> EveryActionOfAFullRun() =>
        SandboxRun.Clean.GetAwaiter().GetResult().ActionsCalled.Distinct().Order(StringComparer.Ordinal)
            .Select(action => new TestCaseData(action).SetName($"Denying_{action.Replace(':', '_')}_errors_only_the_controls_that_need_it"));

    [TestCaseSource(nameof(EveryActionOfAFullRun))]
    public async Task Denying_one_action_errors_only_the_controls_that_need_it_and_names_the_action(string action)
    {
        var clean = await SandboxRun.Clean;

        var run = await SandboxRun.ExecuteAsync(Scenario.Load("compliant-rds"), new SandboxOptions { DeniedActions = new HashSet<string> { action } });

        var changed = SandboxRun.Changed(clean.Single, run.Single);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(changed.Select(r => r.Verdict), Is.All.EqualTo(ControlVerdict.CouldNotEvaluate));
            Assert.That(changed.Select(r => r.Explain()), Is.All.Contain($"needs {action}"));
            Assert.That(run.Single.Results.Select(r => r.Verdict), Has.None.EqualTo(ControlVerdict.Failed));
        }
    }
}
