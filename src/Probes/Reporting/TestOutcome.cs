using Verification.Probes.Controls;

namespace Verification.Probes.Reporting;

/// <summary>What a test runner shows for a verdict: the one mapping behind NUnit, JUnit and Allure (the README's gate table).</summary>
public enum TestOutcome
{
    Passed,

    /// <summary>Passed, with a warning or a waiver shown beside it.</summary>
    PassedWithNote,

    Failed,

    /// <summary>Could not evaluate: a failure in NUnit, an error in JUnit, broken in Allure.</summary>
    Error,

    /// <summary>Not applicable (or not in scope), with the reason.</summary>
    Skipped,
}

/// <summary>The verdict → test outcome mapping.</summary>
public static class TestOutcomes
{
    public static TestOutcome Of(ControlVerdict verdict) => verdict switch
    {
        ControlVerdict.Passed => TestOutcome.Passed,
        ControlVerdict.Warning or ControlVerdict.Waived => TestOutcome.PassedWithNote,
        ControlVerdict.Failed => TestOutcome.Failed,
        ControlVerdict.NotApplicable => TestOutcome.Skipped,

        // CouldNotEvaluate, and any verdict a later version adds: fail closed.
        _ => TestOutcome.Error,
    };
}
