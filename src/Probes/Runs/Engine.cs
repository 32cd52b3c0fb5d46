using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Verification.Probes.Aws;
using Verification.Probes.Aws.SecretsManager;
using Verification.Probes.Aws.Transport;
using Verification.Probes.Collection;
using Verification.Probes.Connectivity;
using Verification.Probes.Connectivity.Checks;
using Verification.Probes.Controls;
using Verification.Probes.Outputs;

namespace Verification.Probes.Runs;

/// <summary>What one engine run is told: the settings, where AWS is, and which parts are in scope.</summary>
public sealed record EngineRequest
{
    public required RunSettings Settings { get; init; }

    /// <summary>The data-path settings; null or not in scope: the data path is "not in scope for this run".</summary>
    public ConnectivitySettings? DataPath { get; init; }

    /// <summary>False runs only the data path (the Connectivity suite's session).</summary>
    public bool Configuration { get; init; } = true;

    /// <summary>An endpoint for every service (the sandbox); null for real AWS and AWS_ENDPOINT_URL.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>Explicit credentials (the sandbox's); null for the profile or the SDK's standard chain.</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>Secret values known before the run (planted in the sandbox): scrubbed from every finding like the fetched ones.</summary>
    public IReadOnlyList<string> KnownSecrets { get; init; } = [];

    /// <summary>The run's clock: every timestamp and delay comes from it, so a test can fake it.</summary>
    public required TimeProvider Time { get; init; }
}

/// <summary>
/// The one engine: outputs → collection → evaluation → data-path probes → gate, returning one immutable
/// <see cref="RunResult"/>. It never throws for what it finds: a run that cannot start is a result with errors.
/// </summary>
public static class Engine
{
    public static async Task<RunResult> RunAsync(EngineRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = request.Settings;
        var time = request.Time;
        var started = time.GetUtcNow();
        var dataPathInScope = request.DataPath is { InScope: true };
        var result = new RunResult
        {
            Mode = settings.Mode,
            SandboxScenario = settings.SandboxScenario,
            StartedAt = started,
            FinishedAt = started,
            Region = settings.Region,
            Profile = settings.Profile,
            OutputsFiles = settings.OutputsPaths,
            Policy = settings.Policy,
            WaiversFile = settings.WaiversFile,
            AllowInsecureEndpoint = settings.AllowInsecureEndpoint,
            DataPathInScope = dataPathInScope,
        };

        List<StackOutputs> outputs;
        string region;
        AWSCredentials credentials;
        AwsEndpoints endpoints;
        SortedDictionary<string, EndpointUse> used;
        try
        {
            outputs = ReadOutputs(settings);
            region = settings.Region ?? outputs[0].Region ?? NonEmpty(outputs[0].ArnRegion) ?? AwsSession.DefaultRegion()
                ?? throw new RunSetupException("No AWS region: set Region in the runsettings (or --region), AWS_REGION, or a region in the profile.");
            WaiverFile.RequireWithinCap(settings.Policy, started, settings.WaiversFile);
            endpoints = new AwsEndpoints(request.Endpoint);
            used = EndpointUses.Of(endpoints, region);
            if (request.Endpoint is null)
            {
                EndpointUses.RequireHttps(used, settings.AllowInsecureEndpoint);
            }

            credentials = request.Credentials ?? ResolveCredentials(settings.Profile);
        }
        catch (Exception e) when (e is OutputsException or RunSetupException or SettingsException or WaiverException or InsecureEndpointException or UriFormatException)
        {
            return result with { Errors = [e.Message], FinishedAt = time.GetUtcNow() };
        }

        result = result with { Endpoints = used };
        using var session = new AwsSession(region, credentials, endpoints, settings.Retry, time);
        var stacks = request.Configuration ? await CollectAndEvaluateAsync(session, outputs, settings.Policy, cancellationToken).ConfigureAwait(false) : [];
        var errors = new List<string>();
        if (stacks.Select(s => s.Snapshot.Caller.Error).FirstOrDefault(RejectedCredentials) is { } rejected)
        {
            // Rejected credentials fail every call the same way: one message instead of one Error per control.
            errors.Add($"The AWS credentials were rejected ({rejected.Code}: {rejected.Message}). Refresh them (aws sso login, or re-assume the role) and run again.");
            stacks = [];
        }

        var secrets = new List<string>(request.KnownSecrets);
        var dataPath = dataPathInScope
            ? await RunDataPathAsync(session, outputs, request.DataPath!, settings.Policy, secrets, time, cancellationToken).ConfigureAwait(false)
            : [];
        return Scrubbed(result with
        {
            Region = region,
            Stacks = stacks,
            DataPath = dataPath,
            Calls = [.. session.Calls.Calls],
            Errors = errors,
            FinishedAt = time.GetUtcNow(),
        }, secrets);
    }

