using Amazon.Runtime;
using Verification.Probes.Collection;
using Verification.Probes.Controls;
using Verification.Probes.Outputs;
using Verification.Probes.Reporting;
using Verification.Probes.Runs;
using Verification.Sandbox;

namespace Verification.Compliance;

/// <summary>
/// Collects every stack once before any control test runs, and keeps the results for the per-control tests.
/// A run that cannot start (bad outputs, no credentials) is remembered as one message that every test reports.
/// </summary>
[SetUpFixture]
public sealed class Suite
{
    private static SandboxServer? _sandbox;

    /// <summary>The evaluated stacks, or empty when setup failed.</summary>
    public static IReadOnlyList<StackRun> Runs { get; private set; } = [];

    /// <summary>Why the run could not start, or null.</summary>
    public static string? SetupError { get; private set; }

    public static RunSettings? Settings { get; private set; }

    /// <summary>The file <c>verify</c> builds its reports from, written beside the snapshots.</summary>
    public const string ResultsFile = "results.json";

    private static DateTimeOffset _startedAt;
    private static readonly List<string> SnapshotFiles = [];

    [OneTimeSetUp]
    public async Task CollectOnce()
    {
        _startedAt = TimeProvider.System.GetUtcNow();
        try
        {
            // A misspelt parameter would silently fall back to a default threshold: refuse it instead.
            RunSettings.RejectUnknown(TestContext.Parameters.Names, Verification.Probes.Connectivity.ConnectivitySettings.Known);
            var settings = RunSettings.Read(name => TestContext.Parameters.Get(name), Environment.GetEnvironmentVariable, RepositoryRoot());
            Settings = settings;
            Uri? endpoint = null;
            AWSCredentials? credentials = null;
            if (settings.Mode == "sandbox")
            {
                _sandbox = await SandboxServer.StartAsync(Scenario.Load(settings.SandboxScenario!));
                endpoint = _sandbox.Endpoint;
                credentials = new BasicAWSCredentials(SandboxCredentials.AccessKeyId, SandboxCredentials.SecretAccessKey);
            }

            Runs = await ComplianceRun.ExecuteAsync(settings, endpoint, credentials, TimeProvider.System, CancellationToken.None);
            foreach (var (run, index) in Runs.Select((r, i) => (r, i)))
            {
                var name = Runs.Count == 1 ? "snapshot.json" : $"snapshot-{index + 1}.json";
                SnapshotFiles.Add(name);
                await SnapshotJson.SaveAsync(run.Snapshot, Path.Combine(settings.ReportsDirectory, name), CancellationToken.None);
            }

            TestContext.Progress.WriteLine(Summary());
        }
        catch (Exception e) when (e is OutputsException or SettingsException or RunSetupException or ScenarioException or WaiverException)
        {
            SetupError = e.Message;
            TestContext.Progress.WriteLine($"Could not evaluate: {e.Message}");
        }

        SaveResults();
    }

    /// <summary>Writes results.json even when setup failed, so <c>verify</c> can tell "could not evaluate" from "the suite never ran".</summary>
    private static void SaveResults()
    {
        var directory = Settings?.ReportsDirectory ?? NonEmpty(Environment.GetEnvironmentVariable("VERIFY_REPORTS_DIRECTORY"));
        if (directory is null)
        {
            return;
        }

        var results = RunResults.From(Settings, Runs, SnapshotFiles, SetupError, _startedAt, TimeProvider.System.GetUtcNow());
        ReportJson.Save(results, Path.Combine(Path.GetFullPath(directory, RepositoryRoot()), ResultsFile));
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    [OneTimeTearDown]
    public async Task StopSandbox()
    {
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }
    }

    /// <summary>The results of one control across every stack.</summary>
    public static IReadOnlyList<ControlResult> ResultsOf(string controlId) =>
        [.. Runs.SelectMany(r => r.Results).Where(r => r.Control.Id == controlId)];

    private static string Summary()
    {
        var lines = Runs.Select(r =>
            $"{r.Snapshot.Outputs.SourceFile}: {r.Outcome} — {r.Snapshot.Calls.Count} AWS calls in {(r.Snapshot.FinishedAt - r.Snapshot.StartedAt).TotalMilliseconds:0} ms, " +
            $"{r.Results.Count(c => c.Verdict == ControlVerdict.Passed)} passed, {r.Results.Count(c => c.Verdict == ControlVerdict.Failed)} failed, " +
            $"{r.Results.Count(c => c.Verdict == ControlVerdict.CouldNotEvaluate)} could not evaluate" +
            (r.Snapshot.NotVerified.Count == 0 ? "" : $"; not verified (network interfaces in the VPC that belong to no checked resource): " +
                string.Join(", ", r.Snapshot.NotVerified.Select(n => $"{n.NetworkInterfaceId} ({n.Description})"))));
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>The repository root, so relative paths in runsettings mean the same from any test host directory.</summary>
    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Verification.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? Directory.GetCurrentDirectory();
    }
}
