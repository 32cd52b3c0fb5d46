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

        var runs = await ComplianceRun.ExecuteAsync(settings, sandbox.Endpoint, credentials, TimeProvider.System, CancellationToken.None);

        return runs.Single();
    }

    /// <summary>The scenario's outputs as a flat outputs file (what `pulumi stack output --json` prints).</summary>
    public static string WriteOutputs(Scenario scenario)
    {
        var path = Path.Combine(Path.GetTempPath(), $"verification-{scenario.Name}-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(scenario.Outputs));
        return path;
    }

    public static IEnumerable<string> Failing(StackRun run) =>
        run.Results.Where(r => r.Verdict is ControlVerdict.Failed or ControlVerdict.Warning).Select(r => r.Control.Id).Order(StringComparer.Ordinal);

    public static IEnumerable<string> Unevaluated(StackRun run) =>
        run.Results.Where(r => r.Verdict == ControlVerdict.CouldNotEvaluate).Select(r => $"{r.Control.Id}: {r.Explain()}");
}
