using System.Text.Json;
using Amazon.Runtime;
using Verification.Probes.Controls;
using Verification.Probes.Runs;
using Verification.Sandbox;

namespace Verification.Probes.Tests.Scenarios;

/// <summary>Runs the whole configuration suite against one sandbox scenario, as a user's gate would.</summary>
internal static class ScenarioRun
{
    public static async Task<StackRun> ExecuteAsync(Scenario scenario, Policy? policy = null)
    {
        await using var sandbox = await SandboxServer.StartAsync(scenario);
        var outputs = WriteOutputs(scenario);
        var settings = new RunSettings { OutputsPaths = [outputs], Mode = "sandbox", SandboxScenario = scenario.Name, Policy = policy ?? Policy.Default };
        var credentials = new BasicAWSCredentials(SandboxCredentials.AccessKeyId, SandboxCredentials.SecretAccessKey);

        var result = await Engine.RunAsync(new EngineRequest { Settings = settings, Time = TimeProvider.System, Endpoint = sandbox.Endpoint, Credentials = credentials }, CancellationToken.None);

        return StacksOf(result).Single();
    }

    /// <summary>The scenario's outputs as a flat outputs file (what `pulumi stack output --json` prints).</summary>
    public static string WriteOutputs(Scenario scenario)
    {
        var path = Path.Combine(Path.GetTempPath(), $"verification-{scenario.Name}-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(scenario.Outputs));
        return path;
    }

    /// <summary>The stacks of an engine run, or the run's errors as the exception a caller that needs stacks would see.</summary>
    public static IReadOnlyList<StackRun> StacksOf(RunResult result) =>
        result.Errors.Count == 0 ? result.Stacks : throw new RunSetupException(string.Join(" ", result.Errors));

    public static IEnumerable<string> Failing(StackRun run) =>
        run.Results.Where(r => r.Verdict is ControlVerdict.Failed or ControlVerdict.Warning).Select(r => r.Control.Id).Order(StringComparer.Ordinal);

    public static IEnumerable<string> Unevaluated(StackRun run) =>
        run.Results.Where(r => r.Verdict == ControlVerdict.CouldNotEvaluate).Select(r => $"{r.Control.Id}: {r.Explain()}");
}
