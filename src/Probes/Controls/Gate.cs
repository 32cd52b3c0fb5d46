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
/// no finding at all is could-not-evaluate; a Fail below FailOn is a warning; only NotApplicable findings make it not applicable; waived failures make it waived; otherwise it passed.
/// The run is non-compliant on any gating Fail, else could-not-evaluate on any Error, else compliant.
/// </summary>
public static class Gate
{
    public static ControlVerdict Verdict(Control control, IReadOnlyCollection<Finding> findings, Policy policy)
    {
        // A control that produced no finding at all checked nothing: fail closed rather than pass vacuously.
        if (findings.Count == 0)
        {
            return ControlVerdict.CouldNotEvaluate;
        }

        var gates = control.Severity >= policy.FailOn;
        if (findings.Any(f => f.Status == FindingStatus.Fail) && gates)
        {
            return ControlVerdict.Failed;
        }

        if (findings.Any(f => f.Status == FindingStatus.Error))
        {
            return ControlVerdict.CouldNotEvaluate;
        }

        if (findings.Any(f => f.Status == FindingStatus.Fail))
        {
            return ControlVerdict.Warning;
        }

        if (findings.All(f => f.Status == FindingStatus.NotApplicable))
        {
            return ControlVerdict.NotApplicable;
        }

        return findings.Any(f => f.Status == FindingStatus.Waived) ? ControlVerdict.Waived : ControlVerdict.Passed;
    }

    public static RunOutcome Outcome(IEnumerable<ControlVerdict> verdicts)
    {
        var all = verdicts.ToList();
        return all.Contains(ControlVerdict.Failed) ? RunOutcome.NonCompliant
            : all.Contains(ControlVerdict.CouldNotEvaluate) ? RunOutcome.CouldNotEvaluate
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
