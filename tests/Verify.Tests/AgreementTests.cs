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

    [Test]
    public async Task Every_report_agrees_on_the_three_account_organisation()
    {
        var run = await VerifyProcess.RunAsync("--mode", "sandbox", "--inventory", OrganisationInventory, "--no-allure", "--out", VerifyProcess.NewOut("agree-organisation"));
        var evidence = ReportJson.Load<EvidenceDocument>(Path.Combine(run.Evidence, "evidence.json"));

        // Account and control (or "NotEvaluated" for a stack never collected) → outcome, as each view states it.
        var expected = evidence.Controls.ToDictionary(c => (evidence.Stacks[c.Stack].Account, c.Id), c => TestOutcomes.Of(c.Verdict));
        foreach (var stack in evidence.Stacks.Where(s => s.NotEvaluated is not null))
        {
            expected[(stack.Account, "NotEvaluated")] = TestOutcome.Error;
        }

        var junit = XDocument.Load(Path.Combine(run.Out, "junit", JUnitWriter.ComplianceFile)).Descendants("testsuite").SelectMany(suite => suite.Elements("testcase").Select(c => (
            Key: (((string)suite.Attribute("name")!).Split(" / ")[0], ControlOf((string)c.Attribute("classname")!, (string)c.Attribute("name")!)),
            Outcome: JUnitOutcome(c)))).ToDictionary(c => c.Key, c => c.Outcome);
        var allure = Directory.EnumerateFiles(Path.Combine(run.Out, "allure-results"), "*-result.json").Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement)
            .ToDictionary(r => (Label(r, "parentSuite"), Label(r, "story")), r => r.GetProperty("status").GetString()!);
        var outcome = Gate.Outcome(evidence.Controls.Select(c => c.Verdict), evidence.Run.Errors.Count > 0 || evidence.Stacks.Any(s => s.NotEvaluated is not null));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(evidence.Run.ExitCode), run.Output);
            Assert.That(evidence.Run.ExitCode, Is.EqualTo(Gate.ExitCode(outcome)));
            Assert.That(evidence.Accounts.Select(a => a.Outcome), Is.EqualTo(new[] { RunOutcome.Compliant, RunOutcome.NonCompliant, RunOutcome.CouldNotEvaluate }));
            Assert.That(junit, Is.EquivalentTo(expected), "JUnit");
            Assert.That(allure, Is.EquivalentTo(expected.ToDictionary(e => e.Key, e => AllureStatus(e.Value))), "Allure");
        }
    }

    [Test]
    public async Task NUnit_agrees_with_verify_on_the_three_account_organisation()
    {
        var run = await VerifyProcess.RunAsync("--mode", "sandbox", "--inventory", OrganisationInventory, "--no-allure", "--out", VerifyProcess.NewOut("agree-nunit-organisation"));
        var evidence = ReportJson.Load<EvidenceDocument>(Path.Combine(run.Evidence, "evidence.json"));
        var trx = await ComplianceTrxAsync("organisation", ("VERIFY_INVENTORY", OrganisationInventory));

        // One NUnit test per control over every stack: a failure anywhere fails it, and a stack that was never
        // collected leaves every other control unproven, which fails it too.
        var unreached = evidence.Stacks.Any(s => s.NotEvaluated is not null);
        var expected = evidence.Controls.GroupBy(c => c.Id).ToDictionary(g => g.Key, g =>
            g.Any(c => c.Verdict == ControlVerdict.Failed) || unreached ? "Failed" : TrxOutcome(g.Select(c => TestOutcomes.Of(c.Verdict)).MinBy(Worst)), StringComparer.Ordinal);

        Assert.That(trx, Is.EquivalentTo(expected));
    }

    /// <summary>The order in which the Compliance suite lets one stack's outcome speak for a control (ControlAssertions).</summary>
    private static int Worst(TestOutcome outcome) => outcome switch
    {
        TestOutcome.Failed => 0,
        TestOutcome.Error => 1,
        TestOutcome.PassedWithNote => 2,
        TestOutcome.Passed => 3,
        _ => 4,
    };

    private static string OrganisationInventory => Path.Combine(VerifyProcess.Root, "sandbox", "organisation", "inventory.json");

    private static string Label(JsonElement result, string name) =>
        result.GetProperty("labels").EnumerateArray().First(l => l.GetProperty("name").GetString() == name).GetProperty("value").GetString()!;

    /// <summary>"Verification.Compliance.Database.RdsNotPubliclyAccessible[stack 2]" → RdsNotPubliclyAccessible; the not-evaluated case → NotEvaluated.</summary>
    private static string ControlOf(string className, string name) =>
        className.EndsWith(".NotEvaluated", StringComparison.Ordinal) ? "NotEvaluated" : name.Split('.')[^1].Split('[')[0];

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
        XDocument.Load(path).Descendants("testcase").ToDictionary(c => ((string)c.Attribute("name")!).Split('.')[^1], JUnitOutcome, StringComparer.Ordinal);

    private static TestOutcome JUnitOutcome(XElement testCase) =>
        testCase.Element("failure") is not null ? TestOutcome.Failed
        : testCase.Element("error") is not null ? TestOutcome.Error
        : testCase.Element("skipped") is not null ? TestOutcome.Skipped
        : ((string?)testCase.Element("system-out"))?.Length > 0 ? TestOutcome.PassedWithNote
        : TestOutcome.Passed;

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
    private static async Task<Dictionary<string, string>> ComplianceTrxAsync(string scenario, params (string Name, string Value)[] environment)
    {
        var results = VerifyProcess.NewOut($"trx-{scenario}");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = VerifyProcess.Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "test", "tests/Compliance", "--no-build", "--settings", "runsettings/sandbox.runsettings", "--results-directory", results, "--logger", "trx;LogFileName=compliance.trx" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["VERIFY_SANDBOX_SCENARIO"] = scenario;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

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
