using System.Diagnostics;
using Verification.Probes.Outputs;
using Verification.Probes.Reporting;
using Verification.Probes.Runs;
using Verification.Sandbox;

namespace Verification.Verify;

/// <summary>One verify run: the engine in process, then every report as a view of its one result, then the exit code.</summary>
internal sealed class VerifyRun(VerifyOptions options, string root)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly string _out = Path.GetFullPath(options.Out);

    public async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        RunConfiguration configuration;
        try
        {
            configuration = RunConfiguration.From(options, root);
        }
        catch (SettingsException e)
        {
            throw new UsageException(e.Message);
        }

        var signer = await EvidenceKeys.PemSignerAsync(options.SignKey, options.SignKmsKey, cancellationToken).ConfigureAwait(false);
        var previous = EvidenceKeys.Previous(options.Previous);

        var (run, sandbox) = await RunEngineAsync(configuration, cancellationToken).ConfigureAwait(false);
        await using (sandbox)
        {
            if (options.SignKmsKey is { } kmsKey)
            {
                // The sandbox's KMS signs in sandbox mode, so the whole path (GetPublicKey, Sign with a DIGEST) is exercised offline.
                Phase($"asking KMS for the public key of {kmsKey}");
                signer = await KmsSigning.SignerAsync(kmsKey, sandbox?.Endpoint, sandbox is null ? null : SandboxStack.Credentials, configuration.Run, run.Region, cancellationToken).ConfigureAwait(false);
            }

            var reports = new ReportFiles(_out, options, root);
            var evidence = EvidenceBuilder.Build(run, new ToolInfo { Version = Repository.ToolVersion(), GitCommit = Repository.GitCommit(root) }, EvidenceBundle.Describe(signer), previous);
            var written = await reports.WriteAsync(run, evidence, signer, Phase, cancellationToken).ConfigureAwait(false);
            ConsoleSummary.Print(evidence, written, _clock.Elapsed);
            return run.ExitCode;
        }
    }

    private async Task<(RunResult Run, SandboxStack? Sandbox)> RunEngineAsync(RunConfiguration configuration, CancellationToken cancellationToken)
    {
        var request = new EngineRequest { Settings = configuration.Run, DataPath = configuration.DataPath, Time = TimeProvider.System };
        if (configuration.Run.Mode != "sandbox")
        {
            Phase("collecting and evaluating" + (configuration.DataPath is null ? "" : ", then probing the data path"));
            return (await Engine.RunAsync(request, cancellationToken).ConfigureAwait(false), null);
        }

        if (configuration.Run.InventoryFile is not null && configuration.DataPath is not null)
        {
            throw new UsageException("--connectivity on with a sandbox inventory: the local TLS servers stand in for one stack, so the data path of several accounts cannot be told apart; run one scenario for the data path, or leave --connectivity off.");
        }

        SecretsToPlant? plant = null;
        if (configuration.DataPath is { } dataPath)
        {
            Phase("starting the sandbox's TLS servers (sandbox/servers/up.sh)");
            if (await Processes.RunAsync("bash", ["sandbox/servers/up.sh"], root, onLine: Indent).ConfigureAwait(false) != 0)
            {
                throw new UsageException("The sandbox's PostgreSQL/Redis/HTTPS servers could not be started (sandbox/servers/up.sh failed), so the data path cannot be checked. Run it by hand to see why, or pass --connectivity off.");
            }

            plant = Plant(configuration, dataPath);
        }

        var accounts = configuration.Run.Accounts;
        Phase(configuration.Run.InventoryFile is null
            ? $"serving sandbox scenario {configuration.Run.SandboxScenario} in process; collecting and evaluating" + (plant is null ? "" : ", then probing the data path")
            : $"serving a sandbox organisation of {accounts.Count} accounts in process; assuming each account's role, collecting and evaluating");
        var sandbox = configuration.Run.InventoryFile is null
            ? await StartSandboxAsync(configuration.Run.SandboxScenario!, plant, cancellationToken).ConfigureAwait(false)
            : await StartOrganisationAsync(configuration.Run.InventoryFile, cancellationToken).ConfigureAwait(false);
        try
        {
            return (await Engine.RunAsync(request with { Endpoint = sandbox.Endpoint, Credentials = SandboxStack.Credentials, KnownSecrets = sandbox.PlantedSecrets }, cancellationToken).ConfigureAwait(false), sandbox);
        }
        catch
        {
            await sandbox.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<SandboxStack> StartSandboxAsync(string scenario, SecretsToPlant? plant, CancellationToken cancellationToken)
    {
        try
        {
            return await SandboxStack.StartAsync(scenario, plant, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ScenarioException e)
        {
            throw new UsageException($"--scenario: {e.Message}");
        }
    }

    /// <summary>One sandbox endpoint serving every inventory account from its scenario, each behind its audit role.</summary>
    private static async Task<SandboxStack> StartOrganisationAsync(string inventory, CancellationToken cancellationToken)
    {
        try
        {
            return await SandboxStack.StartOrganisationAsync([.. OrganisationInventory.Read(inventory).Select(a => a.Member)], ct: cancellationToken).ConfigureAwait(false);
        }
        catch (ScenarioException e)
        {
            throw new UsageException($"--inventory: {e.Message}");
        }
    }

    /// <summary>The local servers' real credentials, planted in the sandbox's secrets so the probes fetch them as from AWS.</summary>
    private static SecretsToPlant? Plant(RunConfiguration configuration, Probes.Connectivity.ConnectivitySettings dataPath)
    {
        if (dataPath.SandboxServersCredentialsFile is not { } file)
        {
            throw new UsageException("Setting SandboxServersCredentialsFile: sandbox mode needs the credentials.env written by sandbox/servers/up.sh, found none.");
        }

        StackOutputs outputs;
        try
        {
            outputs = StackOutputsReader.Read(configuration.Run.OutputsPaths[0]);
        }
        catch (OutputsException)
        {
            // The engine reports the outputs file in its own words; nothing to plant for a stack that cannot be read.
            return null;
        }

        try
        {
            return new SecretsToPlant(ServersCredentials.Read(file), outputs.DbSecretArn, outputs.DbEndpoint.Host, outputs.DbEndpoint.Port, dataPath.RedisAuthSecretArn);
        }
        catch (ScenarioException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private void Phase(string what) => Console.Error.WriteLine($"[{_clock.Elapsed.TotalSeconds,5:0.0}s] {what}");

    private static void Indent(string line) => Console.Error.WriteLine($"    {line}");
}
