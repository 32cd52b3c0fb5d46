using System.Globalization;
using Verification.Benchmarks;
using Verification.Sandbox;

// Stopwatch harnesses against the in-process sandbox, median of N runs (see docs/benchmarks.md for each mode's command):
//   --mode collection  [--runs 5] [--stacks 50]            collection speed with per-request latency (default)
//   --mode gate        [--runs 3] [--latency 0] [--verify-command "..."]   AWS CLI baseline vs verify vs in-process
//   --mode clones      [--runs 3] [--latency 50] [--others 40]             one stack among clones vs alone
//   --mode throttled   [--seeds 20] [--policy default|fast]                issue 9: "N of N equal"
//   --mode accounts    [--runs 3] [--accounts 5] [--stacks 10]             one run over many accounts vs one run per stack
var invariant = CultureInfo.InvariantCulture;
var runs = Option("--runs", 5);
var stackCount = Option("--stacks", 50);
switch (Text("--mode") ?? "collection")
{
    case "gate":
        return await GateComparison.RunAsync(Option("--runs", 3), Text("--verify-command") ?? GateComparison.DefaultVerifyCommand, Option("--latency", 0));
    case "clones":
        return await CloneRatio.RunAsync(Option("--runs", 3), Option("--latency", 50), Option("--others", 40));
    case "throttled":
        var policy = Text("--policy") ?? "default";
        var retry = policy == "fast"
            ? new Verification.Probes.Aws.RetryPolicy(4, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(20)) { MinSendRate = 200 }
            : Verification.Probes.Aws.RetryPolicy.Default;
        return await ThrottledSeeds.RunAsync(Option("--seeds", 20), retry, policy);
    case "accounts":
        return await AccountsComparison.RunAsync(Option("--accounts", 5), Option("--stacks", 10), Option("--runs", 3));
    case "collection":
        break;
    default:
        Console.Error.WriteLine("--mode: expected collection, gate, clones, throttled or accounts.");
        return 2;
}

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

string? Text(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

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
