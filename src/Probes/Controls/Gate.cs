namespace Verification.Probes.Controls;

/// <summary>What one control's findings mean for the gate.</summary>
public enum ControlVerdict
{
    /// <summary>Every applicable resource passed.</summary>
    Passed,

    /// <summary>A resource failed and the control's severity gates the run.</summary>
    Failed,

    /// <summary>A resource failed but the severity is below the policy's FailOn: reported, does not gate.</summary>
    Warning,

    /// <summary>At least one resource could not be evaluated: gates the run (fail closed).</summary>
    CouldNotEvaluate,

    /// <summary>The control does not apply to this stack, for the stated reason.</summary>
    NotApplicable,

    /// <summary>Every failure is covered by a current waiver: reported, does not gate.</summary>
    Waived,
}

/// <summary>The outcome of a whole run, in the order the gate reports it.</summary>
public enum RunOutcome
{
    Compliant,
    NonCompliant,
    CouldNotEvaluate,
}

/// <summary>
/// The one mapping from findings to verdicts (the README's gate table):
/// a gating Fail fails the control; any Error makes it could-not-evaluate unless a gating Fail already decided it;
/// a Fail below FailOn is a warning; only NotApplicable findings make it not applicable; waived failures make it waived; otherwise it passed.
/// The run is non-compliant on any gating Fail, else could-not-evaluate on any Error, else compliant.
/// </summary>
public static class Gate
{
    public static ControlVerdict Verdict(Control control, IReadOnlyCollection<Finding> findings, Policy policy)
    {
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(findings);
        return Verdict(control.Severity, [.. findings.Select(f => f.Status)], policy);
    }

    /// <summary>The verdict of any check (a control or a data-path check) of <paramref name="severity"/> whose findings have these statuses.</summary>
    public static ControlVerdict Verdict(Severity severity, IReadOnlyCollection<FindingStatus> statuses, Policy policy)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        ArgumentNullException.ThrowIfNull(policy);
        var gates = severity >= policy.FailOn;
        if (statuses.Contains(FindingStatus.Fail) && gates)
        {
            return ControlVerdict.Failed;
        }

        // A check that found nothing proved nothing: zero findings is an Error, never a vacuous pass.
        if (statuses.Count == 0 || statuses.Contains(FindingStatus.Error))
        {
            return ControlVerdict.CouldNotEvaluate;
        }

        if (statuses.Contains(FindingStatus.Fail))
        {
            return ControlVerdict.Warning;
        }

        if (statuses.All(s => s == FindingStatus.NotApplicable))
        {
            return ControlVerdict.NotApplicable;
        }

        return statuses.Contains(FindingStatus.Waived) ? ControlVerdict.Waived : ControlVerdict.Passed;
    }

    /// <summary>Non-compliant on any gating failure, else could-not-evaluate on any error (<paramref name="runErrors"/>: something outside the checks failed), else compliant.</summary>
    public static RunOutcome Outcome(IEnumerable<ControlVerdict> verdicts, bool runErrors = false)
    {
        var all = verdicts.ToList();
        return all.Contains(ControlVerdict.Failed) ? RunOutcome.NonCompliant
            : runErrors || all.Contains(ControlVerdict.CouldNotEvaluate) ? RunOutcome.CouldNotEvaluate
            : RunOutcome.Compliant;
    }

    /// <summary>The process exit code for a run outcome: 0 compliant, 1 non-compliant, 2 could not evaluate.</summary>
    public static int ExitCode(RunOutcome outcome) => outcome switch
    {
        RunOutcome.Compliant => 0,
        RunOutcome.NonCompliant => 1,
        _ => 2,
    };
}
