using Amazon.Runtime;
using RetryPolicy = Verification.Probes.Aws.RetryPolicy;
using Verification.Probes.Aws;
using Verification.Probes.Controls;
using Verification.Probes.Runs;
using Verification.Probes.Tests.Scenarios;
using Verification.Sandbox;

namespace Verification.Probes.Tests.Robustness;

/// <summary>What one run against a misbehaving sandbox produced, and what the sandbox saw.</summary>
internal sealed record SandboxRunResult(RunResult Result, IReadOnlyList<string> ActionsCalled, IReadOnlyList<string> RequestsReceived, IReadOnlyList<string> SandboxLog)
{
    /// <summary>The stacks, or the run's errors thrown as a <see cref="RunSetupException"/>.</summary>
    public IReadOnlyList<StackRun> Runs => ScenarioRun.StacksOf(Result);

    public StackRun Single => Runs.Single();

    public IReadOnlyList<AwsCall> Calls => Single.Snapshot.Calls;
}

/// <summary>Runs the full configuration suite against a sandbox started with the given misbehaviour.</summary>
internal static class SandboxRun
{
    /// <summary>A retry budget with millisecond backoff, so fault tests take seconds.</summary>
    public static RetryPolicy Fast { get; } = new(4, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(20));

    public static BasicAWSCredentials SandboxKey { get; } = new(SandboxCredentials.AccessKeyId, SandboxCredentials.SecretAccessKey);

    public static async Task<SandboxRunResult> ExecuteAsync(Scenario scenario, SandboxOptions? options = null, RetryPolicy? retry = null, AWSCredentials? credentials = null, IReadOnlyList<string>? outputsPaths = null)
    {
        var log = new List<string>();
        var lines = new Lock();
        options ??= new SandboxOptions();
        await using var sandbox = await SandboxServer.StartAsync(scenario, options with { Log = line => { lock (lines) { log.Add(line); } } });
        var settings = new RunSettings
        {
            OutputsPaths = outputsPaths ?? [ScenarioRun.WriteOutputs(scenario)],
            Mode = "sandbox",
            SandboxScenario = scenario.Name,
            Retry = retry ?? Fast,
        };

        var result = await Engine.RunAsync(new EngineRequest { Settings = settings, Time = TimeProvider.System, Endpoint = sandbox.Endpoint, Credentials = credentials ?? SandboxKey }, CancellationToken.None);

        return new SandboxRunResult(result, sandbox.ActionsCalled, sandbox.RequestsReceived, [.. log]);
    }

    /// <summary>Each control's verdict, in catalogue order.</summary>
    public static IReadOnlyList<(string Control, ControlVerdict Verdict)> Verdicts(StackRun run) =>
        [.. run.Results.Select(r => (r.Control.Id, r.Verdict))];

    /// <summary>The controls whose verdict differs from <paramref name="clean"/>'s.</summary>
    public static IReadOnlyList<ControlResult> Changed(StackRun clean, StackRun run) =>
        [.. run.Results.Where(r => clean.Results.Single(c => c.Control.Id == r.Control.Id).Verdict != r.Verdict)];

    /// <summary>The clean compliant-rds run every fault run is compared with, collected once.</summary>
    public static Task<SandboxRunResult> Clean => CleanRun.Value;

    private static readonly Lazy<Task<SandboxRunResult>> CleanRun = new(() => ExecuteAsync(Scenario.Load("compliant-rds")));
}
