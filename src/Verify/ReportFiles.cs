using Verification.Probes.Reporting;
using Verification.Probes.Runs;

namespace Verification.Verify;

/// <summary>Where a run's reports were written.</summary>
internal sealed record WrittenReports(string Junit, string Bundle, string Zip, string AllureResults, string? AllureReport);

/// <summary>Writes every report of one run under --out: evidence first (so a later failure leaves it), then JUnit and Allure.</summary>
internal sealed class ReportFiles(string output, VerifyOptions options, string root)
{
    public Task<WrittenReports> WriteAsync(RunResult run, EvidenceDocument evidence, ManifestSigner? signer, Action<string> phase, CancellationToken cancellationToken) =>
        WriteAsync(evidence, bundle => EvidenceBundle.Write(bundle, evidence, [.. run.Stacks.Select(s => s.Snapshot)]), signer, phase, cancellationToken);

    /// <summary>Every report of an evidence document whose bundle folder <paramref name="writeBundle"/> fills (a run's snapshots, or a merge's copies).</summary>
    public async Task<WrittenReports> WriteAsync(EvidenceDocument evidence, Action<string> writeBundle, ManifestSigner? signer, Action<string> phase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writeBundle);
        Directory.CreateDirectory(output);
        foreach (var stale in new[] { "junit", "trx", "work" }.Select(d => Path.Combine(output, d)).Where(Directory.Exists))
        {
            Directory.Delete(stale, recursive: true);
        }

        phase("writing the evidence bundle, JUnit and Allure results");
        var bundle = Path.Combine(output, "evidence");
        writeBundle(bundle);
        if (options.Pdf)
        {
            phase("printing evidence.pdf with headless Chromium");
            if (await Chromium.PrintToPdfAsync(Path.Combine(bundle, EvidenceBundle.HtmlFile), Path.Combine(bundle, "evidence.pdf")).ConfigureAwait(false) is { } why)
            {
                Console.Error.WriteLine($"  PDF not written: {why}.");
            }
        }

        if (signer?.KmsKeyArn is { } kms)
        {
            phase($"signing manifest.sha256 with KMS key {kms}");
        }

        string zip;
        try
        {
            zip = await EvidenceBundle.SealAsync(bundle, signer, cancellationToken).ConfigureAwait(false);
        }
        catch (SigningKeyException e)
        {
            throw new UsageException($"the evidence bundle could not be signed: {e.Message}");
        }

        var junit = Path.Combine(output, "junit");
        JUnitWriter.Write(evidence, junit);
        var allureResults = Path.Combine(output, "allure-results");
        AllureWriter.Write(evidence, allureResults, options.Owner);
        var allureReport = await AllureAsync(allureResults, phase, cancellationToken).ConfigureAwait(false);
        return new WrittenReports(junit, bundle, zip, allureResults, allureReport);
    }

    private async Task<string?> AllureAsync(string results, Action<string> phase, CancellationToken cancellationToken)
    {
        // The HTML costs seconds of node start-up: the gate's CI job has JUnit, and renders Allure in its own step if it wants.
        if (options.NoAllure || options.Mode == "gate")
        {
            return null;
        }

        var allure = AllureReport.Find(root);
        if (allure is null)
        {
            Console.Error.WriteLine("  Allure HTML not generated: Allure is not installed (bash scripts/install-allure.sh); allure-results are written.");
            return null;
        }

        phase("rendering the Allure report (single file)");
        var report = Path.Combine(output, "allure-report");
        var previous = options.Previous is null ? null : Path.Combine(options.Previous, "allure-report");
        cancellationToken.ThrowIfCancellationRequested();
        if (await AllureReport.GenerateAsync(allure, results, report, previous, line => Console.Error.WriteLine($"    {line}")).ConfigureAwait(false) is { } why)
        {
            Console.Error.WriteLine($"  Allure HTML not generated: {why}.");
            return null;
        }

        return Path.Combine(report, "index.html");
    }
}
