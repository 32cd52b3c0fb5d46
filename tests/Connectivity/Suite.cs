using Verification.Probes.Connectivity;
using Verification.Probes.Outputs;
using Verification.Probes.Runs;
using Verification.Sandbox;

namespace Verification.Connectivity;

/// <summary>
/// Runs the engine's data path once for the whole session, exactly as against AWS: endpoints from the stack outputs,
/// credentials from Secrets Manager. In sandbox mode the simulated AWS endpoint is started in-process first, with the
/// local servers' real credentials planted in its secrets. A run that cannot start is one message every test reports.
/// </summary>
[SetUpFixture]
public sealed class Suite
{
    static SandboxStack? _sandbox;
    static readonly List<string> Transcript = [];

    public static ConnectivitySettings Settings { get; private set; } = new();

    /// <summary>The engine's result (data path only); null when not in scope or when setup failed.</summary>
    public static RunResult? Run { get; private set; }

    /// <summary>Endpoints and credentials for the probes' self-tests against the defective servers.</summary>
    public static ConnectivityContext? Context { get; private set; }

    /// <summary>Why the run could not start, or null.</summary>
    public static string? SetupError { get; private set; }

    /// <summary>Every secret value this run knows: the planted ones (sandbox) and the fetched credentials.</summary>
    public static IReadOnlyList<string> Secrets { get; private set; } = [];

    /// <summary>Every line the tests printed, for the leak scan.</summary>
    public static IReadOnlyList<string> Printed
    {
        get
        {
            lock (Transcript)
                return [.. Transcript];
        }
    }

    public static TimeProvider Time { get; } = TimeProvider.System;

    [OneTimeSetUp]
    public async Task RunTheDataPathOnce()
    {
        try
        {
            Settings = ConnectivitySettings.Read(name => TestContext.Parameters.Get(name), Environment.GetEnvironmentVariable, RepoRoot);
            if (!Settings.InScope)
                return;

            var run = RunSettings.Read(name => TestContext.Parameters.Get(name), Environment.GetEnvironmentVariable, RepoRoot);
            var request = new EngineRequest { Settings = run, DataPath = Settings, Configuration = false, Time = Time };
            if (Settings.Mode == "sandbox")
            {
                _sandbox = await SandboxStack.StartAsync(Settings.SandboxScenario!, Plant());
                request = request with { Endpoint = _sandbox.Endpoint, Credentials = SandboxStack.Credentials, KnownSecrets = _sandbox.PlantedSecrets };
            }

            Run = await Engine.RunAsync(request, CancellationToken.None);
            Context = await ConnectivityRun.PrepareAsync(Settings, request.Endpoint, request.Credentials, Time, CancellationToken.None);
            Secrets = [.. request.KnownSecrets.Concat(Context.Credentials.Secrets).Distinct(StringComparer.Ordinal)];
            TestContext.Progress.WriteLine(
                $"Connectivity: {Context.Outputs.SourceFile} → db {Context.Targets.Db}, redis {Context.Targets.Redis}, alb {Context.Targets.AlbHttps}; credentials from Secrets Manager ({Settings.Mode}).");
        }
        catch (Exception e) when (e is SettingsException or OutputsException or RunSetupException or CredentialsException or ScenarioException)
        {
            SetupError = e.Message;
            TestContext.Progress.WriteLine($"Connectivity could not start: {e.Message}");
        }
    }

    [OneTimeTearDown]
    public async Task StopSandbox()
    {
        if (_sandbox is not null)
            await _sandbox.DisposeAsync();
    }

    /// <summary>Stops a data-path test that is out of scope (ignored, saying so) or cannot run (failed).</summary>
    public static ConnectivityContext RequireReady()
    {
        if (!Settings.InScope && SetupError is null)
            Assert.Ignore("not in scope for this run: ConnectivityInScope is false (set it in the runsettings or VERIFY_CONNECTIVITY_IN_SCOPE=true).");
        if (SetupError is not null)
            Assert.Fail($"Connectivity could not start: {SetupError}");
        return Context!;
    }

    /// <summary>Keeps a self-test's probe result for the leak scan only: defective sandbox servers are not the stack.</summary>
    public static void RecordSelfTest(ProbeResult result)
    {
        lock (Transcript)
            Transcript.Add(result.ToString());
    }

    /// <summary>Prints a line and keeps it for the leak scan.</summary>
    public static void Print(string line)
    {
        lock (Transcript)
            Transcript.Add(line);
        TestContext.Out.WriteLine(line);
    }

    /// <summary>The local servers' real credentials, planted where the outputs' secrets are.</summary>
    static SecretsToPlant Plant()
    {
        var file = Settings.SandboxServersCredentialsFile
            ?? throw new SettingsException("Setting SandboxServersCredentialsFile: sandbox mode needs the credentials.env written by sandbox/servers/up.sh, found none.");
        var outputs = StackOutputsReader.Read(Settings.OutputsPath);
        return new SecretsToPlant(ServersCredentials.Read(file), outputs.DbSecretArn, outputs.DbEndpoint.Host, outputs.DbEndpoint.Port, Settings.RedisAuthSecretArn);
    }

    /// <summary>The repository root, so relative paths in runsettings mean the same from any test host directory.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Verification.sln")))
                return dir.FullName;
        }

        return Directory.GetCurrentDirectory();
    }
}
