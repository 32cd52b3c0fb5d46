using System.Reflection;
using NUnit.Framework;
using Verification.Probes.Controls;
using Verification.Probes.Controls.Governance;
using Verification.Probes.Tests.Controls;
using Verification.Sandbox;

namespace Verification.Probes.Tests.Scenarios;

/// <summary>Every control in the catalogue is seen to fail somewhere: a control that never fails proves nothing.</summary>
public sealed class ControlCoverageTests
{
    /// <summary>The controls no sandbox scenario can fail, each with the unit test that fails it instead.</summary>
    private static readonly Dictionary<string, (Type Fixture, string Test)> FailedOnlyByUnitTests = new(StringComparer.Ordinal)
    {
        // A waiver is a setting of the run, not a property of the deployed stack, so no scenario can carry an expired one.
        [nameof(WaiversAreCurrent)] = (typeof(WaiverTests), nameof(WaiverTests.An_expired_waiver_covers_nothing_and_fails_the_gate_naming_itself)),

        // Scenarios run under the shipped policy, where StateBucketRequiresStackKey is off and the control does not apply.
        [nameof(Verification.Probes.Controls.StateBucket.StateBucketEncryptedWithStackKey)] = (typeof(StateBucketTests), nameof(StateBucketTests.A_bucket_required_to_use_the_stack_key_passes_only_with_it)),
    };

    [Test]
    public async Task Every_control_fails_in_at_least_one_scenario()
    {
        var failing = new HashSet<string>(StringComparer.Ordinal);
        var runs = Scenario.Shipped().Select(name => ScenarioRun.ExecuteAsync(Scenario.Load(name))).ToList();

        foreach (var run in await Task.WhenAll(runs))
        {
            failing.UnionWith(ScenarioRun.Failing(run));
        }

        Assert.That(ControlCatalog.All.Select(c => c.Id).Where(id => !failing.Contains(id)), Is.EquivalentTo(FailedOnlyByUnitTests.Keys),
            "controls no scenario fails must be exactly those listed with the unit test that fails them");
    }

    [Test]
    public void Controls_failed_only_by_unit_tests_name_catalogue_controls_and_existing_tests()
    {
        var tests = FailedOnlyByUnitTests.Values.Select(t => t.Fixture.GetMethod(t.Test, BindingFlags.Public | BindingFlags.Instance));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(FailedOnlyByUnitTests.Keys, Is.SubsetOf(ControlCatalog.All.Select(c => c.Id)));
            Assert.That(tests, Has.All.Matches<MethodInfo?>(m => m?.GetCustomAttributes<TestAttribute>().Any() == true || m?.GetCustomAttributes<TestCaseAttribute>().Any() == true));
        }
    }
}
