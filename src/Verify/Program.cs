using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Verification.Probes.Collection;
using Verification.Probes.Controls;
using Verification.Probes.Reporting;
using Verification.Probes.Runs;
using Verification.Verify;

try
{
    var options = VerifyOptions.Parse(args);
    if (options.Help)
    {
        Console.WriteLine(VerifyOptions.Usage);
        return 0;
    }

    return options.CheckEvidence is { } folder
        ? CheckEvidence(folder, options.PublicKey)
        : await new VerifyRun(options, Repository.Root()).ExecuteAsync();
}
catch (UsageException e)
{
    Console.Error.WriteLine($"verify: {e.Message}");
    return 2;
}

static int CheckEvidence(string folder, string? publicKey)
{
    if (!File.Exists(Path.Combine(folder, EvidenceBundle.EvidenceFile)))
    {
        Console.Error.WriteLine($"verify: {folder} is not an evidence bundle (no {EvidenceBundle.EvidenceFile}).");
        return 2;
    }

    var report = EvidenceCheck.Check(folder, publicKey is null ? null : File.ReadAllText(publicKey));
    Console.WriteLine(report.ManifestProblems.Count == 0 ? "Manifest: every file matches manifest.sha256." : "Manifest: the bundle was changed:");
    foreach (var problem in report.ManifestProblems)
    {
        Console.WriteLine($"  - {problem}");
    }

    Console.WriteLine("Signature: " + report.Signature switch
    {
        SignatureStatus.Verified => "valid, made with the key you supplied.",
        SignatureStatus.VerifiedWithBundledKey => "valid against the key shipped in the bundle; pass --public-key to establish who signed.",
        SignatureStatus.Unsigned => "none: this bundle is UNSIGNED (integrity only, not authorship).",
        SignatureStatus.MissingSignature => "MISSING: a public key was supplied but the bundle is unsigned.",
        _ => "INVALID: the manifest was not signed by this key, or was changed after signing.",
    });
    Console.WriteLine(report.VerdictDifferences.Count == 0
        ? $"Re-evaluation: {report.ControlsReevaluated} control results re-evaluated offline at the run's recorded time; identical verdicts."
        : "Re-evaluation differs from the recorded verdicts:");
    foreach (var difference in report.VerdictDifferences)
    {
        Console.WriteLine($"  - {difference}");
    }

    Console.WriteLine(report.Passed ? "Evidence checks out." : "Evidence does NOT check out.");
    return report.Passed ? 0 : 1;
}

namespace Verification.Verify
{
    /// <summary>Finds the repository (the folder with Verification.sln) from the working directory or the tool's own location.</summary>
    internal static class Repository
    {
        public static string Root() =>
            Up(Directory.GetCurrentDirectory()) ?? Up(AppContext.BaseDirectory)
            ?? throw new UsageException("Run verify inside the repository (no Verification.sln found above the current directory).");

        private static string? Up(string start)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Verification.sln")))
                {
                    return dir.FullName;
                }
            }

