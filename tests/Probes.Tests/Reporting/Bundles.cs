using System.Security.Cryptography;
using Verification.Probes.Collection;
using Verification.Probes.Controls;
using Verification.Probes.Reporting;
using Verification.Probes.Runs;
using Verification.Probes.Tests.Scenarios;
using Verification.Sandbox;

namespace Verification.Probes.Tests.Reporting;

/// <summary>Evidence built from real sandbox runs (one run per scenario, cached), and bundles written to temporary folders.</summary>
internal static class Bundles
{
    private static readonly Dictionary<string, Lazy<Task<StackRun>>> Runs = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    public static Task<StackRun> RunOf(string scenario)
    {
        lock (Gate)
        {
            if (!Runs.TryGetValue(scenario, out var lazy))
            {
                lazy = new Lazy<Task<StackRun>>(() => ScenarioRun.ExecuteAsync(Scenario.Load(scenario)));
                Runs[scenario] = lazy;
            }

            return lazy.Value;
        }
    }

    /// <summary>The evidence document of a scenario's run, compared with <paramref name="previous"/> when given.</summary>
    public static async Task<EvidenceDocument> EvidenceOf(string scenario, EvidenceDocument? previous = null, SignatureInfo? signature = null)
    {
        var run = await RunOf(scenario);
        return EvidenceBuilder.Build(Result(run, scenario), new ToolInfo { Version = "test" }, signature ?? new SignatureInfo(), previous);
    }

    /// <summary>The evidence document of a scenario's run, with the run's settings changed by <paramref name="change"/> (a loosened policy).</summary>
    public static async Task<EvidenceDocument> EvidenceWith(string scenario, Func<RunResult, RunResult> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var run = await RunOf(scenario);
        return EvidenceBuilder.Build(change(Result(run, scenario)), new ToolInfo { Version = "test" }, new SignatureInfo());
    }

    /// <summary>A sealed bundle of a scenario's run in a new temporary folder; signed when a key is given.</summary>
    public static Task<string> WriteAsync(string scenario, string? privateKeyPem = null) =>
        WriteAsync(scenario, privateKeyPem is null ? null : new PemManifestSigner(privateKeyPem));

    /// <summary>A sealed bundle of a scenario's run, signed by <paramref name="signer"/> (a PEM key or KMS) when given.</summary>
    public static Task<string> WriteAsync(string scenario, ManifestSigner? signer) => WriteAsync(scenario, signer, run => run);

    /// <summary>A sealed bundle of a scenario's run changed by <paramref name="change"/> (another policy, an account that could not be reached).</summary>
    public static async Task<string> WriteAsync(string scenario, ManifestSigner? signer, Func<RunResult, RunResult> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var result = change(Result(await RunOf(scenario), scenario));
        var work = Directory.CreateTempSubdirectory("verification-bundle-").FullName;
        var evidence = EvidenceBuilder.Build(result, new ToolInfo { Version = "test" }, EvidenceBundle.Describe(signer));
        var folder = Path.Combine(work, "evidence");
        EvidenceBundle.Write(folder, evidence, [.. result.Stacks.Select(s => s.Snapshot)]);
        await EvidenceBundle.SealAsync(folder, signer, CancellationToken.None);
        return folder;
    }

    public static string EcdsaKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportPkcs8PrivateKeyPem();
    }

    public static string RsaKey()
    {
        using var key = RSA.Create(2048);
        return key.ExportRSAPrivateKeyPem();
    }

    public static string PublicKeyOf(string privateKeyPem) => ManifestSignature.Sign([], privateKeyPem).PublicKeyPem;

    private static RunResult Result(StackRun run, string scenario) => new()
    {
        Mode = "sandbox",
        SandboxScenario = scenario,
        StartedAt = run.Snapshot.StartedAt,
        FinishedAt = run.Snapshot.FinishedAt,
        Region = run.Snapshot.Region,
        OutputsFiles = [run.Snapshot.Outputs.SourceFile],
        Stacks = [run],
        Calls = run.Snapshot.Calls,
    };
}