    private static List<StackOutputs> ReadOutputs(RunSettings settings)
    {
        if (settings.OutputsPaths.Count == 0)
        {
            throw new SettingsException("Setting Outputs: expected one or more stack outputs files, found none (--outputs FILE or VERIFY_OUTPUTS).");
        }

        return [.. settings.OutputsPaths.Select(path => StackOutputsReader.Read(path))
            .Select(stack => settings.StateBucket is { } bucket ? stack with { StateBucket = bucket } : stack)];
    }

    private static async Task<List<StackRun>> CollectAndEvaluateAsync(AwsSession session, List<StackOutputs> outputs, Policy policy, CancellationToken cancellationToken)
    {
        using var collector = new StackCollector(session);

        // Stacks are collected together so that the account-wide lists they share are asked once.
        var snapshots = await Task.WhenAll(outputs.Select(stack => collector.CollectAsync(stack, cancellationToken))).ConfigureAwait(false);
        var calls = session.Calls.Calls;

        // Shared calls serve every stack, so each snapshot's evidence is the whole call log of the collection.
        var runs = snapshots.Select(collected => snapshots.Length == 1 ? collected : collected with { Calls = [.. calls] })
            .Select(snapshot => new StackRun(snapshot, Evaluation.Run(snapshot, policy, snapshot.FinishedAt)));

        // An account-level control says the same of every stack in one account and region: keep it once, with the first stack.
        var shown = new HashSet<(string? Account, string Region, string Control)>();
        return [.. runs.Select(run => run with
        {
            Results = [.. run.Results.Where(r => r.Control.Scope == ControlScope.Stack || shown.Add((run.Snapshot.Caller.Value?.Account, run.Snapshot.Region, r.Control.Id)))],
        })];
    }

    private static async Task<List<DataPathResult>> RunDataPathAsync(
        AwsSession session, List<StackOutputs> outputs, ConnectivitySettings settings, Policy policy, List<string> secrets, TimeProvider time, CancellationToken cancellationToken)
    {
        var results = new List<DataPathResult>();
        if (outputs.Count > 1 && new[] { settings.DbConnectAddress, settings.RedisConnectAddress, settings.AlbConnectAddress, settings.AlbHttpConnectAddress }.Any(a => a is not null))
        {
            // An override moves one stack's sockets; applied to several stacks it would probe one stack's servers for all of them.
            const string reason = "Could not evaluate: a *ConnectAddress override moves one stack's sockets, and this run has several stacks; probe each stack in its own run, or drop the overrides.";
            return [.. outputs.SelectMany((o, stack) => DataPathCatalog.All.Select(check => Unrun(stack, check, o, reason, policy, time)))];
        }

        var secretsClient = new SecretsManagerClient(new AwsTransport(session));
        for (var stack = 0; stack < outputs.Count; stack++)
        {
            var stackOutputs = outputs[stack];
            DataPathCredentials credentials;
            try
            {
                credentials = await new SecretsManagerCredentials(secretsClient, stackOutputs.DbSecretArn, settings.RedisAuthSecretArn).GetAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is AwsServiceException or CredentialsException)
            {
                var reason = e is AwsServiceException
                    ? $"Could not evaluate: Secrets Manager refused GetSecretValue for the data-path credentials ({e.Message}). The runner's role needs secretsmanager:GetSecretValue on {stackOutputs.DbSecretArn}" +
                      (settings.RedisAuthSecretArn is null ? "" : $" and {settings.RedisAuthSecretArn}") + ", and kms:Decrypt on the stack key."
                    : $"Could not evaluate: {e.Message}";
                results.AddRange(DataPathCatalog.All.Select(check => Unrun(stack, check, stackOutputs, reason, policy, time)));
                continue;
            }

            secrets.AddRange(credentials.Secrets);
            var context = new DataPathContext(stackOutputs, DataPathTargets.From(stackOutputs, settings), credentials, settings, time);
            var findings = await Task.WhenAll(DataPathCatalog.All.Select(check => check.RunAsync(context, cancellationToken))).ConfigureAwait(false);
            results.AddRange(DataPathCatalog.All.Select((check, i) => new DataPathResult(stack, check, [findings[i]], Gate.Verdict(check.Severity, [findings[i].Status], policy))));
        }

        return results;
    }

