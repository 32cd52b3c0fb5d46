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

            findings = [.. findings.Select(f => Waive(f, policy, observedAt))];
            return new ControlResult(control, findings, Gate.Verdict(control, findings, policy));
        })];
    }

    /// <summary>A failure covered by a current waiver becomes Waived, carrying who accepted it and until when.</summary>
    private static Finding Waive(Finding finding, Policy policy, DateTimeOffset observedAt)
    {
        if (finding.Status != FindingStatus.Fail || policy.Waivers.FirstOrDefault(w => w.Covers(finding) && !w.IsExpired(observedAt)) is not { } waiver)
        {
            return finding;
        }

        var evidence = new SortedDictionary<string, string?>(finding.Evidence.ToDictionary(e => e.Key, e => e.Value), StringComparer.Ordinal)
        {
            ["waiver.justification"] = waiver.Justification,
            ["waiver.approver"] = waiver.Approver,
            ["waiver.expires"] = waiver.Expires.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        };
        return finding with { Status = FindingStatus.Waived, Message = $"{finding.Message} Waived until {waiver.Expires:yyyy-MM-dd} by {waiver.Approver}: {waiver.Justification}", Evidence = evidence };
    }
}
