using System.Text.Json;
using System.Text.Json.Serialization;
using Verification.Probes.Collection;
using Verification.Probes.Controls;
using Verification.Probes.Runs;

namespace Verification.Probes.Reporting;

/// <summary>
/// What the Compliance suite leaves behind for <c>verify</c> (results.json): the settings it ran with, each stack's
/// control results and the outcome, so the bundle and reports are built after <c>dotnet test</c> has exited.
/// </summary>
public sealed record RunResults
{
    public string SchemaVersion { get; init; } = "1";
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset FinishedAt { get; init; }
    public string Mode { get; init; } = "gate";
    public string? SandboxScenario { get; init; }
    public string? Region { get; init; }
    public string? Profile { get; init; }
    public List<string> OutputsFiles { get; init; } = [];
    public Policy Policy { get; init; } = Policy.Default;

    /// <summary>The waivers file given (VERIFY_WAIVERS), when any.</summary>
    public string? WaiversFile { get; init; }

    /// <summary>The waivers in force (not expired at the run's start): control, resource pattern, justification, expiry, approver.</summary>
    public List<Waiver> Waivers { get; init; } = [];

    /// <summary>Why the run could not start (bad outputs, no credentials), or null.</summary>
    public string? SetupError { get; init; }

    public List<StackResults> Stacks { get; init; } = [];

    /// <summary>Could-not-evaluate when setup failed, else the gate's outcome over every stack's verdicts.</summary>
    public RunOutcome Outcome => SetupError is not null ? RunOutcome.CouldNotEvaluate : Gate.Outcome(Stacks.SelectMany(s => s.Controls).Select(c => c.Verdict));

    /// <summary>The results of a finished (or failed-to-start) suite run.</summary>
    public static RunResults From(RunSettings? settings, IReadOnlyList<StackRun> runs, IReadOnlyList<string> snapshotFiles, string? setupError, DateTimeOffset startedAt, DateTimeOffset finishedAt) => new()
    {
        StartedAt = startedAt,
        FinishedAt = finishedAt,
        Mode = settings?.Mode ?? "gate",
        SandboxScenario = settings?.SandboxScenario,
        Region = runs.Count > 0 ? runs[0].Snapshot.Region : settings?.Region,
        Profile = settings?.Profile,
        OutputsFiles = [.. settings?.OutputsPaths ?? []],
        Policy = settings?.Policy ?? Policy.Default,
        WaiversFile = NonEmpty(Environment.GetEnvironmentVariable("VERIFY_WAIVERS")),
        Waivers = [.. (settings?.Policy ?? Policy.Default).Waivers.Where(w => !w.IsExpired(startedAt))],
        SetupError = setupError,
        Stacks = [.. runs.Select((run, i) => new StackResults
        {
            OutputsFile = run.Snapshot.Outputs.SourceFile,
            SnapshotFile = snapshotFiles[i],
            Controls = [.. run.Results.Select(ControlRecord.From)],
        })],
    };

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>One stack's results: which snapshot they come from and each control's verdict.</summary>
public sealed record StackResults
{
    public string OutputsFile { get; init; } = "";

    /// <summary>The snapshot's file name, beside results.json.</summary>
    public string SnapshotFile { get; init; } = "snapshot.json";

    public List<ControlRecord> Controls { get; init; } = [];
}

/// <summary>A control's metadata, verdict and findings, as plain data.</summary>
public sealed record ControlRecord
{
    public string Id { get; init; } = "";
    public string Title { get; init; } = "";
    public string Area { get; init; } = "";
    public string Service { get; init; } = "";
    public Severity Severity { get; init; }
    public string Risk { get; init; } = "";
    public string Remediation { get; init; } = "";
    public List<string> Hipaa { get; init; } = [];
    public ControlVerdict Verdict { get; init; }
    public List<Finding> Findings { get; init; } = [];

    public static ControlRecord From(ControlResult result) => new()
    {
        Id = result.Control.Id,
        Title = result.Control.Title,
        Area = result.Control.Area,
        Service = result.Control.Service,
        Severity = result.Control.Severity,
        Risk = result.Control.Risk,
        Remediation = result.Control.Remediation,
        Hipaa = [.. result.Control.Hipaa],
        Verdict = result.Verdict,
        Findings = [.. result.Findings],
    };
}

/// <summary>Reads and writes results.json and evidence.json with the snapshot's JSON conventions.</summary>
public static class ReportJson
{
    public static JsonSerializerOptions Options => SnapshotJson.Options;

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json, string what) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"{what} holds nothing");

    public static void Save<T>(T value, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, Serialize(value));
    }

    public static T Load<T>(string path) => Deserialize<T>(File.ReadAllText(path), Path.GetFileName(path));
}
