using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Verification.Probes.Controls;
using Verification.Probes.Reporting;

namespace Verification.Verify.Tests;

public sealed partial class ReportTests
{
    [Test]
    public async Task Drift_between_the_compliant_and_the_defective_run_lists_exactly_the_changed_control()
    {
        var run = await Runs.Defective();

        var drift = ReportJson.Load<EvidenceDocument>(Path.Combine(run.Evidence, "evidence.json")).Drift;
        var html = await File.ReadAllTextAsync(Path.Combine(run.Evidence, "evidence.html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(drift?.ChangedControls, Is.EqualTo(new[] { "LogGroupRetentionMeetsPolicy" }));
            Assert.That(drift?.ChangedValues.Select(v => $"{v.Key} {v.Before} → {v.After}"), Is.EqualTo(new[] { "retentionInDays 30 → 7" }));
            Assert.That(html.IndexOf("id=\"drift\"", StringComparison.Ordinal), Is.LessThan(html.IndexOf("id=\"summary\"", StringComparison.Ordinal)));
        }
    }

    [Test]
    public async Task JUnit_has_one_case_per_control_and_the_failure_says_resource_observed_expected_and_remediation()
    {
        var run = await Runs.Defective();

        var junit = XDocument.Load(Path.Combine(run.Out, "junit", "compliance.xml"));
        var cases = junit.Descendants("testcase").Where(c => ((string?)c.Attribute("classname"))?.Contains("Coverage", StringComparison.Ordinal) != true).ToList();
        var failure = cases.Single(c => c.Element("failure") is not null).Element("failure")!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(cases.Select(c => ((string)c.Attribute("name")!).Split('.')[^1]), Is.EquivalentTo(ControlCatalog.All.Select(c => c.Id)));
            Assert.That((string?)failure.Attribute("message") + failure.Value, Does.Contain("Resource: arn:aws:logs").And.Contain("Observed: retentionInDays=7")
                .And.Contain("Expected: Stack log groups keep logs").And.Contain("policyMinimumDays=30").And.Contain("Remediation: Set retention_in_days"));
        }
    }

