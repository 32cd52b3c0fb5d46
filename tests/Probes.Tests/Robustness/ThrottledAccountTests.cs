using NUnit.Framework;
using Verification.Probes.Aws;
using Verification.Sandbox;
using Verification.Sandbox.Faults;

namespace Verification.Probes.Tests.Robustness;

/// <summary>Issue 9: in a busy account that throttles, one stack's verdicts are the clean run's, whatever the seed.</summary>
public sealed class ThrottledAccountTests
{
    /// <summary>The stack under test plus forty clones of it in the same account.</summary>
    private static readonly Lazy<StackClones.Written> Account = new(() =>
        StackClones.Write("compliant-rds", ThrottledAccount.Stacks, Directory.CreateTempSubdirectory("verification-throttled-").FullName));

    private static readonly Lazy<Task<SandboxRunResult>> Clean = new(() =>
        SandboxRun.ExecuteAsync(Scenario.Load(Account.Value.ScenarioPath), retry: ThrottledAccount.Retry, outputsPaths: [Account.Value.OutputsPaths[0]]));

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public async Task One_stack_among_forty_clones_keeps_the_clean_verdicts_under_thirty_percent_throttling_and_five_percent_5xx(int seed)
    {
        var clean = await Clean.Value;
        var faults = ThrottledAccount.Faults(seed);

        var faulty = await SandboxRun.ExecuteAsync(Scenario.Load(Account.Value.ScenarioPath), new SandboxOptions { Faults = faults }, ThrottledAccount.Retry, outputsPaths: [Account.Value.OutputsPaths[0]]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(SandboxRun.Verdicts(faulty.Single), Is.EqualTo(SandboxRun.Verdicts(clean.Single)));
            Assert.That(faulty.Calls.Select(c => c.Outcome), Is.All.EqualTo(AwsCallOutcome.Succeeded));
            Assert.That(faulty.Calls.Sum(c => c.Attempts - 1), Is.EqualTo(faults.Injected), "every injected fault is one counted retry");
            Assert.That((double)faults.Injected / faulty.ActionsCalled.Count, Is.InRange(0.25, 0.45), "about 35 % of requests were faulted");
        }
    }
}

/// <summary>The busy account: what the test and the benchmark both run.</summary>
internal static class ThrottledAccount
{
    /// <summary>The stack under test and its forty clones.</summary>
    public const int Stacks = 41;

    /// <summary>Millisecond backoff so a seed takes seconds; the send-rate floor keeps the adaptive bucket from pacing the test to a crawl.</summary>
    public static RetryPolicy Retry { get; } = SandboxRun.Fast with { MinSendRate = 200 };

    /// <summary>35 % of requests faulted, six throttles to one 500: 30 % throttling and 5 % server errors, with no cap on runs of faults.</summary>
    public static FaultPlan Faults(int seed) => new()
    {
        Fraction = 0.35,
        MaxConsecutive = int.MaxValue,
        Seed = seed,
        Kinds = [FaultKind.Throttle, FaultKind.Throttle, FaultKind.Throttle, FaultKind.Throttle, FaultKind.Throttle, FaultKind.Throttle, FaultKind.ServerError],
    };
}
