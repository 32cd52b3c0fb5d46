using System.Text.Json;
using System.Text.Json.Serialization;
using Verification.Probes.Outputs;

namespace Verification.Probes.Connectivity;

/// <summary>One probe as connectivity.json records it: what was checked, where the socket went, and what was seen.</summary>
public sealed record ConnectivityEntry(
    string Check,
    string Probe,
    string Endpoint,
    string ConnectAddress,
    string Outcome,
    string Failure,
    string Sentence,
    IReadOnlyDictionary<string, string> Evidence,
    DateTimeOffset ObservedAt,
    double ElapsedMs);

/// <summary>
/// The connectivity evidence of one run, rewritten after every probe so that an interrupted run still leaves what it
/// saw. Every string is scrubbed of the run's secrets once more on the way out, after the probes' own scrubbing.
/// </summary>
public sealed class ConnectivityReport(string path, StackOutputs? outputs, string mode, IEnumerable<string> secrets)
{
    static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    readonly IReadOnlyList<string> _secrets = [.. secrets];
    readonly List<ConnectivityEntry> _entries = [];
    readonly Lock _lock = new();

    /// <summary>The file written.</summary>
    public string Path { get; } = path;

    /// <summary>Records <paramref name="result"/> under the check (test) that ran it, and rewrites the file.</summary>
    public void Add(string check, ProbeResult result)
    {
        var entry = new ConnectivityEntry(
            check,
            result.Probe,
            result.Endpoint,
            result.ConnectAddress,
            result.Outcome.ToString(),
            result.Failure.ToString(),
            Scrub(result.Message),
            result.Evidence.ToDictionary(e => e.Key, e => Scrub(e.Value), StringComparer.Ordinal),
            result.ObservedAt,
            Math.Round(result.Elapsed.TotalMilliseconds, 1));
        // Written whole under the lock: a few kilobytes, and concurrent probes must not interleave two versions.
        lock (_lock)
        {
            _entries.Add(entry);
            var text = JsonSerializer.Serialize(
                new
                {
                    Outputs = outputs?.SourceFile,
                    OutputsSha256 = outputs?.Sha256,
                    Mode = mode,
                    Probes = _entries,
                },
                Json);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            File.WriteAllText(Path, text);
        }
    }

    string Scrub(string text) => Redaction.Scrub(text, _secrets);
}
