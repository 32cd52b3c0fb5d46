using NUnit.Framework;
using Verification.Probes.Controls;
using Verification.Probes.Controls.Encryption;
using Verification.Probes.Controls.ServiceConnect;

namespace Verification.Probes.Tests.Controls;

public sealed class GateTests
{
    private static readonly Control Critical = new RdsStorageEncryptedWithStackKey();
    private static readonly Control Medium = new EcsServiceConnectEnabled();

    private static Finding Finding(FindingStatus status) =>
        new("X", status, "arn:aws:rds:us-east-1:123456789012:db:x", "us-east-1", "A finding.", new Dictionary<string, string?>(), DateTimeOffset.UnixEpoch);

    [TestCase(FindingStatus.Pass, ExpectedResult = ControlVerdict.Passed)]
    [TestCase(FindingStatus.Fail, ExpectedResult = ControlVerdict.Failed)]
    [TestCase(FindingStatus.Error, ExpectedResult = ControlVerdict.CouldNotEvaluate)]
    [TestCase(FindingStatus.NotApplicable, ExpectedResult = ControlVerdict.NotApplicable)]
    public ControlVerdict A_critical_control_maps_each_finding_status_to_its_verdict(FindingStatus status) =>
        Gate.Verdict(Critical, [Finding(status)], Policy.Default);

    [Test]
    public void A_failure_below_FailOn_is_a_warning_that_does_not_gate()
    {
        var verdict = Gate.Verdict(Medium, [Finding(FindingStatus.Fail)], Policy.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(verdict, Is.EqualTo(ControlVerdict.Warning));
            Assert.That(Gate.Outcome([verdict]), Is.EqualTo(RunOutcome.Compliant));
        }
    }

    [Test]
    public void A_failure_below_FailOn_gates_when_the_policy_lowers_FailOn()
    {
        var verdict = Gate.Verdict(Medium, [Finding(FindingStatus.Fail)], Policy.Default with { FailOn = Severity.Medium });

        Assert.That(verdict, Is.EqualTo(ControlVerdict.Failed));
    }

    [Test]
    public void An_error_is_never_hidden_by_passing_resources()
    {
        var verdict = Gate.Verdict(Critical, [Finding(FindingStatus.Pass), Finding(FindingStatus.Error)], Policy.Default);

        Assert.That(verdict, Is.EqualTo(ControlVerdict.CouldNotEvaluate));
    }

    [Test]
    public void Zero_findings_is_an_error_never_a_pass()
    {
        var verdict = Gate.Verdict(Critical, [], Policy.Default);

        Assert.That(verdict, Is.EqualTo(ControlVerdict.CouldNotEvaluate));
    }

    [TestCase(new[] { ControlVerdict.Passed, ControlVerdict.Warning }, ExpectedResult = RunOutcome.Compliant)]
    [TestCase(new[] { ControlVerdict.Passed, ControlVerdict.CouldNotEvaluate }, ExpectedResult = RunOutcome.CouldNotEvaluate)]
    [TestCase(new[] { ControlVerdict.CouldNotEvaluate, ControlVerdict.Failed }, ExpectedResult = RunOutcome.NonCompliant)]
    public RunOutcome The_run_outcome_puts_gating_failures_before_errors(ControlVerdict[] verdicts) => Gate.Outcome(verdicts);

    [TestCase(RunOutcome.Compliant, ExpectedResult = 0)]
    [TestCase(RunOutcome.NonCompliant, ExpectedResult = 1)]
    [TestCase(RunOutcome.CouldNotEvaluate, ExpectedResult = 2)]
    public int Exit_codes_distinguish_failure_from_could_not_evaluate(RunOutcome outcome) => Gate.ExitCode(outcome);
}
