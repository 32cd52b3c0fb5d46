using System.Diagnostics;
using System.Globalization;
using Verification.Probes.Aws;
using Verification.Sandbox;

namespace Verification.Benchmarks;

/// <summary>
/// The gate against the AWS CLI making the same reads: bench/aws-cli-baseline.sh's wall time, the verify command's
/// process start to exit, and the in-process run (collection and evaluation), all against one sandbox serving compliant-rds.
/// </summary>
internal static class GateComparison
{
    /// <summary>Until verify runs the gate in process, the tool the ./verify script builds; {outputs} and {out} are filled in.</summary>
    public const string DefaultVerifyCommand = "./verify --mode gate --allow-insecure-endpoint --no-allure --outputs {outputs} --out {out}";

    public static async Task<int> RunAsync(int runs, string verifyCommand, int latencyMs)
    {
        var invariant = CultureInfo.InvariantCulture;
        var root = RepositoryRoot();
        var scenario = Scenario.Load("compliant-rds");
        var outputs = SandboxRuns.WriteOutputs(scenario);
        await using var sandbox = await SandboxServer.StartAsync(scenario, new SandboxOptions { Latency = TimeSpan.FromMilliseconds(latencyMs) });
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS_ENDPOINT_URL"] = sandbox.Endpoint.ToString().TrimEnd('/'),
            ["AWS_ACCESS_KEY_ID"] = SandboxCredentials.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = SandboxCredentials.SecretAccessKey,
            ["AWS_REGION"] = scenario.Region,
            ["AWS_DEFAULT_REGION"] = scenario.Region,
        };

        Console.WriteLine($"compliant-rds at {sandbox.Endpoint} ({latencyMs} ms per request); median of {runs} after one warm-up.");
        var cli = await TimeProcessAsync($"bash bench/aws-cli-baseline.sh {outputs}", root, environment);
        Console.WriteLine($"  AWS CLI baseline: exit {cli.Exit}, {cli.Wall.TotalSeconds:0.00} s ({cli.LastLine})");

        var command = verifyCommand.Replace("{outputs}", outputs, StringComparison.Ordinal)
            .Replace("{out}", Directory.CreateTempSubdirectory("verification-bench-gate-").FullName, StringComparison.Ordinal);
        await TimeProcessAsync(command, root, environment);
        var verify = new List<(TimeSpan Wall, int Exit)>();
        for (var i = 0; i < runs; i++)
        {
            var run = await TimeProcessAsync(command, root, environment);
            verify.Add((run.Wall, run.Exit));
        }

        await SandboxRuns.RunAsync(sandbox, [outputs], RetryPolicy.Default);
        var inProcess = new List<TimeSpan>();
        for (var i = 0; i < runs; i++)
        {
            inProcess.Add((await SandboxRuns.RunAsync(sandbox, [outputs], RetryPolicy.Default)).Wall);
        }

        var verifyWall = SandboxRuns.Median(verify.Select(v => v.Wall));
        var inProcessWall = SandboxRuns.Median(inProcess);
        Console.WriteLine();
        Console.WriteLine("| what | exit | wall |");
        Console.WriteLine("| --- | ---: | ---: |");
        Console.WriteLine(string.Create(invariant, $"| AWS CLI, the gate's reads one after another (bench/aws-cli-baseline.sh) | {cli.Exit} | {cli.Wall.TotalMilliseconds:0} ms |"));
        Console.WriteLine(string.Create(invariant, $"| `{verifyCommand}`, process start to exit | {string.Join("/", verify.Select(v => v.Exit).Distinct())} | {verifyWall.TotalMilliseconds:0} ms |"));
        Console.WriteLine(string.Create(invariant, $"| in-process gate run (Engine: collection + evaluation) | - | {inProcessWall.TotalMilliseconds:0} ms |"));
        Console.WriteLine();
        Console.WriteLine(string.Create(invariant, $"verify / AWS CLI: {verifyWall / cli.Wall:0.00}× ({cli.Wall / verifyWall:0.0}× faster); in-process / AWS CLI: {inProcessWall / cli.Wall:0.000}×"));

        // A verify that did not reach a verdict (a stale build, a refused setting) measured nothing: say so by the exit code.
        return cli.Exit == 0 && verify.All(v => v.Exit == 0) ? 0 : 1;
    }

    private static async Task<(TimeSpan Wall, int Exit, string LastLine)> TimeProcessAsync(string command, string root, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("bash", ["-c", command])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var wall = clock.Elapsed;
        var lines = ((await output) + (await errors)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (wall, process.ExitCode, lines.LastOrDefault(l => l.StartsWith("aws-cli-baseline:", StringComparison.Ordinal)) ?? lines.LastOrDefault() ?? "");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Directory.Packages.props")) && File.Exists(Path.Combine(directory.FullName, "verify")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (with ./verify) was not found above " + AppContext.BaseDirectory);
    }
}
