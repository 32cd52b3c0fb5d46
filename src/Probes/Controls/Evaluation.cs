using Verification.Probes.Collection;

namespace Verification.Probes.Controls;

/// <summary>One control's result in a run.</summary>
public sealed record ControlResult(Control Control, IReadOnlyList<Finding> Findings, ControlVerdict Verdict)
{
    /// <summary>One paragraph for a failure message: every non-passing finding, then the remediation.</summary>
    public string Explain()
    {
        var lines = Findings.Where(f => f.Status is FindingStatus.Fail or FindingStatus.Error)
            .Select(f => $"- [{f.Status}] {f.Message} Resource: {f.Resource}." + (f.Evidence.Count > 0 ? $" Observed: {string.Join(", ", f.Evidence.Select(e => $"{e.Key}={e.Value ?? "(absent)"}"))}." : ""));
        return $"{Control.Id} ({Control.Severity}): {Control.Title}.\n{string.Join("\n", lines)}\nFix: {Control.Remediation}";
    }
}

/// <summary>Evaluates every control over a snapshot: pure, so the same snapshot and time give the same verdicts.</summary>
public static class Evaluation
{
    public static IReadOnlyList<ControlResult> Run(StackSnapshot snapshot, Policy policy, DateTimeOffset observedAt, IEnumerable<Control>? controls = null)
    {
        var context = new EvaluationContext(snapshot, policy, observedAt);
        return [.. (controls ?? ControlCatalog.All).Select(control =>
        {
            IReadOnlyList<Finding> findings;
            try
            {
                findings = [.. control.Evaluate(context)];
            }
            catch (Exception e) when (e is InvalidOperationException or NullReferenceException or KeyNotFoundException or FormatException or ArgumentException)
            {
                // A control bug must not read as a pass: it becomes an Error naming the control.
                findings = [new Finding(control.Id, FindingStatus.Error, snapshot.Outputs.VpcId, snapshot.Region, $"Could not evaluate: control {control.Id} failed ({e.GetType().Name}: {e.Message}).", new Dictionary<string, string?>(), observedAt)];
            }

            return new ControlResult(control, findings, Gate.Verdict(control, findings, policy));
        })];
    }
}
