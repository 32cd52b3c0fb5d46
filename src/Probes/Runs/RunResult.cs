using Verification.Probes.Aws;
using Verification.Probes.Collection;
using Verification.Probes.Connectivity.Checks;
using Verification.Probes.Controls;

namespace Verification.Probes.Runs;

/// <summary>One stack's collected snapshot and its evaluated controls.</summary>
public sealed record StackRun(StackSnapshot Snapshot, IReadOnlyList<ControlResult> Results)
{
    public RunOutcome Outcome => Gate.Outcome(Results.Select(r => r.Verdict));
}

/// <summary>One data-path check's result on one stack, judged by the same gate table as a control.</summary>
/// <param name="Stack">Index into <see cref="RunResult.Stacks"/> (the stack whose endpoints were probed).</param>
public sealed record DataPathResult(int Stack, DataPathCheck Check, IReadOnlyList<DataPathFinding> Findings, ControlVerdict Verdict);

/// <summary>
/// Everything one run established, immutable: every control's and every data-path check's findings, the run outcome,
/// the call log and what could not be established. Every report, the NUnit suites and the exit code are views of it.
/// </summary>
public sealed record RunResult
{
    public required string Mode { get; init; }
    public string? SandboxScenario { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }
    public string? Region { get; init; }
    public string? Profile { get; init; }
    public IReadOnlyList<string> OutputsFiles { get; init; } = [];
    public Policy Policy { get; init; } = Policy.Default;

    /// <summary>The waivers file given, when any.</summary>
    public string? WaiversFile { get; init; }

    public IReadOnlyList<StackRun> Stacks { get; init; } = [];

    /// <summary>Service endpoint prefix → where its requests went; empty when the run stopped before choosing.</summary>
    public IReadOnlyDictionary<string, Aws.EndpointUse> Endpoints { get; init; } = new SortedDictionary<string, Aws.EndpointUse>(StringComparer.Ordinal);

    /// <summary>Whether plain-http endpoints were allowed (--allow-insecure-endpoint): a policy deviation.</summary>
    public bool AllowInsecureEndpoint { get; init; }

    /// <summary>Every way the settings differ from the shipped defaults, waivers in force included.</summary>
    public IReadOnlyList<PolicyDeviation> PolicyDeviations => PolicyDeviation.Of(Policy, StartedAt, AllowInsecureEndpoint);

    /// <summary>Whether the data-path checks were part of this run; when false every report says "not in scope for this run".</summary>
    public bool DataPathInScope { get; init; }

    public IReadOnlyList<DataPathResult> DataPath { get; init; } = [];

    /// <summary>Every AWS call the run made, shared and per stack.</summary>
    public IReadOnlyList<AwsCall> Calls { get; init; } = [];

    /// <summary>What stopped part or all of the run from being evaluated (outputs, credentials, settings), one sentence each.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>Non-compliant on any gating failure, else could-not-evaluate on any error, else compliant.</summary>
    public RunOutcome Outcome => Gate.Outcome(Stacks.SelectMany(s => s.Results).Select(r => r.Verdict).Concat(DataPath.Select(d => d.Verdict)), Errors.Count > 0);

    /// <summary>The process exit code of <see cref="Outcome"/>.</summary>
    public int ExitCode => Gate.ExitCode(Outcome);
}