            return null;
        }

        public static string? GitCommit(string root) => Processes.Read("git", root, "rev-parse", "HEAD");

        public static string ToolVersion() =>
            typeof(Repository).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";
    }

    /// <summary>One verify run: the suites through dotnet test, then every report, then the exit code.</summary>
    internal sealed class VerifyRun(VerifyOptions options, string root)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly string _out = Path.GetFullPath(options.Out);
        private string Work => Path.Combine(_out, "work");

        public async Task<int> ExecuteAsync()
        {
            var startedAt = TimeProvider.System.GetUtcNow();
            PrepareOutputFolder();
            var errors = new List<string>();
            var environment = Environment(errors);
            if (options.Mode == "sandbox" && options.ConnectivityInScope)
            {
                Phase("starting the sandbox's TLS servers (sandbox/servers/up.sh)");
                if (await Processes.RunAsync("bash", ["sandbox/servers/up.sh"], root, onLine: Indent) != 0)
                {
                    errors.Add("The sandbox's PostgreSQL/Redis/HTTPS servers could not be started (sandbox/servers/up.sh failed), so the data path could not be checked.");
                }
            }

            if (errors.Count == 0)
            {
                await TestAsync("Compliance", "tests/Compliance", environment);
                if (options.ConnectivityInScope)
                {
                    // The stack's data path only: the Defects fixture tests the probes themselves against broken servers.
                    await TestAsync("Connectivity", "tests/Connectivity", environment, "TestCategory=Connectivity&TestCategory!=SelfTest");
                }
            }

            Phase("assembling the evidence bundle");
            var results = ReadResults(startedAt, errors);
            var snapshots = ReadSnapshots(results, errors);
            var connectivity = ReadConnectivity(errors);
            var previous = ReadPrevious();
            var key = options.SignKey is null ? null : await File.ReadAllTextAsync(options.SignKey);
            var evidence = EvidenceBuilder.Build(results, snapshots, connectivity, new ToolInfo { Version = Repository.ToolVersion(), GitCommit = Repository.GitCommit(root) },
                errors, EvidenceBundle.Describe(key), previous);
            var bundle = Path.Combine(_out, "evidence");
            EvidenceBundle.Write(bundle, evidence, results.Stacks.Select(s => Path.Combine(Work, s.SnapshotFile)).Where(File.Exists)
                .Concat(File.Exists(Path.Combine(Work, ConnectivityResults.FileName)) ? [Path.Combine(Work, ConnectivityResults.FileName)] : []));
            if (options.Pdf)
            {
                Phase("printing evidence.pdf with headless Chromium");
                if (await Chromium.PrintToPdfAsync(Path.Combine(bundle, EvidenceBundle.HtmlFile), Path.Combine(bundle, "evidence.pdf")) is { } why)
                {
                    Console.Error.WriteLine($"  PDF not written: {why}.");
                }
            }

            var zip = EvidenceBundle.Seal(bundle, key);
            var allureResults = Path.Combine(_out, "allure-results");
            AllureWriter.Write(evidence, allureResults, options.Owner);
            var allureReport = await AllureAsync(allureResults);
            Summary(evidence, bundle, zip, allureResults, allureReport);
            return evidence.Run.ExitCode;
        }

        private void PrepareOutputFolder()
        {
            // A previous report inside --out would be deleted before it is read: keep what drift and history need first.
            if (Directory.Exists(Work))
            {
                Directory.Delete(Work, recursive: true);
            }

            foreach (var stale in new[] { "junit", "trx" }.Select(d => Path.Combine(_out, d)).Where(Directory.Exists))
            {
                Directory.Delete(stale, recursive: true);
            }

            Directory.CreateDirectory(Work);
        }

        private Dictionary<string, string?> Environment(List<string> errors)
        {
            var environment = new Dictionary<string, string?>
            {
                ["VERIFY_MODE"] = options.Mode,
                ["VERIFY_REPORTS_DIRECTORY"] = Work,
                ["VERIFY_CONNECTIVITY_IN_SCOPE"] = options.ConnectivityInScope ? "true" : "false",
            };
            if (options.Outputs.Count > 0)
            {
                environment["VERIFY_OUTPUTS"] = string.Join(';', options.Outputs.Select(Path.GetFullPath));
            }

            Set(environment, "VERIFY_REGION", options.Region);
            Set(environment, "VERIFY_PROFILE", options.Profile);
            Set(environment, "VERIFY_WAIVERS", options.Waivers is null ? null : Path.GetFullPath(options.Waivers));
            Set(environment, "VERIFY_SANDBOX_SCENARIO", options.Mode == "sandbox" ? options.Scenario ?? "compliant-rds" : options.Scenario);
            if (options.Thresholds is { } thresholds)
            {
                try
                {
                    foreach (var (name, value) in Thresholds.Read(thresholds))
                    {
                        environment["VERIFY_" + RunSettings.UpperSnake(name)] = value;
                    }
                }
                catch (Exception e) when (e is JsonException or IOException or UsageException)
                {
                    errors.Add($"The thresholds file {thresholds} cannot be used: {e.Message}");
                }
            }

            return environment;
        }

        private static void Set(Dictionary<string, string?> environment, string name, string? value)
        {
            if (value is not null)
            {
                environment[name] = value;
            }
        }

        private async Task TestAsync(string suite, string project, Dictionary<string, string?> environment, string? filter = null)
        {
            Phase($"running the {suite} suite (dotnet test {project})");
            var name = suite.ToLowerInvariant();
            var settings = options.Mode switch { "gate" => "ci-gate", var m => m };
            List<string> arguments =
            [
                "test", project, "--settings", Path.Combine(root, "runsettings", $"{settings}.runsettings"),
                "--results-directory", Path.Combine(_out, "trx"),
                "--logger", $"trx;LogFileName={name}.trx",
                "--logger", $"junit;LogFilePath={Path.Combine(_out, "junit", name + ".xml")};MethodFormat=Class;FailureBodyFormat=Verbose",
                "--logger", "console;verbosity=normal",
            ];
            if (filter is not null)
            {
                arguments.AddRange(["--filter", filter]);
            }

            if (options.NoBuild)
            {
                arguments.Add("--no-build");
            }

            var code = await Processes.RunAsync("dotnet", arguments, root, environment, ShowTestLine);
            Console.Error.WriteLine($"  {suite}: dotnet test exited {code}.");
        }

        private static void ShowTestLine(string line)
        {
            var text = line.Trim();
            if (text.StartsWith("Passed ", StringComparison.Ordinal) || text.StartsWith("Failed ", StringComparison.Ordinal) || text.StartsWith("Skipped ", StringComparison.Ordinal)
                || text.StartsWith("Total tests", StringComparison.Ordinal) || text.Contains("error", StringComparison.OrdinalIgnoreCase) || text.StartsWith("Could not evaluate", StringComparison.Ordinal)
                || text.Contains(" AWS calls in ", StringComparison.Ordinal))
            {
                Indent(text);
            }
        }

        private static void Indent(string line) => Console.Error.WriteLine($"    {line}");

        private RunResults ReadResults(DateTimeOffset startedAt, List<string> errors)
        {
            var path = Path.Combine(Work, "results.json");
            if (File.Exists(path))
            {
                return ReportJson.Load<RunResults>(path);
            }

            errors.Add($"The Compliance suite wrote no results (expected {path}); it did not build or did not run — see {Path.Combine(_out, "trx")}.");
            return new RunResults { Mode = options.Mode, StartedAt = startedAt, FinishedAt = TimeProvider.System.GetUtcNow(), Region = options.Region };
        }

        private List<StackSnapshot> ReadSnapshots(RunResults results, List<string> errors)
        {
            var snapshots = new List<StackSnapshot>();
            foreach (var stack in results.Stacks)
            {
                var path = Path.Combine(Work, stack.SnapshotFile);
                if (File.Exists(path))
                {
                    snapshots.Add(SnapshotJson.Load(path));
                }
                else
                {
                    errors.Add($"The snapshot of {stack.OutputsFile} is missing ({path}).");
                    snapshots.Add(new StackSnapshot());
                }
            }

            return snapshots;
        }

        private List<ConnectivityCheck> ReadConnectivity(List<string> errors)
        {
            if (!options.ConnectivityInScope)
            {
                return [];
            }

            var json = Path.Combine(Work, ConnectivityResults.FileName);
            var trx = Path.Combine(_out, "trx", "connectivity.trx");
            try
            {
                if (File.Exists(json))
                {
                    // connectivity.json records every probe the test host ran; keep the data-path checks the filter selected
                    // (the adapter may run the self-tests of defective servers and only leave them out of the TRX).
                    var selected = File.Exists(trx) ? TrxResults.Read(trx).Select(c => c.Name).ToHashSet(StringComparer.Ordinal) : null;
                    return [.. ConnectivityResults.Read(json).Where(c => selected is null || selected.Contains(c.Name[(c.Name.IndexOf('.', StringComparison.Ordinal) + 1)..]))];
                }

                if (File.Exists(trx))
                {
                    return TrxResults.Read(trx);
                }
            }
            catch (Exception e) when (e is JsonException or System.Xml.XmlException or IOException)
            {
                errors.Add($"The Connectivity suite's results cannot be read: {e.Message}");
                return [];
            }

            errors.Add("The Connectivity suite reported nothing (no connectivity.json, no TRX), so the data path could not be evaluated.");
            return [];
        }

        private EvidenceDocument? ReadPrevious()
        {
            if (options.Previous is null)
            {
                return null;
            }

            var path = new[] { Path.Combine(options.Previous, "evidence", EvidenceBundle.EvidenceFile), Path.Combine(options.Previous, EvidenceBundle.EvidenceFile) }.FirstOrDefault(File.Exists);
            if (path is null)
            {
                Console.Error.WriteLine($"  --previous {options.Previous}: no evidence.json there, so no drift is reported.");
                return null;
            }

            return ReportJson.Load<EvidenceDocument>(path);
        }

        private async Task<string?> AllureAsync(string results)
        {
            if (options.NoAllure)
            {
                return null;
            }

            var allure = AllureReport.Find(root);
            if (allure is null)
            {
                Console.Error.WriteLine("  Allure HTML not generated: Allure is not installed (bash scripts/install-allure.sh); allure-results are written.");
                return null;
            }

            Phase("rendering the Allure report (single file)");
            var report = Path.Combine(_out, "allure-report");
            var previous = options.Previous is null ? null : Path.Combine(options.Previous, "allure-report");
            if (await AllureReport.GenerateAsync(allure, results, report, previous, Indent) is { } why)
            {
                Console.Error.WriteLine($"  Allure HTML not generated: {why}.");
                return null;
            }

            return Path.Combine(report, "index.html");
        }

        private void Phase(string what) =>
            Console.Error.WriteLine($"[{_clock.Elapsed.TotalSeconds,5:0}s] {what}");

        private void Summary(EvidenceDocument evidence, string bundle, string zip, string allureResults, string? allureReport)
        {
            var c = evidence.Counts;
            var outcome = evidence.Run.Outcome switch
            {
                RunOutcome.Compliant => "COMPLIANT",
                RunOutcome.NonCompliant => "NON-COMPLIANT",
                _ => "COULD NOT EVALUATE",
            };
            Console.WriteLine();
            Console.WriteLine($"{outcome} (exit {evidence.Run.ExitCode}) in {_clock.Elapsed.TotalSeconds:0} s — {c.Total} controls: {c.Passed} passed, {c.Failed} failed, {c.Warning} warnings, " +
                $"{c.CouldNotEvaluate} could not evaluate, {c.NotApplicable} not applicable" + (c.Waived > 0 ? $", {c.Waived} waived" : "") + (c.Other > 0 ? $", {c.Other} other" : "") +
                (evidence.Connectivity.Count > 0 ? $"; data path {c.ConnectivityPassed} passed, {c.ConnectivityFailed} failed, {c.ConnectivityErrors} errors" : ""));
            var failures = evidence.Controls.Where(x => x.Verdict == ControlVerdict.Failed).Select(x => $"{x.Id}: {x.Findings.FirstOrDefault(f => f.Status == FindingStatus.Fail)?.Message}")
                .Concat(evidence.Connectivity.Where(x => x.Status == FindingStatus.Fail).Select(x => $"data path {x.Name}: {FirstLine(x.Message)}")).ToList();
            var errors = evidence.Run.Errors
                .Concat(evidence.Controls.Where(x => x.Verdict == ControlVerdict.CouldNotEvaluate).Select(x => $"{x.Id}: {x.Findings.FirstOrDefault(f => f.Status == FindingStatus.Error)?.Message}"))
                .Concat(evidence.Connectivity.Where(x => x.Status == FindingStatus.Error).Select(x => $"data path {x.Name}: {FirstLine(x.Message)}")).ToList();
            Print("Failures", failures);
            Print("Could not evaluate", errors);
            Print("Warnings", [.. evidence.Controls.Where(x => x.Verdict == ControlVerdict.Warning).Select(x => x.Id)]);
            if (evidence.Drift is { } drift)
            {
                Console.WriteLine(drift.IsEmpty
                    ? "Drift: nothing changed since the previous run."
                    : $"Drift: {drift.NewFailures.Count} new failures, {drift.FixedFailures.Count} fixed, {drift.ChangedValues.Count} changed values, " +
                      $"{drift.ResourcesAdded.Count} resources added, {drift.ResourcesGone.Count} gone ({string.Join(", ", drift.ChangedControls)}).");
            }

            Console.WriteLine("Reports:");
            Console.WriteLine($"  JUnit    {Path.Combine(_out, "junit")}");
            Console.WriteLine($"  TRX      {Path.Combine(_out, "trx")}");
            Console.WriteLine($"  Evidence {bundle} (+ {Path.GetFileName(zip)}){(evidence.Signature.Signed ? ", signed" : ", UNSIGNED")}");
            Console.WriteLine($"  HTML     {Path.Combine(bundle, EvidenceBundle.HtmlFile)}");
            Console.WriteLine($"  Allure   {allureReport ?? allureResults}");
        }

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

    /// <summary>Reads a thresholds file: a JSON object of runsettings policy names to values.</summary>
    internal static class Thresholds
    {
        private static readonly string[] Names = ["MinLogRetentionDays", "AllowNeverExpire", "MinBackupRetentionDays", "MinSnapshotRetentionDays", "MaxServerlessCapacity", "CertificateExpiryWarningDays", "FailOn"];

        public static IEnumerable<(string Name, string Value)> Read(string path)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new UsageException("expected a JSON object such as {\"MinLogRetentionDays\": 90}.");
            }

            var values = new List<(string, string)>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var name = Names.FirstOrDefault(n => string.Equals(n, property.Name, StringComparison.OrdinalIgnoreCase))
                    ?? throw new UsageException($"unknown threshold '{property.Name}'; known: {string.Join(", ", Names)}.");
                values.Add((name, property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText().ToLower(CultureInfo.InvariantCulture)));
            }

            return values;
        }
    }
}
