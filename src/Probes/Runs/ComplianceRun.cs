using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Verification.Probes.Aws;
using Verification.Probes.Collection;
using Verification.Probes.Controls;
using Verification.Probes.Outputs;

namespace Verification.Probes.Runs;

/// <summary>Why a run could not start (credentials, region, outputs): reported once, before any control runs.</summary>
public sealed class RunSetupException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The process exit code: the run could not evaluate anything.</summary>
    public int ExitCode => Gate.ExitCode(RunOutcome.CouldNotEvaluate);
}

/// <summary>One stack's collected snapshot and its evaluated controls.</summary>
public sealed record StackRun(StackSnapshot Snapshot, IReadOnlyList<ControlResult> Results)
{
    public RunOutcome Outcome => Gate.Outcome(Results.Select(r => r.Verdict));
}

/// <summary>Reads the outputs, opens an AWS session, collects every stack once and evaluates every control.</summary>
public static class ComplianceRun
{
    /// <summary>Runs the configuration checks for every outputs file in <paramref name="settings"/>.</summary>
    /// <param name="endpoint">An endpoint for every service (the sandbox); null for real AWS.</param>
    /// <param name="credentials">Explicit credentials (the sandbox's); null for the SDK's standard chain.</param>
    public static async Task<IReadOnlyList<StackRun>> ExecuteAsync(RunSettings settings, Uri? endpoint, AWSCredentials? credentials, TimeProvider time, CancellationToken cancellationToken)
    {
        var outputs = settings.OutputsPaths.Select(path => StackOutputsReader.Read(path))
            .Select(stack => settings.StateBucket is { } bucket ? stack with { StateBucket = bucket } : stack)
            .ToList();
        var region = settings.Region ?? outputs[0].Region ?? NonEmpty(outputs[0].ArnRegion) ?? AwsSession.DefaultRegion()
            ?? throw new RunSetupException("No AWS region: set Region in the runsettings, AWS_REGION, or a region in the profile.");
        using var session = new AwsSession(region, credentials ?? ResolveCredentials(settings.Profile), new AwsEndpoints(endpoint), settings.Retry, time);
        using var collector = new StackCollector(session);

        // Stacks are collected together so that the account-wide lists they share are asked once, while other
        // stacks' own questions are in flight.
        var snapshots = await Task.WhenAll(outputs.Select(stack => collector.CollectAsync(stack, cancellationToken))).ConfigureAwait(false);
        var calls = session.Calls.Calls;
        var runs = new List<StackRun>();
        foreach (var collected in snapshots)
        {
            EnsureCredentialsWork(collected);
            // Shared calls serve every stack, so each snapshot's evidence is the run's whole call log.
            var snapshot = snapshots.Length == 1 ? collected : collected with { Calls = [.. calls] };
            runs.Add(new StackRun(snapshot, Evaluation.Run(snapshot, settings.Policy, snapshot.FinishedAt)));
        }

        return runs;
    }

    private static AWSCredentials ResolveCredentials(string? profile)
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

    /// <summary>Expired or invalid credentials fail every call the same way: say so once instead of one Error per control.</summary>
    private static void EnsureCredentialsWork(StackSnapshot snapshot)
    {
        if (snapshot.Caller.Error is { Code: "ExpiredToken" or "ExpiredTokenException" or "InvalidClientTokenId" or "UnrecognizedClientException" or "SignatureDoesNotMatch" } error)
        {
            throw new RunSetupException($"The AWS credentials were rejected ({error.Code}: {error.Message}). Refresh them (aws sso login, or re-assume the role) and run again.");
        }
    }

    private static string? NonEmpty(string value) => value.Length == 0 ? null : value;
}
