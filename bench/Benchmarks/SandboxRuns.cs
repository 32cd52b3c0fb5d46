using System.Diagnostics;
using Amazon.Runtime;
using RetryPolicy = Verification.Probes.Aws.RetryPolicy;
using Verification.Probes.Controls;
using Verification.Probes.Runs;
using Verification.Sandbox;

namespace Verification.Benchmarks;

/// <summary>One stack's run as the gate makes it, in process, against a sandbox already serving.</summary>
internal static class SandboxRuns
{
    public static BasicAWSCredentials Key { get; } = new(SandboxCredentials.AccessKeyId, SandboxCredentials.SecretAccessKey);

    /// <summary>Runs the engine on <paramref name="outputsPaths"/> as the gate does (configuration only); returns the stacks and the wall time.</summary>
    public static async Task<(IReadOnlyList<StackRun> Runs, TimeSpan Wall)> RunAsync(SandboxServer sandbox, IReadOnlyList<string> outputsPaths, RetryPolicy retry)
    {
        var settings = new RunSettings { OutputsPaths = outputsPaths, Mode = "gate", Retry = retry, Region = sandbox.Scenario.Region };
        var clock = Stopwatch.StartNew();
        var result = await Engine.RunAsync(new EngineRequest { Settings = settings, Endpoint = sandbox.Endpoint, Credentials = Key, Time = TimeProvider.System }, CancellationToken.None);
        if (result.Errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors));
        }

        return (result.Stacks, clock.Elapsed);
    }

    /// <summary>Each control's verdict, in catalogue order.</summary>
    public static IReadOnlyList<(string Control, ControlVerdict Verdict)> Verdicts(StackRun run) =>
        [.. run.Results.Select(r => (r.Control.Id, r.Verdict))];

    /// <summary>Writes a scenario's own outputs to a temporary file.</summary>
    public static string WriteOutputs(Scenario scenario)
    {
        var path = Path.Combine(Path.GetTempPath(), $"verification-bench-{scenario.Name}-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(scenario.Outputs));
        return path;
    }

    public static T Median<T>(IEnumerable<T> values) where T : IComparable<T>
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
