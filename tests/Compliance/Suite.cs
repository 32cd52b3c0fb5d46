using Verification.Probes.Controls;
using Verification.Probes.Outputs;
using Verification.Probes.Runs;
using Verification.Sandbox;

namespace Verification.Compliance;

/// <summary>
/// Runs the engine once for the whole test session (configuration checks; the data path is the Connectivity suite's),
/// and keeps its one result for the per-control tests. Settings that cannot be used are one message every test reports.
/// </summary>
[SetUpFixture]
public sealed class Suite
{
    private static SandboxStack? _sandbox;

    /// <summary>The engine's result, or null when the settings could not be used.</summary>
    public static RunResult? Run { get; private set; }

    /// <summary>Why the run could not start, or null.</summary>
    public static string? SetupError { get; private set; }

    [OneTimeSetUp]
    public async Task RunTheEngineOnce()
    {
        try
        {
            // A misspelt parameter would silently fall back to a default threshold: refuse it instead.
            RunSettings.RejectUnknown(TestContext.Parameters.Names, Verification.Probes.Connectivity.ConnectivitySettings.Known);
            var settings = RunSettings.Read(name => TestContext.Parameters.Get(name), Environment.GetEnvironmentVariable, RepositoryRoot());
            var request = new EngineRequest { Settings = settings, Time = TimeProvider.System };
            if (settings.Mode == "sandbox")
            {
                _sandbox = settings.InventoryFile is { } inventory
                    ? await SandboxStack.StartOrganisationAsync([.. OrganisationInventory.Read(inventory).Select(a => a.Member)])
                    : await SandboxStack.StartAsync(settings.SandboxScenario!, plant: null);
                request = request with { Endpoint = _sandbox.Endpoint, Credentials = SandboxStack.Credentials };
            }

            Run = await Engine.RunAsync(request, CancellationToken.None);
            TestContext.Progress.WriteLine(Summary(Run));
        }
        catch (Exception e) when (e is SettingsException or ScenarioException or WaiverException or OutputsException)
        {
            SetupError = e.Message;
            TestContext.Progress.WriteLine($"Could not evaluate: {e.Message}");
        }
    }

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
        [.. (Run?.Stacks ?? []).SelectMany(r => r.Results).Where(r => r.Control.Id == controlId)];

    private static string Summary(RunResult run) =>
        $"{run.Outcome} (exit {run.ExitCode}): {run.Calls.Count} AWS calls in {(run.FinishedAt - run.StartedAt).TotalMilliseconds:0} ms" +
        string.Concat(run.Errors.Select(e => $"{Environment.NewLine}Could not evaluate: {e}"));

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
