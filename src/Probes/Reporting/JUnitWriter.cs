using System.Globalization;
using System.Xml.Linq;
using Verification.Probes.Controls;

namespace Verification.Probes.Reporting;

/// <summary>
/// JUnit XML for CI: compliance.xml with one test case per control (per stack), resources.xml with one per finding
/// (control × resource), connectivity.xml with one per data-path check; failures carry resource, observed, expected and
/// remediation; could-not-evaluate is an error, not applicable is skipped.
/// </summary>
public static class JUnitWriter
{
    public const string ComplianceFile = "compliance.xml";
    public const string ConnectivityFile = "connectivity.xml";

    /// <summary>One test case per finding (control × resource), for CI views that list what failed where.</summary>
    public const string ResourcesFile = "resources.xml";

    /// <summary>Writes both files into <paramref name="folder"/> (created).</summary>
    public static void Write(EvidenceDocument evidence, string folder)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        Directory.CreateDirectory(folder);
        var multiStack = evidence.Stacks.Count > 1;
        var controls = evidence.Controls.GroupBy(c => (Account: AccountPrefix(evidence, c.Stack), c.Area)).Select(area => Suite(
            $"{area.Key.Account}Verification.Compliance.{Pascal(area.Key.Area)}",
            evidence,
            [.. area.Select(c => Case($"Verification.Compliance.{Pascal(c.Area)}", multiStack ? $"{c.Id}[stack {c.Stack + 1}]" : c.Id, c.Verdict, FailureText.For(c),
                c.Findings.FirstOrDefault(f => f.Status is FindingStatus.Fail or FindingStatus.Error)?.Message, NotApplicableReason(c)))]))
            .Concat(NotEvaluated(evidence));
        Save(Path.Combine(folder, ComplianceFile), controls, evidence);

        // One data-path suite per account (one suite, as before, when there is one account or no check at all).
        var prefixes = evidence.Connectivity.Select(c => AccountPrefix(evidence, c.Stack)).DefaultIfEmpty("").Distinct(StringComparer.Ordinal).ToList();
        var checks = prefixes.Select(prefix => Suite($"{prefix}Verification.Connectivity.DataPath", evidence,
            [.. evidence.Connectivity.Where(c => AccountPrefix(evidence, c.Stack) == prefix).Select(c => Case("Verification.Connectivity.DataPath",
                multiStack ? $"{c.Name}[stack {c.Stack + 1}]" : c.Name, c.Verdict, $"{c.Name} ({c.Severity}): {c.Title}.\n- [{c.Status}] {c.Message}\n  Target: {c.Target}\n  Observed: " +
                string.Join(", ", c.Evidence.Select(e => $"{e.Key}={e.Value}")) + $"\nRemediation: {c.Remediation}", c.Message, null))])).ToList();
        if (!evidence.ConnectivityInScope)
        {
            checks[0].Element("properties")!.Add(Property("scope", "not in scope for this run"));
        }

        Save(Path.Combine(folder, ConnectivityFile), checks, evidence);

