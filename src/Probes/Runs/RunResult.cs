using Verification.Probes.Aws;
using Verification.Probes.Collection;
using Verification.Probes.Connectivity.Checks;
using Verification.Probes.Controls;

namespace Verification.Probes.Runs;

/// <summary>One stack's collected snapshot and its evaluated controls.</summary>
public sealed record StackRun(StackSnapshot Snapshot, IReadOnlyList<ControlResult> Results)
{
    /// <summary>The name of the account (<see cref="AccountRun.Name"/>) the stack was collected in.</summary>
    public string Account { get; init; } = Inventory.Unnamed;

    /// <summary>Why the stack was not collected at all (its account's role could not be assumed); null when it was.</summary>
    public string? NotEvaluated { get; init; }

    public RunOutcome Outcome => NotEvaluated is null ? Gate.Outcome(Results.Select(r => r.Verdict)) : RunOutcome.CouldNotEvaluate;
}

/// <summary>One account of the run: where it was reached, as whom, and why it could not be evaluated when it could not.</summary>
/// <param name="Name">The inventory's name ("prod"), or the account id when the run has no inventory.</param>
/// <param name="AccountId">The account the role's session (or the base identity) belongs to, as STS says; else the inventory's.</param>
/// <param name="SessionName">The RoleSessionName sent with sts:AssumeRole, which the account's CloudTrail records.</param>
/// <param name="Error">Why none of the account's stacks could be evaluated (the role could not be assumed, credentials rejected).</param>
public sealed record AccountRun(string Name, string? AccountId, string Region, string? RoleArn, bool ExternalIdSent, string? SessionName, string? Error)
{
    /// <summary>Indexes into <see cref="RunResult.Stacks"/> of this account's stacks.</summary>
    public IReadOnlyList<int> Stacks { get; init; } = [];
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

    /// <summary>The accounts of the run, in inventory order; one for a run without an inventory.</summary>
    public IReadOnlyList<AccountRun> Accounts { get; init; } = [];

    /// <summary>The identity the roles were assumed from, when the run assumed any.</summary>
    public Aws.Model.CallerIdentity? BaseCaller { get; init; }

    /// <summary>The inventory file, when the run had one.</summary>
    public string? InventoryFile { get; init; }

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
    public RunOutcome Outcome => Gate.Outcome(Stacks.SelectMany(s => s.Results).Select(r => r.Verdict).Concat(DataPath.Select(d => d.Verdict)),
        Errors.Count > 0 || Stacks.Any(s => s.NotEvaluated is not null));

    /// <summary>One account's outcome: its stacks' controls and data-path checks, and its own error.</summary>
    public RunOutcome OutcomeOf(AccountRun account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var stacks = account.Stacks.Select(i => Stacks[i]).ToList();
        return Gate.Outcome(stacks.SelectMany(s => s.Results).Select(r => r.Verdict).Concat(DataPath.Where(d => account.Stacks.Contains(d.Stack)).Select(d => d.Verdict)),
            account.Error is not null || stacks.Any(s => s.NotEvaluated is not null));
    }

    /// <summary>The process exit code of <see cref="Outcome"/>.</summary>
    public int ExitCode => Gate.ExitCode(Outcome);
}
