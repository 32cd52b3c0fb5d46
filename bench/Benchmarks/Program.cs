using System.Globalization;
using Verification.Benchmarks;
using Verification.Sandbox;

// Collection speed against the sandbox with injected per-request latency; a Stopwatch harness, median of N runs.
// Usage: dotnet run -c Release --project bench/Benchmarks -- [--runs 5] [--stacks 50]
var invariant = CultureInfo.InvariantCulture;
var runs = Option("--runs", 5);
var stackCount = Option("--stacks", 50);
var workspace = Directory.CreateTempSubdirectory("verification-bench-").FullName;
var clones = StackClones.Write("compliant-rds", stackCount, workspace);

Console.WriteLine($"Full collection of compliant-rds against the sandbox, median of {runs} runs (after one warm-up).");
Console.WriteLine();
Console.WriteLine("| stacks | latency | AWS calls | wall (median) | sum of call latencies | depth | wall / (depth × latency) | repeated requests |");
Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
var medians = new Dictionary<(int, int), CollectionMeasurement>();
foreach (var latency in new[] { 50, 100 })
{
    foreach (var (label, scenario, outputs) in new[]
    {
        ("1", Scenario.Load("compliant-rds"), (IReadOnlyList<string>)[WriteOutputs(Scenario.Load("compliant-rds"))]),
        ($"{stackCount}", Scenario.Load(clones.ScenarioPath), clones.OutputsPaths),
    })
    {
        await using var sandbox = await SandboxServer.StartAsync(scenario, new SandboxOptions { Latency = TimeSpan.FromMilliseconds(latency) });
        await CollectionMeasurement.RunAsync(sandbox, outputs);
        var measured = new List<CollectionMeasurement>();
        for (var i = 0; i < runs; i++)
        {
            measured.Add(await CollectionMeasurement.RunAsync(sandbox, outputs));
        }

        var median = measured.OrderBy(m => m.Wall).ElementAt(measured.Count / 2);
        medians[(outputs.Count, latency)] = median;
        var bound = median.Wall.TotalMilliseconds / (median.Depth * latency);
        Console.WriteLine(string.Create(invariant,
            $"| {label} | {latency} ms | {median.Calls} | {median.Wall.TotalMilliseconds:0} ms | {median.SumOfCalls.TotalMilliseconds:0} ms | {median.Depth} | {bound:0.00} | {measured.Sum(m => m.Repeated)} |"));
    }
}

Console.WriteLine();
foreach (var latency in new[] { 50, 100 })
{
    var one = medians[(1, latency)];
    var many = medians[(stackCount, latency)];
    Console.WriteLine(string.Create(invariant,
        $"{latency} ms: {stackCount} stacks took {many.Wall.TotalMilliseconds / one.Wall.TotalMilliseconds:0.0}× one stack's wall time ({stackCount}× would be {stackCount * one.Wall.TotalMilliseconds:0} ms) and {(double)many.Calls / one.Calls:0.0}× its calls."));
}

return 0;

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], invariant) : fallback;
}

static string WriteOutputs(Scenario scenario)
{
    var path = Path.Combine(Path.GetTempPath(), $"verification-bench-{scenario.Name}-{Guid.NewGuid():N}.json");
    File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(scenario.Outputs));
    return path;
}