        var resources = evidence.Controls.GroupBy(c => (Account: AccountPrefix(evidence, c.Stack), c.Id)).Select(control => Suite(
            $"{control.Key.Account}Verification.Resources.{control.Key.Id}",
            evidence,
            [.. control.SelectMany(c => c.Findings.Select(f => Finding(c, f, multiStack)))]));
        Save(Path.Combine(folder, ResourcesFile), resources, evidence);
    }

    /// <summary>A stack that was never collected has no control to fail: it is one error case of its own, so CI cannot read its absence as a pass.</summary>
    private static IEnumerable<XElement> NotEvaluated(EvidenceDocument evidence) => evidence.Stacks
        .Select((stack, index) => (Stack: stack, Index: index))
        .Where(s => s.Stack.NotEvaluated is not null)
        .GroupBy(s => AccountPrefix(evidence, s.Index))
        .Select(account => Suite($"{account.Key}Verification.Compliance.NotEvaluated", evidence,
            [.. account.Select(s => Case("Verification.Compliance.NotEvaluated", $"stack {s.Index + 1} ({Path.GetFileName(s.Stack.OutputsFile)})", ControlVerdict.CouldNotEvaluate,
                $"Stack {s.Index + 1} in account {s.Stack.Account} ({s.Stack.OutputsFile}) was not evaluated: {s.Stack.NotEvaluated}", s.Stack.NotEvaluated, null))]));

    private static XElement Finding(ControlEvidence control, Finding finding, bool multiStack)
    {
        var className = $"Verification.Resources.{control.Id}";
        var name = multiStack ? $"{finding.Resource}[stack {control.Stack + 1}]" : finding.Resource;
        var testCase = new XElement("testcase", new XAttribute("classname", className), new XAttribute("name", name), new XAttribute("time", "0"));
        var detail = $"[{finding.Status}] {finding.Message}\nObserved: {string.Join(", ", finding.Evidence.Select(e => $"{e.Key}={e.Value ?? "(absent)"}"))}\nRemediation: {control.Remediation}";
        switch (finding.Status)
        {
            case FindingStatus.Fail when control.Verdict == ControlVerdict.Failed:
                testCase.Add(new XElement("failure", new XAttribute("message", finding.Message), new XAttribute("type", "Failed"), detail));
                break;
            case FindingStatus.Error:
                testCase.Add(new XElement("error", new XAttribute("message", finding.Message), new XAttribute("type", "CouldNotEvaluate"), detail));
                break;
            case FindingStatus.NotApplicable:
                testCase.Add(new XElement("skipped", new XAttribute("message", finding.Message)));
                break;
            case FindingStatus.Fail or FindingStatus.Waived:
                // A failure below FailOn (a warning) or under a waiver in force is reported, and does not gate.
                testCase.Add(new XElement("system-out", detail));
                break;
        }

        return testCase;
    }

    private static XElement Suite(string name, EvidenceDocument evidence, List<XElement> cases) => new("testsuite",
        new XAttribute("name", name),
        new XAttribute("tests", cases.Count),
        new XAttribute("failures", cases.Count(c => c.Element("failure") is not null)),
        new XAttribute("errors", cases.Count(c => c.Element("error") is not null)),
        new XAttribute("skipped", cases.Count(c => c.Element("skipped") is not null)),
        new XAttribute("timestamp", evidence.Run.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
        new XAttribute("time", "0"),
        Properties(evidence),
        cases);

    /// <summary>The policy deviations first, so a CI view of any suite shows that the run did not use the shipped policy.</summary>
    private static XElement Properties(EvidenceDocument evidence) => new("properties",
        Property("policy.deviations", evidence.PolicyDeviations.Count == 0 ? "none: shipped defaults" : evidence.PolicyDeviations.Count.ToString(CultureInfo.InvariantCulture)),
        evidence.PolicyDeviations.Select((d, i) => Property($"policy.deviation.{i + 1}", $"{d.Setting}: shipped {d.Shipped}, used {d.Used}; {d.Effect}")));

    private static XElement Property(string name, string value) => new("property", new XAttribute("name", name), new XAttribute("value", value));

    private static XElement Case(string className, string name, ControlVerdict verdict, string detail, string? message, string? skipped)
    {
        var testCase = new XElement("testcase", new XAttribute("classname", className), new XAttribute("name", $"{className}.{name}"), new XAttribute("time", "0"));
        switch (TestOutcomes.Of(verdict))
        {
            case TestOutcome.Failed:
                testCase.Add(new XElement("failure", new XAttribute("message", message ?? "failed"), new XAttribute("type", "Failed"), detail));
                break;
            case TestOutcome.Error:
                testCase.Add(new XElement("error", new XAttribute("message", message ?? "could not evaluate"), new XAttribute("type", "CouldNotEvaluate"), detail));
                break;
            case TestOutcome.Skipped:
                testCase.Add(new XElement("skipped", new XAttribute("message", skipped ?? "not applicable")));
                break;
            case TestOutcome.PassedWithNote:
                testCase.Add(new XElement("system-out", $"{verdict}: {detail}"));
                break;
        }

        return testCase;
    }

    private static string? NotApplicableReason(ControlEvidence control) =>
        control.Verdict == ControlVerdict.NotApplicable ? "Not applicable: " + string.Join(" ", control.Findings.Select(f => f.Message).Distinct()) : null;

    private static void Save(string path, IEnumerable<XElement> suites, EvidenceDocument evidence)
    {
        var list = suites.ToList();
        var root = new XElement("testsuites",
            new XAttribute("name", $"verify {evidence.Run.Mode}"),
            new XAttribute("tests", list.Sum(s => (int)s.Attribute("tests")!)),
            new XAttribute("failures", list.Sum(s => (int)s.Attribute("failures")!)),
            new XAttribute("errors", list.Sum(s => (int)s.Attribute("errors")!)),
            list);
        new XDocument(new XDeclaration("1.0", "utf-8", null), root).Save(path);
    }

    /// <summary>"prod / " when the report groups by account, so CI views list each account's suites together; else nothing.</summary>
    private static string AccountPrefix(EvidenceDocument evidence, int stack) => evidence.GroupsByAccount() ? $"{evidence.AccountOf(stack)} / " : "";

    private static string Pascal(string area) => string.Concat(area.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
}
