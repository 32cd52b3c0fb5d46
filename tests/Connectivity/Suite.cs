using System.Text.Json.Nodes;
using Amazon.Runtime;
using Verification.Probes.Connectivity;
using Verification.Probes.Outputs;
using Verification.Probes.Runs;
using Verification.Sandbox;

namespace Verification.Connectivity;

/// <summary>
/// Resolves the data path once, exactly as against AWS: endpoints from the stack outputs, credentials from Secrets
/// Manager. In sandbox mode the simulated AWS endpoint is started in-process first, with the local servers' real
/// credentials planted in its secrets. A run that cannot start is remembered as one message every test reports.
/// </summary>
[SetUpFixture]
public sealed class Suite
{
    static SandboxServer? _sandbox;
    static readonly List<string> Transcript = [];

    public static ConnectivitySettings Settings { get; private set; } = new();

    /// <summary>The outputs, endpoints and credentials; null when not in scope or when setup failed.</summary>
    public static ConnectivityContext? Context { get; private set; }

    public static ConnectivityReport? Report { get; private set; }

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
    public async Task ResolveDataPath()
    {
        try
        {
            Settings = ConnectivitySettings.Read(name => TestContext.Parameters.Get(name), Environment.GetEnvironmentVariable, RepoRoot);
            if (!Settings.InScope)
                return;

            Uri? endpoint = null;
            AWSCredentials? aws = null;
            var planted = new List<string>();
            if (Settings.Mode == "sandbox")
            {
                var scenario = PlantServersCredentials(Scenario.Load(Settings.SandboxScenario!));
                planted.AddRange(scenario.PlantedSecrets.Select(s => s.Value));
                _sandbox = await SandboxServer.StartAsync(scenario);
                endpoint = _sandbox.Endpoint;
                aws = new BasicAWSCredentials(SandboxCredentials.AccessKeyId, SandboxCredentials.SecretAccessKey);
            }

            Context = await ConnectivityRun.PrepareAsync(Settings, endpoint, aws, Time, CancellationToken.None);
            Secrets = [.. planted.Concat(Context.Credentials.Secrets).Distinct(StringComparer.Ordinal)];
            Report = new ConnectivityReport(Path.Combine(Settings.ReportsDirectory, "connectivity.json"), Context.Outputs, Settings.Mode, Secrets);
            TestContext.Progress.WriteLine(
                $"Connectivity: {Context.Outputs.SourceFile} → db {Context.Targets.Db}, redis {Context.Targets.Redis}, alb {Context.Targets.AlbHttps}; credentials from Secrets Manager ({Settings.Mode}).");
        }
        catch (Exception e) when (e is SettingsException or OutputsException or RunSetupException or CredentialsException or ScenarioException
                                       or FileNotFoundException or InvalidDataException)
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

    /// <summary>Stops a data-path test that is out of scope (ignored, with the words the gate looks for) or cannot run (failed).</summary>
    public static ConnectivityContext RequireReady()
    {
        if (!Settings.InScope && SetupError is null)
            Assert.Ignore("not in scope for this run: ConnectivityInScope is false (set it in the runsettings or VERIFY_CONNECTIVITY_IN_SCOPE=true).");
        if (SetupError is not null)
            Assert.Fail($"Connectivity could not start: {SetupError}");
        return Context!;
    }

    /// <summary>Keeps a self-test's probe result for the leak scan only: defective sandbox servers are not the stack, so they stay out of connectivity.json and the run's console.</summary>
    public static void RecordSelfTest(ProbeResult result)
    {
        lock (Transcript)
            Transcript.Add(result.ToString());
    }

    /// <summary>Prints a probe's result, keeps it for the leak scan, and adds it to connectivity.json.</summary>
    public static void Record(ProbeResult result)
    {
        var line = result.ToString();
        lock (Transcript)
            Transcript.Add(line);
        TestContext.Out.WriteLine(line);
        Report?.Add(TestContext.CurrentContext.Test.ClassName?.Split('.')[^1] + "." + TestContext.CurrentContext.Test.Name, result);
    }

    /// <summary>Serves the local servers' real login and token from the secrets the probes read, and plants them for the scans.</summary>
    static Scenario PlantServersCredentials(Scenario scenario)
    {
        var file = Settings.SandboxServersCredentialsFile
            ?? throw new SettingsException("Setting SandboxServersCredentialsFile: sandbox mode needs the credentials.env written by sandbox/servers/up.sh, found none.");
        var servers = SandboxServersCredentials.Read(file);
        var outputs = StackOutputsReader.Read(Settings.OutputsPath);
        var database = new JsonObject
        {
            ["username"] = servers.DbUser,
            ["password"] = servers.DbPassword,
            ["engine"] = "postgres",
            ["host"] = outputs.DbEndpoint.Host,
            ["port"] = outputs.DbEndpoint.Port,
            ["dbname"] = servers.DbName,
        };
        var planted = scenario.WithSecret(outputs.DbSecretArn, database.ToJsonString(), new PlantedSecret("db-password", servers.DbPassword));
        return Settings.RedisAuthSecretArn is { } redis
            ? planted.WithSecret(redis, servers.RedisAuthToken!, new PlantedSecret("redis-auth-token", servers.RedisAuthToken!))
            : planted;
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
