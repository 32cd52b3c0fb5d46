using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Verification.Probes.Aws;
using Verification.Probes.Aws.SecretsManager;
using Verification.Probes.Aws.Sts;
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

        List<AccountOutputs> accounts;
        string region;
        AWSCredentials credentials;
        AwsEndpoints endpoints;
        SortedDictionary<string, EndpointUse> used;
        try
        {
            accounts = ReadOutputs(settings);
            var first = accounts[0].Outputs[0];
            region = accounts[0].Target.Region ?? settings.Region ?? first.Region ?? NonEmpty(first.ArnRegion) ?? AwsSession.DefaultRegion()
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

        result = result with { Endpoints = used, InventoryFile = settings.InventoryFile };
        var run = new AccountsRun(request, credentials, endpoints, region, SessionName(settings.Mode, started), accounts.Sum(a => a.Outputs.Count));
        using var baseSession = new AwsSession(region, credentials, endpoints, settings.Retry, time);
        var baseCaller = accounts.Any(a => a.Target.RoleArn is not null) ? await BaseCallerAsync(baseSession, cancellationToken).ConfigureAwait(false) : null;
        using var slots = new SemaphoreSlim(settings.MaxParallelAccounts);
        var runs = await Task.WhenAll(accounts.Select(async account =>
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await run.AccountAsync(account, baseSession, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                slots.Release();
            }
        })).ConfigureAwait(false);

        // Indexes are global: stacks in inventory order, each account's data-path results pointing at its own stacks.
        var stacks = new List<StackRun>();
        var dataPath = new List<DataPathResult>();
        var accountRuns = new List<AccountRun>();
        foreach (var account in runs)
        {
            var offset = stacks.Count;
            stacks.AddRange(account.Stacks);
            dataPath.AddRange(account.DataPath.Select(d => d with { Stack = d.Stack + offset }));
            accountRuns.Add(account.Account with { Stacks = [.. Enumerable.Range(offset, account.Stacks.Count)] });
        }

        var secrets = new List<string>(request.KnownSecrets);
        secrets.AddRange(runs.SelectMany(r => r.Secrets));
        return Scrubbed(result with
        {
            Region = region,
            Stacks = OncePerAccount(stacks),
            Accounts = accountRuns,
            BaseCaller = baseCaller,
            DataPath = dataPath,
            Calls = [.. baseSession.Calls.Calls, .. runs.SelectMany(r => r.Calls)],
            // A lone account without a role keeps the plain message; several accounts name whose it is.
            Errors = [.. runs.Where(r => r.Account.Error is not null).Select(r => runs.Length == 1 && r.Account.RoleArn is null ? r.Account.Error! : $"Account {r.Account.Name}: {r.Account.Error}")],
            FinishedAt = time.GetUtcNow(),
        }, secrets);
    }

    /// <summary>One target's outputs files, read.</summary>
    private sealed record AccountOutputs(AccountTarget Target, List<StackOutputs> Outputs);

    /// <summary>What one account contributed: its stacks (indexes local to it), data-path results, secrets learnt and calls made.</summary>
    private sealed record AccountResult(AccountRun Account, List<StackRun> Stacks, List<DataPathResult> DataPath, List<string> Secrets, List<AwsCall> Calls);

    /// <summary>The run-wide inputs every account's collection shares.</summary>
    private sealed class AccountsRun(EngineRequest request, AWSCredentials baseCredentials, AwsEndpoints endpoints, string defaultRegion, string sessionName, int stackCount)
    {
        public async Task<AccountResult> AccountAsync(AccountOutputs account, AwsSession baseSession, CancellationToken cancellationToken)
        {
            var (target, outputs) = account;
            var settings = request.Settings;
            var region = target.Region ?? settings.Region ?? outputs[0].Region ?? NonEmpty(outputs[0].ArnRegion) ?? defaultRegion;
            var credentials = baseCredentials;
            var calls = new List<AwsCall>();

            // The STS client lives as long as the account's collection: the role session renews through it.
            using var sts = target.RoleArn is null ? null : new StsClient(baseSession);
            if (target.RoleArn is { } roleArn)
            {
                try
                {
                    credentials = await RoleSession.StartAsync(
                        token => sts!.AssumeRoleAsync(roleArn, sessionName, settings.RoleSessionSeconds, target.ExternalId, token),
                        TimeSpan.FromSeconds(settings.RoleSessionSeconds), request.Time, cancellationToken).ConfigureAwait(false);
                }
                catch (AwsServiceException e)
                {
                    var why = $"role {roleArn} could not be assumed ({e.ErrorCode}: {e.AwsMessage}), so its stacks were not evaluated. " +
                        "The role's trust policy must name the base identity" + (target.ExternalId is null ? "" : " and the inventory's externalId") +
                        " (docs/iam/verification-audit-trust-central.json), and the base identity needs sts:AssumeRole on it.";
                    return NotEvaluated(target, region, outputs, why, new CollectionError("sts:AssumeRole", e.ErrorCode, e.AwsMessage, region), calls);
                }
            }

            using var session = new AwsSession(region, credentials, endpoints, settings.Retry, request.Time);
            var stacks = request.Configuration ? await CollectAndEvaluateAsync(session, outputs, settings.Policy, cancellationToken).ConfigureAwait(false) : [];
            var caller = stacks.Select(s => s.Snapshot.Caller).FirstOrDefault();
            if (caller?.Error is { } error && RejectedCredentials(error))
            {
                // Rejected credentials fail every call the same way: one message instead of one Error per control.
                var why = target.RoleArn is null
                    ? $"The AWS credentials were rejected ({error.Code}: {error.Message}). Refresh them (aws sso login, or re-assume the role) and run again."
                    : $"the session of role {target.RoleArn} was rejected ({error.Code}: {error.Message}); run again (RoleSessionSeconds bounds how long it lasts).";
                return NotEvaluated(target, region, outputs, why, error, [.. session.Calls.Calls]);
            }

            // Evaluating another account and calling it by the inventory's name would be evidence about the wrong thing,
            // so the account is proven by STS, not assumed: an unanswered or blank GetCallerIdentity proves nothing.
            if (target.AccountId is { } expected && stacks.Count > 0 && caller?.Value?.Account is var actual && actual != expected)
            {
                var why = actual is { Length: > 0 }
                    ? $"the credentials are for account {actual}, but the inventory says {target.Name} is {expected}; nothing was judged. Fix the inventory's accountId or roleArn."
                    : $"STS did not say which account the credentials are for ({caller?.Error?.Explain() ?? "GetCallerIdentity named no account"}), so it is not proven to be {expected}; nothing was judged.";
                return NotEvaluated(target, region, outputs, why, new CollectionError("sts:GetCallerIdentity", "WrongAccount", why, region), [.. session.Calls.Calls]);
            }

            var secrets = new List<string>();
            var dataPath = request.DataPath is { InScope: true } connectivity
                ? await RunDataPathAsync(session, outputs, connectivity, settings.Policy, secrets, request.Time, stackCount, cancellationToken).ConfigureAwait(false)
                : [];
            var accountRun = new AccountRun(NameOf(target, caller?.Value?.Account),
                caller?.Value?.Account ?? target.AccountId, region, target.RoleArn, target.ExternalId is not null, target.RoleArn is null ? null : sessionName, null);
            return new AccountResult(accountRun, [.. stacks.Select(s => s with { Account = accountRun.Name })], dataPath, secrets, [.. session.Calls.Calls]);
        }

        /// <summary>The inventory's name; a run without one calls its account by the id, once known.</summary>
        private static string NameOf(AccountTarget target, string? accountId) =>
            target.Name == Inventory.Unnamed ? accountId ?? Inventory.Unnamed : target.Name;

        /// <summary>The account's stacks, each recorded with its outputs and the reason nothing was collected.</summary>
        private AccountResult NotEvaluated(AccountTarget target, string region, List<StackOutputs> outputs, string why, CollectionError reason, List<AwsCall> calls)
        {
            var now = request.Time.GetUtcNow();
            var name = NameOf(target, target.AccountId);
            var stacks = outputs.Select(o => new StackRun(new StackSnapshot { StartedAt = now, FinishedAt = now, Region = region, Outputs = o, Caller = Fetched<Aws.Model.CallerIdentity>.Failed(reason) }, [])
            {
                Account = name,
                NotEvaluated = why,
            }).ToList();
            var dataPath = request.DataPath is { InScope: true }
                ? outputs.SelectMany((o, stack) => DataPathCatalog.All.Select(check => Unrun(stack, check, o, $"Could not evaluate: {why}", request.Settings.Policy, request.Time))).ToList()
                : [];
            return new AccountResult(new AccountRun(name, target.AccountId, region, target.RoleArn, target.ExternalId is not null, target.RoleArn is null ? null : sessionName, why), stacks, dataPath, [], calls);
        }
    }

    /// <summary>The RoleSessionName: which tool, which kind of run and when, as the audited account's CloudTrail will show it.</summary>
    internal static string SessionName(string mode, DateTimeOffset started) =>
        $"verify-{mode}-{started.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Who assumes the roles; null when STS does not say (each AssumeRole then says why it failed).</summary>
    private static async Task<Aws.Model.CallerIdentity?> BaseCallerAsync(AwsSession session, CancellationToken cancellationToken)
    {
        try
        {
            using var sts = new StsClient(session);
            return await sts.GetCallerIdentityAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException)
        {
            return null;
        }
    }

    /// <summary>An account-level control says the same of every stack in one account and region: kept once, with the first stack.</summary>
    private static List<StackRun> OncePerAccount(List<StackRun> stacks)
    {
        var shown = new HashSet<(string? Account, string Region, string Control)>();
        return [.. stacks.Select(run => run with
        {
            Results = [.. run.Results.Where(r => r.Control.Scope == ControlScope.Stack || shown.Add((run.Snapshot.Caller.Value?.Account, run.Snapshot.Region, r.Control.Id)))],
        })];
    }

    private static List<AccountOutputs> ReadOutputs(RunSettings settings)
    {
        var targets = settings.Accounts.Count > 0 ? settings.Accounts : Inventory.FromPairs(settings.OutputsPaths, [], null);
        if (targets.Sum(t => t.OutputsPaths.Count) == 0)
        {
            throw new SettingsException("Setting Outputs: expected one or more stack outputs files (--outputs FILE or VERIFY_OUTPUTS), found none.");
        }

        return [.. targets.Select(target => new AccountOutputs(target, [.. target.OutputsPaths.Select(path => StackOutputsReader.Read(path))
            .Select(stack => settings.StateBucket is { } bucket ? stack with { StateBucket = bucket } : stack)]))];
    }

    private static async Task<List<StackRun>> CollectAndEvaluateAsync(AwsSession session, List<StackOutputs> outputs, Policy policy, CancellationToken cancellationToken)
    {
        using var collector = new StackCollector(session);

        // Stacks are collected together so that the account-wide lists they share are asked once.
        var snapshots = await Task.WhenAll(outputs.Select(stack => collector.CollectAsync(stack, cancellationToken))).ConfigureAwait(false);
        var calls = session.Calls.Calls;

        // Shared calls serve every stack, so each snapshot's evidence is the whole call log of the collection.
        return [.. snapshots.Select(collected => snapshots.Length == 1 ? collected : collected with { Calls = [.. calls] })
            .Select(snapshot => new StackRun(snapshot, Evaluation.Run(snapshot, policy, snapshot.FinishedAt)))];
    }

    private static async Task<List<DataPathResult>> RunDataPathAsync(
        AwsSession session, List<StackOutputs> outputs, ConnectivitySettings settings, Policy policy, List<string> secrets, TimeProvider time, int stackCount, CancellationToken cancellationToken)
    {
        var results = new List<DataPathResult>();
        if (stackCount > 1 && new[] { settings.DbConnectAddress, settings.RedisConnectAddress, settings.AlbConnectAddress, settings.AlbHttpConnectAddress }.Any(a => a is not null))
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
