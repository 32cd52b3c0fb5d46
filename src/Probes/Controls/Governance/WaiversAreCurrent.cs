namespace Verification.Probes.Controls.Governance;

/// <summary>Every waiver in force is still within its expiry date.</summary>
public sealed class WaiversAreCurrent : Control
{
    public override string Title => "Every waiver in force is within its expiry date";
    public override string Area => "Governance";
    public override string Service => "Verification";
    public override Severity Severity => Severity.High;
    public override string Risk => "An expired waiver hides a failure nobody re-approved; accepted risks must be reviewed periodically.";
    public override string Remediation => "Fix the waived finding, or have the approver renew the waiver with a new expiry date in the waivers file.";
    public override IReadOnlyList<string> Hipaa => ["164.308(a)(1)(ii)(B)", "164.308(a)(8)"];

    protected override IEnumerable<Finding> Decide(EvaluationContext context)
    {
        var waivers = context.Policy.Waivers;
        if (waivers.Count == 0)
        {
            return [NotApplicable(context, "waivers", "No waivers are in force for this run.")];
        }

        return waivers.Select(w =>
        {
            var evidence = Evidence.Of(("control", w.Control), ("resource", w.Resource), ("expires", w.Expires.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), ("approver", w.Approver));
            return w.IsExpired(context.ObservedAt)
                ? Fail(context, $"waiver:{w.Control}:{w.Resource}", $"The waiver for {w.Control} on {w.Resource} expired on {w.Expires:yyyy-MM-dd} and no longer covers its failures.", evidence)
                : Pass(context, $"waiver:{w.Control}:{w.Resource}", $"The waiver for {w.Control} on {w.Resource} holds until {w.Expires:yyyy-MM-dd}.", evidence);
        }).ToList();
    }
}
