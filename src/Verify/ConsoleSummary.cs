using Verification.Probes.Controls;
using Verification.Probes.Reporting;

namespace Verification.Verify;

/// <summary>The few lines a CI log shows: the outcome and exit code, then every failure and error with what to do.</summary>
internal static class ConsoleSummary
{
    public static void Print(EvidenceDocument evidence, WrittenReports reports, TimeSpan elapsed)
    {
        var c = evidence.Counts;
        var outcome = Outcome(evidence.Run.Outcome);
        var dataPath = evidence.ConnectivityInScope
            ? $"; data path {c.ConnectivityPassed} passed, {c.ConnectivityFailed} failed, {c.ConnectivityErrors} errors"
            : "; data path not in scope for this run";
        Console.WriteLine();
        if (evidence.PolicyDeviations.Count > 0)
        {
            Console.WriteLine($"POLICY DEVIATIONS ({evidence.PolicyDeviations.Count}): this run did not use the shipped policy.");
            foreach (var d in evidence.PolicyDeviations)
            {
                Console.WriteLine($"  - {d.Setting}: shipped {d.Shipped}, used {d.Used}; {d.Effect}");
            }
        }

        Console.WriteLine($"{outcome} (exit {evidence.Run.ExitCode}) in {elapsed.TotalSeconds:0.0} s — {c.Total} controls: {c.Passed} passed, {c.Failed} failed, {c.Warning} warnings, " +
            $"{c.CouldNotEvaluate} could not evaluate, {c.NotApplicable} not applicable" + (c.Waived > 0 ? $", {c.Waived} waived" : "") +
            (evidence.Stacks.Count(st => st.NotEvaluated is not null) is > 0 and var unreached ? $"; {unreached} stack{(unreached == 1 ? "" : "s")} not evaluated" : "") + dataPath);
        PrintAccounts(evidence);
        var many = evidence.Accounts.Count > 1;
        string Where(int stack) => many && stack < evidence.Stacks.Count ? $"[{evidence.Stacks[stack].Account}] " : "";
        var failures = evidence.Controls.Where(x => x.Verdict == ControlVerdict.Failed).Select(x => $"{Where(x.Stack)}{x.Id}: {x.Findings.FirstOrDefault(f => f.Status == FindingStatus.Fail)?.Message}")
            .Concat(evidence.Connectivity.Where(x => x.Verdict == ControlVerdict.Failed).Select(x => $"{Where(x.Stack)}data path {x.Name}: {FirstLine(x.Message)}")).ToList();
        var errors = evidence.Run.Errors
            .Concat(evidence.Controls.Where(x => x.Verdict == ControlVerdict.CouldNotEvaluate).Select(x => $"{Where(x.Stack)}{x.Id}: {x.Findings.FirstOrDefault(f => f.Status == FindingStatus.Error)?.Message ?? "no finding"}"))
            .Concat(evidence.Connectivity.Where(x => x.Verdict == ControlVerdict.CouldNotEvaluate).Select(x => $"{Where(x.Stack)}data path {x.Name}: {FirstLine(x.Message)}")).ToList();
        Print("Failures", failures);

        // A run that could not start makes every control "could not evaluate" for the same reason: say it once.
        Print("Could not evaluate", evidence.Run.Errors.Count > 0 && evidence.Controls.Count == 0 ? [.. evidence.Run.Errors] : errors);
        Print("Scope incomplete", [.. evidence.Stacks.SelectMany(st => st.ScopeGaps.Select(g => $"{st.OutputsFile}: {g}"))]);
        Print("Warnings", [.. evidence.Controls.Where(x => x.Verdict == ControlVerdict.Warning).Select(x => x.Id)]);
        if (evidence.Drift is { } drift)
        {
            Console.WriteLine(drift.IsEmpty
                ? "Drift: nothing changed since the previous run."
                : $"Drift: {drift.NewFailures.Count} new failures, {drift.FixedFailures.Count} fixed, {drift.ChangedValues.Count} changed values, " +
                  $"{drift.ResourcesAdded.Count} resources added, {drift.ResourcesGone.Count} gone ({string.Join(", ", drift.ChangedControls)}).");
        }

        Console.WriteLine("Reports:");
        Console.WriteLine($"  JUnit    {reports.Junit}");
        Console.WriteLine($"  Evidence {reports.Bundle} (+ {Path.GetFileName(reports.Zip)}){(evidence.Signature.KmsKeyArn is { } kms ? $", signed by KMS key {kms}" : evidence.Signature.Signed ? ", signed" : ", UNSIGNED")}");
        Console.WriteLine($"  HTML     {Path.Combine(reports.Bundle, EvidenceBundle.HtmlFile)}");
        Console.WriteLine($"  Allure   {reports.AllureReport ?? reports.AllureResults}");
    }

    /// <summary>One line per account when the run reached into several (or assumed a role): its outcome, or why it could not be evaluated.</summary>
    private static void PrintAccounts(EvidenceDocument evidence)
    {
        if (evidence.Accounts.Count <= 1 && evidence.Accounts.All(a => a.RoleArn is null))
        {
            return;
        }

        Console.WriteLine($"Accounts ({evidence.Accounts.Count}){(evidence.Run.BaseCallerArn is { } caller ? $", roles assumed from {caller}" : "")}:");
        foreach (var account in evidence.Accounts)
        {
            var controls = evidence.Controls.Where(c => account.Stacks.Contains(c.Stack)).ToList();
            // The full reason is listed under "Could not evaluate"; the account line keeps to one line.
            var detail = account.Error is { } error ? $"{error.Split(" (", 2)[0]} (see below)" : $"{account.Stacks.Count} stack{(account.Stacks.Count == 1 ? "" : "s")}, {controls.Count} controls: " +
                $"{controls.Count(c => c.Verdict == ControlVerdict.Passed)} passed, {controls.Count(c => c.Verdict == ControlVerdict.Failed)} failed, " +
                $"{controls.Count(c => c.Verdict == ControlVerdict.CouldNotEvaluate)} could not evaluate";
            Console.WriteLine($"  {account.Name,-12} {account.AccountId ?? "?",-12}  {Outcome(account.Outcome),-18} {detail}");
        }
    }

    public static string Outcome(RunOutcome outcome) => outcome switch
    {
        RunOutcome.Compliant => "COMPLIANT",
        RunOutcome.NonCompliant => "NON-COMPLIANT",
        _ => "COULD NOT EVALUATE",
    };

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    private static void Print(string title, List<string> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }

        Console.WriteLine($"{title}:");
        foreach (var line in lines)
        {
            Console.WriteLine($"  - {line}");
        }
    }
}