    [Test]
    public async Task JUnit_resources_has_one_case_per_finding_and_fails_exactly_the_failing_resource()
    {
        var run = await Runs.Defective();

        var junit = XDocument.Load(Path.Combine(run.Out, "junit", "resources.xml"));
        var evidence = ReportJson.Load<EvidenceDocument>(Path.Combine(run.Evidence, "evidence.json"));
        var failed = junit.Descendants("testcase").Where(c => c.Element("failure") is not null)
            .Select(c => $"{((string)c.Attribute("classname")!).Split('.')[^1]} {(string)c.Attribute("name")!}");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(junit.Descendants("testcase").Count(), Is.EqualTo(evidence.Controls.Sum(c => c.Findings.Count)));
            Assert.That(failed, Is.EqualTo(new[] { "LogGroupRetentionMeetsPolicy " + evidence.Controls.Single(c => c.Id == "LogGroupRetentionMeetsPolicy").Findings.Single(f => f.Status == FindingStatus.Fail).Resource }));
        }
    }

    [Test]
    public async Task The_allure_report_is_one_file_with_no_network_reference_and_its_summary_counts_match_the_run()
    {
        var run = await Runs.Defective();
        var report = Path.Combine(run.Out, "allure-report");
        Assert.That(File.Exists(Path.Combine(report, "index.html")), Is.True,
            $"No Allure report was generated: install Allure with `bash scripts/install-allure.sh` (scripts/test.sh does). verify said:\n{run.Output}");

        var evidence = ReportJson.Load<EvidenceDocument>(Path.Combine(run.Evidence, "evidence.json"));
        var stats = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(report, "summary.json"))).RootElement.GetProperty("stats");
        var html = await File.ReadAllTextAsync(Path.Combine(report, "index.html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(stats.GetProperty("total").GetInt32(), Is.EqualTo(evidence.Counts.Total));
            Assert.That(stats.GetProperty("failed").GetInt32(), Is.EqualTo(evidence.Counts.Failed));
            Assert.That(stats.GetProperty("passed").GetInt32(), Is.EqualTo(evidence.Counts.Passed + evidence.Counts.Warning));
            Assert.That(Directory.GetFiles(report, "*.html"), Has.Length.EqualTo(1));
            Assert.That(RemoteAsset().Matches(html).Select(m => m.Value), Is.Empty);
        }
    }

    [Test]
    public async Task The_allure_report_carries_the_previous_runs_history()
    {
        var run = await Runs.Defective();

        var history = await File.ReadAllLinesAsync(Path.Combine(run.Out, "allure-report", "history.jsonl"));

        Assert.That(history, Has.Length.EqualTo(2));
    }

    [Test]
    public async Task Evidence_html_counts_read_from_the_DOM_by_headless_chromium_match_the_run()
    {
        var run = await Runs.Defective();
        var chromium = Chromium.Find();
        Assert.That(chromium, Is.Not.Null, "chromium is not installed: apt-get install -y chromium (scripts/test.sh installs it).");

        var dom = await Dom(chromium!, Path.Combine(run.Evidence, "evidence.html"));
        var evidence = ReportJson.Load<EvidenceDocument>(Path.Combine(run.Evidence, "evidence.json"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Count(dom, "total"), Is.EqualTo(evidence.Counts.Total));
            Assert.That(Count(dom, "passed"), Is.EqualTo(evidence.Counts.Passed));
            Assert.That(Count(dom, "failed"), Is.EqualTo(evidence.Counts.Failed).And.EqualTo(1));
            Assert.That(Count(dom, "could-not-evaluate"), Is.EqualTo(evidence.Counts.CouldNotEvaluate));
            Assert.That(ControlArticle().Matches(dom), Has.Count.EqualTo(evidence.Controls.Count));
            Assert.That(dom, Does.Contain("data-control=\"LogGroupRetentionMeetsPolicy\" data-verdict=\"Failed\""));
            Assert.That(RemoteAsset().Matches(dom).Select(m => m.Value), Is.Empty);
        }
    }

    [Test]
    public async Task Check_evidence_says_an_untouched_unsigned_bundle_is_unproven_and_one_edited_byte_is_tampered()
    {
        var run = await Runs.Compliant();
        var copy = Path.Combine(VerifyProcess.NewOut("tampered"), "evidence");
        CopyFolder(run.Evidence, copy);
        var path = Path.Combine(copy, "snapshot.json");
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[100] ^= 0x20;
        await File.WriteAllBytesAsync(path, bytes);

        var intact = await VerifyProcess.RunAsync("--check-evidence", run.Evidence);
        var tampered = await VerifyProcess.RunAsync("--check-evidence", copy);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(intact.ExitCode, Is.EqualTo(3), intact.Output);
            Assert.That(intact.Output, Does.Contain("identical verdicts").And.Contain("UNSIGNED").And.Contain("UNPROVEN"));
            Assert.That(tampered.ExitCode, Is.EqualTo(1), tampered.Output);
            Assert.That(tampered.Output, Does.Contain("snapshot.json was modified"));
        }
    }

    [Test]
    public async Task Check_evidence_does_not_pass_an_edited_unsigned_bundle_whose_manifest_was_recomputed()
    {
        var run = await Runs.Compliant();
        var copy = Path.Combine(VerifyProcess.NewOut("rewritten"), "evidence");
        CopyFolder(run.Evidence, copy);
        await File.AppendAllTextAsync(Path.Combine(copy, "evidence.html"), "<p>Approved by the auditor.</p>");
        Manifest.Write(copy);

        var check = await VerifyProcess.RunAsync("check-evidence", copy);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(check.ExitCode, Is.Not.Zero, check.Output);
            Assert.That(check.Output, Does.Not.Contain("Evidence checks out"));
        }
    }

    [Test]
    public async Task A_KMS_signed_sandbox_bundle_verifies_only_against_the_pinned_public_key()
    {
        var run = await Runs.KmsSigned();
        var exported = Path.Combine(run.Out, "exported.pub.pem");
        File.Copy(Path.Combine(run.Evidence, "signing-key.pub.pem"), exported);
        var evidence = ReportJson.Load<EvidenceDocument>(Path.Combine(run.Evidence, "evidence.json"));
        var copy = Path.Combine(VerifyProcess.NewOut("kms-tampered"), "evidence");
        CopyFolder(run.Evidence, copy);
        var path = Path.Combine(copy, "evidence.json");
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(path, bytes);

        var pinned = await VerifyProcess.RunAsync("check-evidence", run.Evidence, "--public-key", exported);
        var fingerprint = await VerifyProcess.RunAsync("check-evidence", run.Evidence, "--public-key-sha256", evidence.Signature.PublicKeySha256!);
        var unpinned = await VerifyProcess.RunAsync("check-evidence", run.Evidence);
        var tampered = await VerifyProcess.RunAsync("check-evidence", copy, "--public-key", exported);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.Zero, run.Output);
            Assert.That(run.Output, Does.Contain("signed by KMS key arn:aws:kms:us-east-1:123456789012:key/7e1d5c3b"));
            Assert.That(evidence.Signature.KmsKeyArn, Is.EqualTo("arn:aws:kms:us-east-1:123456789012:key/7e1d5c3b-9a2f-4b6e-8c1d-3f5a7b9c0d2e"));
            Assert.That(pinned.ExitCode, Is.Zero, pinned.Output);
            Assert.That(fingerprint.ExitCode, Is.Zero, fingerprint.Output);
            Assert.That(unpinned.ExitCode, Is.EqualTo(3), unpinned.Output);
            Assert.That(tampered.ExitCode, Is.EqualTo(1), tampered.Output);
        }
    }

    private static async Task<string> Dom(string chromium, string html)
    {
        var profile = Directory.CreateTempSubdirectory("verify-dom-");
        var start = new System.Diagnostics.ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var flag in Chromium.HeadlessFlags.Append($"--user-data-dir={profile.FullName}").Append("--dump-dom").Append(new Uri(html).AbsoluteUri))
        {
            start.ArgumentList.Add(flag);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var dom = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
        return await dom;
    }

    private static int Count(string dom, string id) =>
        int.Parse(Regex.Match(dom, $"id=\"count-{id}\">(\\d+)<").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    [GeneratedRegex("""<article class="control""")]
    private static partial Regex ControlArticle();

    /// <summary>A script, stylesheet, image or frame fetched over the network.</summary>
    [GeneratedRegex("""<(?:script|link|img|iframe)\b[^>]*(?:src|href)="(?:https?:)?//[^"]*""", RegexOptions.IgnoreCase)]
    private static partial Regex RemoteAsset();
}
