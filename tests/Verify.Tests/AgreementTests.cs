using System.Diagnostics;
using System.Text.Json;
using System.Xml.Linq;
using Verification.Probes.Controls;
using Verification.Probes.Reporting;
using Verification.Sandbox;

namespace Verification.Verify.Tests;

/// <summary>
/// One engine, one verdict: for every sandbox scenario, verify's exit code, evidence.json, JUnit and Allure say the
/// same thing control by control, and for a compliant, a failing and an unevaluable stack so do the NUnit suites.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public sealed class AgreementTests
{
    public static IEnumerable<TestCaseData> Scenarios() => Scenario.Shipped().Select(s => new TestCaseData(s).SetName($"Every_report_agrees_on_{s}"));

    [TestCaseSource(nameof(Scenarios))]
    public async Task Every_report_agrees(string scenario)
    {
        var run = await VerifyProcess.RunAsync("--mode", "sandbox", "--scenario", scenario, "--connectivity", "off", "--no-allure", "--out", VerifyProcess.NewOut($"agree-{scenario}"));

        var evidence = ReportJson.Load<EvidenceDocument>(Path.Combine(run.Evidence, "evidence.json"));
        var junit = JUnitOutcomes(Path.Combine(run.Out, "junit", JUnitWriter.ComplianceFile));
        var allure = AllureStatuses(Path.Combine(run.Out, "allure-results"));
        var resources = XDocument.Load(Path.Combine(run.Out, "junit", JUnitWriter.ResourcesFile)).Descendants("testcase").ToList();
        var failedByResource = resources.Where(c => c.Element("failure") is not null).Select(c => ((string)c.Attribute("classname")!).Split('.')[^1]).ToHashSet(StringComparer.Ordinal);
        var expected = evidence.Controls.ToDictionary(c => c.Id, c => TestOutcomes.Of(c.Verdict), StringComparer.Ordinal);
        var outcome = Gate.Outcome(evidence.Controls.Select(c => c.Verdict), evidence.Run.Errors.Count > 0);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(evidence.Controls.Select(c => c.Id), Is.EquivalentTo(ControlCatalog.All.Select(c => c.Id)), run.Output);
            Assert.That(run.ExitCode, Is.EqualTo(evidence.Run.ExitCode), run.Output);
            Assert.That(evidence.Run.ExitCode, Is.EqualTo(Gate.ExitCode(outcome)));
            Assert.That(junit, Is.EquivalentTo(expected), "JUnit");
            Assert.That(allure, Is.EquivalentTo(expected.ToDictionary(e => e.Key, e => AllureStatus(e.Value), StringComparer.Ordinal)), "Allure");
            Assert.That(resources, Has.Count.EqualTo(evidence.Controls.Sum(c => c.Findings.Count)), "JUnit resources: one case per finding");
            Assert.That(failedByResource, Is.EquivalentTo(evidence.Controls.Where(c => c.Verdict == ControlVerdict.Failed).Select(c => c.Id)), "JUnit resources: failures");
        }
    }

    private static IEnumerable<TestCaseData> NUnitScenarios() =>
    [
        new TestCaseData("compliant-rds").SetName("NUnit_agrees_with_verify_on_a_compliant_stack"),
        new TestCaseData("log-retention-7-days").SetName("NUnit_agrees_with_verify_on_a_failing_stack"),
        new TestCaseData("rds-public").SetName("NUnit_agrees_with_verify_on_a_publicly_accessible_database"),
    ];

    [TestCaseSource(nameof(NUnitScenarios))]
    public async Task NUnit_agrees_with_verify(string scenario)
    {
        var run = await VerifyProcess.RunAsync("--mode", "sandbox", "--scenario", scenario, "--connectivity", "off", "--no-allure", "--out", VerifyProcess.NewOut($"agree-nunit-{scenario}"));
        var evidence = ReportJson.Load<EvidenceDocument>(Path.Combine(run.Evidence, "evidence.json"));
        var trx = await ComplianceTrxAsync(scenario);

        var expected = evidence.Controls.ToDictionary(c => c.Id, c => TrxOutcome(TestOutcomes.Of(c.Verdict)), StringComparer.Ordinal);

        Assert.That(trx, Is.EquivalentTo(expected));
    }

    private static Dictionary<string, TestOutcome> JUnitOutcomes(string path) =>
        XDocument.Load(path).Descendants("testcase").ToDictionary(
            c => ((string)c.Attribute("name")!).Split('.')[^1],
            c => c.Element("failure") is not null ? TestOutcome.Failed
                : c.Element("error") is not null ? TestOutcome.Error
                : c.Element("skipped") is not null ? TestOutcome.Skipped
                : ((string?)c.Element("system-out"))?.Length > 0 ? TestOutcome.PassedWithNote
                : TestOutcome.Passed,
            StringComparer.Ordinal);

    private static Dictionary<string, string> AllureStatuses(string folder) =>
        Directory.EnumerateFiles(folder, "*-result.json")
            .Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement)
            .Where(r => r.GetProperty("labels").EnumerateArray().Any(l => l.GetProperty("name").GetString() == "parentSuite" && l.GetProperty("value").GetString() == "Compliance"))
            .ToDictionary(
                r => r.GetProperty("labels").EnumerateArray().First(l => l.GetProperty("name").GetString() == "story").GetProperty("value").GetString()!,
                r => r.GetProperty("status").GetString()!,
                StringComparer.Ordinal);

    private static string AllureStatus(TestOutcome outcome) => outcome switch
    {
        TestOutcome.Failed => "failed",
        TestOutcome.Error => "broken",
        TestOutcome.Skipped => "skipped",
        _ => "passed",
    };

    private static string TrxOutcome(TestOutcome outcome) => outcome switch
    {
        TestOutcome.Failed or TestOutcome.Error => "Failed",
        TestOutcome.Skipped => "NotExecuted",
        _ => "Passed",
    };

    /// <summary>Runs the Compliance suite on <paramref name="scenario"/> as a team using dotnet test would, and reads each control's TRX outcome.</summary>
    private static async Task<Dictionary<string, string>> ComplianceTrxAsync(string scenario)
    {
        var results = VerifyProcess.NewOut($"trx-{scenario}");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = VerifyProcess.Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "test", "tests/Compliance", "--no-build", "--settings", "runsettings/sandbox.runsettings", "--results-directory", results, "--logger", "trx;LogFileName=compliance.trx" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["VERIFY_SANDBOX_SCENARIO"] = scenario;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);
        var trx = Path.Combine(results, "compliance.trx");
        Assert.That(File.Exists(trx), Is.True, $"dotnet test wrote no TRX:\n{await output}\n{await error}");
        XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
        return XDocument.Load(trx).Descendants(ns + "UnitTestResult")
            .Where(r => ControlCatalog.All.Any(c => c.Id == (string)r.Attribute("testName")!))
            .ToDictionary(r => (string)r.Attribute("testName")!, r => (string)r.Attribute("outcome")!, StringComparer.Ordinal);
    }
}