    private static DataPathResult Unrun(int stack, DataPathCheck check, StackOutputs outputs, string reason, Policy policy, TimeProvider time) =>
        new(stack, check, [new DataPathFinding(check.Id, FindingStatus.Error, outputs.DbSecretArn, "", reason, new SortedDictionary<string, string>(StringComparer.Ordinal), time.GetUtcNow())],
            Gate.Verdict(check.Severity, [FindingStatus.Error], policy));

    /// <summary>Every secret the run learnt, removed from every message and value it reports (the probes scrub first; this is the second line).</summary>
    private static RunResult Scrubbed(RunResult result, List<string> secrets)
    {
        if (secrets.Count == 0)
        {
            return result;
        }

        string S(string text) => Redaction.Scrub(text, secrets);
        return result with
        {
            DataPath = [.. result.DataPath.Select(d => d with
            {
                Findings = [.. d.Findings.Select(f => f with
                {
                    Message = S(f.Message),
                    Evidence = new SortedDictionary<string, string>(f.Evidence.ToDictionary(e => e.Key, e => S(e.Value)), StringComparer.Ordinal),
                })],
            })],
            Stacks = [.. result.Stacks.Select(s => s with
            {
                Results = [.. s.Results.Select(r => r with
                {
                    Findings = [.. r.Findings.Select(f => f with
                    {
                        Message = S(f.Message),
                        Evidence = f.Evidence.ToDictionary(e => e.Key, e => e.Value is null ? null : S(e.Value)),
                    })],
                })],
            })],
        };
    }

    private static bool RejectedCredentials(CollectionError? error) =>
        error is { Code: "ExpiredToken" or "ExpiredTokenException" or "InvalidClientTokenId" or "UnrecognizedClientException" or "SignatureDoesNotMatch" };

    /// <summary>The profile's credentials, or the SDK's standard chain; one message when there are none.</summary>
    public static AWSCredentials ResolveCredentials(string? profile)
    {
        try
        {
            if (profile is null)
            {
                return AwsSession.DefaultCredentials();
            }

            return new CredentialProfileStoreChain().TryGetAWSCredentials(profile, out var credentials)
                ? credentials
                : throw new RunSetupException($"AWS profile '{profile}' was not found in ~/.aws/config or ~/.aws/credentials.");
        }
        catch (AmazonClientException e)
        {
            throw new RunSetupException($"No AWS credentials: {e.Message} Configure a profile (AWS_PROFILE), environment credentials, or OIDC web identity, then run again.", e);
        }
    }

    internal static string? NonEmpty(string value) => value.Length == 0 ? null : value;
}

/// <summary>Why a run could not start (credentials, region, outputs): reported once, before any control runs.</summary>
public sealed class RunSetupException(string message, Exception? inner = null) : Exception(message, inner);
