using System.Diagnostics;
using Amazon.Runtime;
using Verification.Probes.Aws;
using Verification.Probes.Collection;
using Verification.Probes.Outputs;
using Verification.Sandbox;

namespace Verification.Benchmarks;

/// <summary>One collection of one or more stacks against a sandbox with per-request latency.</summary>
/// <param name="Calls">AWS calls the collector recorded (one per page).</param>
/// <param name="Wall">Elapsed time of the whole collection.</param>
/// <param name="SumOfCalls">The sum of every call's duration: what a client asking one call at a time would take.</param>
/// <param name="Depth">The longest chain of calls each starting after the previous one ended.</param>
/// <param name="Repeated">Requests the sandbox received more than once with the same body.</param>
internal sealed record CollectionMeasurement(int Stacks, int Calls, TimeSpan Wall, TimeSpan SumOfCalls, int Depth, int Repeated)
{
    /// <summary>Collects <paramref name="outputsPaths"/> together with one fresh collector, as the engine does.</summary>
    public static async Task<CollectionMeasurement> RunAsync(SandboxServer sandbox, IReadOnlyList<string> outputsPaths)
    {
        var outputs = outputsPaths.Select(p => StackOutputsReader.Read(p)).ToList();
        var credentials = new BasicAWSCredentials(SandboxCredentials.AccessKeyId, SandboxCredentials.SecretAccessKey);
        using var session = new AwsSession(sandbox.Scenario.Region, credentials, new AwsEndpoints(sandbox.Endpoint), Verification.Probes.Aws.RetryPolicy.Default, TimeProvider.System);
        using var collector = new StackCollector(session);
        var before = sandbox.RequestsReceived.Count;

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(outputs.Select(o => collector.CollectAsync(o, CancellationToken.None)));
        var wall = clock.Elapsed;

        var calls = session.Calls.Calls;
        var requests = sandbox.RequestsReceived.Skip(before).ToList();
        return new CollectionMeasurement(
            outputs.Count,
            calls.Count,
            wall,
            TimeSpan.FromTicks(calls.Sum(c => c.Duration.Ticks)),
            ChainLength(calls),
            requests.Count - requests.Distinct(StringComparer.Ordinal).Count());
    }

    /// <summary>The most calls that ran one after another: a greedy chain over calls ordered by their end.</summary>
    private static int ChainLength(IReadOnlyList<AwsCall> calls)
    {
        // A call that starts within a few milliseconds of another's end was waiting for it (scheduling jitter).
        var slack = TimeSpan.FromMilliseconds(5);
        var depth = 0;
        var chainEnd = DateTimeOffset.MinValue;
        foreach (var call in calls.OrderBy(c => c.StartedAt + c.Duration))
        {
            if (call.StartedAt + slack >= chainEnd)
            {
                depth++;
                chainEnd = call.StartedAt + call.Duration;
            }
        }

        return depth;
    }
}
