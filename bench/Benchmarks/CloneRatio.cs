using System.Globalization;
using Verification.Probes.Aws;
using Verification.Sandbox;

namespace Verification.Benchmarks;

/// <summary>One stack's gate run (collection and evaluation) in an account holding forty other clones, against the same stack alone.</summary>
internal static class CloneRatio
{
    public static async Task<int> RunAsync(int runs, int latencyMs, int others)
    {
        var invariant = CultureInfo.InvariantCulture;
        var account = StackClones.Write("compliant-rds", others + 1, Directory.CreateTempSubdirectory("verification-bench-clones-").FullName);
        var alone = StackClones.Write("compliant-rds", 1, Directory.CreateTempSubdirectory("verification-bench-alone-").FullName);
        var options = new SandboxOptions { Latency = TimeSpan.FromMilliseconds(latencyMs) };
        Console.WriteLine($"One stack's in-process gate run at {latencyMs} ms per request, median of {runs} (after one warm-up).");
        Console.WriteLine();
        Console.WriteLine("| account | AWS calls | requests | wall (median) |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        var walls = new List<double>();
        foreach (var (label, written) in new[] { ("the stack alone", alone), ($"the stack + {others} clones", account) })
        {
            await using var sandbox = await SandboxServer.StartAsync(Scenario.Load(written.ScenarioPath), options);
            string[] outputs = [written.OutputsPaths[0]];
            await SandboxRuns.RunAsync(sandbox, outputs, RetryPolicy.Default);
            var before = sandbox.ActionsCalled.Count;
            var measured = new List<(TimeSpan Wall, int Calls)>();
            for (var i = 0; i < runs; i++)
            {
                var (stackRuns, wall) = await SandboxRuns.RunAsync(sandbox, outputs, RetryPolicy.Default);
                measured.Add((wall, stackRuns.Single().Snapshot.Calls.Count));
            }

            var median = SandboxRuns.Median(measured.Select(m => m.Wall));
            walls.Add(median.TotalMilliseconds);
            Console.WriteLine(string.Create(invariant,
                $"| {label} | {measured[0].Calls} | {(sandbox.ActionsCalled.Count - before) / runs} | {median.TotalMilliseconds:0} ms |"));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(invariant, $"{others} clones: {walls[1] / walls[0]:0.00}× the lone stack's wall time (target ≤ 1.5×)."));
        return 0;
    }
}
