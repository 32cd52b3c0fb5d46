using System.Globalization;
using Verification.Probes.Aws;
using Verification.Sandbox;
using Verification.Sandbox.Faults;

namespace Verification.Benchmarks;

/// <summary>
/// Issue 9's acceptance run: one stack among forty clones, the sandbox throttling 30 % of requests and failing 5 % with a
/// 500, N seeds; each seed's verdicts must equal the clean run's.
/// </summary>
internal static class ThrottledSeeds
{
    public static async Task<int> RunAsync(int seeds, RetryPolicy retry, string policyName)
    {
        var invariant = CultureInfo.InvariantCulture;
        var account = StackClones.Write("compliant-rds", 41, Directory.CreateTempSubdirectory("verification-bench-throttled-").FullName);
        var scenario = Scenario.Load(account.ScenarioPath);
        string[] outputs = [account.OutputsPaths[0]];
        IReadOnlyList<(string, Probes.Controls.ControlVerdict)> clean;
        await using (var sandbox = await SandboxServer.StartAsync(scenario))
        {
            clean = SandboxRuns.Verdicts((await SandboxRuns.RunAsync(sandbox, outputs, retry)).Runs.Single());
        }

        Console.WriteLine($"One stack (s01) among 41 in one account; 30 % throttling + 5 % 500s; retry policy '{policyName}'.");
        Console.WriteLine();
        Console.WriteLine("| seed | requests | faults injected | retries recorded | slowest call | wall | verdicts |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        var equal = 0;
        for (var seed = 1; seed <= seeds; seed++)
        {
            var faults = Plan(seed);
            await using var sandbox = await SandboxServer.StartAsync(scenario, new SandboxOptions { Faults = faults });
            var (runs, wall) = await SandboxRuns.RunAsync(sandbox, outputs, retry);
            var run = runs.Single();
            var same = SandboxRuns.Verdicts(run).SequenceEqual(clean);
            equal += same ? 1 : 0;
            var calls = run.Snapshot.Calls;
            var changed = same ? "equal" : "DIFFER: " + string.Join(", ", SandboxRuns.Verdicts(run).Except(clean).Select(v => $"{v.Item1}={v.Item2}"));
            Console.WriteLine(string.Create(invariant,
                $"| {seed} | {sandbox.ActionsCalled.Count} | {faults.Injected} | {calls.Sum(c => c.Attempts - 1)} | {calls.Max(c => c.Duration).TotalMilliseconds:0} ms | {wall.TotalMilliseconds:0} ms | {changed} |"));
        }

        Console.WriteLine();
        Console.WriteLine($"{equal} of {seeds} equal");
        return equal == seeds ? 0 : 1;
    }

    /// <summary>35 % of requests faulted, six throttles to one 500, no cap on runs of faults (as ThrottledAccountTests).</summary>
    public static FaultPlan Plan(int seed) => new()
    {
        Fraction = 0.35,
        MaxConsecutive = int.MaxValue,
        Seed = seed,
        Kinds = [FaultKind.Throttle, FaultKind.Throttle, FaultKind.Throttle, FaultKind.Throttle, FaultKind.Throttle, FaultKind.Throttle, FaultKind.ServerError],
    };
}
