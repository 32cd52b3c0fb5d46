using System.Text;
using Verification.Probes.Controls;

namespace Verification.Probes.Reporting;

/// <summary>
/// The failure message CI shows for a control (TRX, JUnit, Allure): for each failing resource, what was observed,
/// what was expected, and how to fix it, so the reader needs no other report.
/// </summary>
public static class FailureText
{
    // Evidence keys that state the requirement rather than an observation (policyMinimumDays, expectedKey, ...).
    private static readonly string[] ExpectationPrefixes = ["policy", "expected", "required", "stack"];

    public static string For(string id, Severity severity, string title, string remediation, IEnumerable<Finding> findings)
    {
        var text = new StringBuilder().Append(id).Append(" (").Append(severity).Append("): ").Append(title).Append('.').Append('\n');
        foreach (var finding in findings.Where(f => f.Status is FindingStatus.Fail or FindingStatus.Error))
        {
            var observed = finding.Evidence.Where(e => !IsExpectation(e.Key)).Select(Pair).ToList();
            var expected = finding.Evidence.Where(e => IsExpectation(e.Key)).Select(Pair).ToList();
            text.Append("- [").Append(finding.Status).Append("] ").Append(finding.Message).Append('\n')
                .Append("  Resource: ").Append(finding.Resource).Append(" (").Append(finding.Region).Append(")\n")
                .Append("  Observed: ").Append(observed.Count > 0 ? string.Join(", ", observed) : "(no value: see the sentence above)").Append('\n')
                .Append("  Expected: ").Append(title).Append(expected.Count > 0 ? $" ({string.Join(", ", expected)})" : "").Append('\n');
        }

        return text.Append("Remediation: ").Append(remediation).ToString();
    }

    public static string For(ControlResult result) =>
        For(result.Control.Id, result.Control.Severity, result.Control.Title, result.Control.Remediation, result.Findings);

    public static string For(ControlEvidence control) =>
        For(control.Id, control.Severity, control.Title, control.Remediation, control.Findings);

    private static bool IsExpectation(string key) => ExpectationPrefixes.Any(p => key.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    private static string Pair(KeyValuePair<string, string?> e) => $"{e.Key}={e.Value ?? "(absent)"}";
}
