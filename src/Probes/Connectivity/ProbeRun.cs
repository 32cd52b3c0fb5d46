namespace Verification.Probes.Connectivity;

/// <summary>Times one probe and builds its result.</summary>
internal sealed class ProbeRun(string probe, DataPathEndpoint endpoint, TimeProvider time, IEnumerable<string>? secrets = null)
{
    readonly long _started = time.GetTimestamp();
    readonly IReadOnlyList<string> _secrets = secrets?.ToList() ?? [];

    public Dictionary<string, string> Evidence { get; } = new(StringComparer.Ordinal);

    public TimeSpan Elapsed => time.GetElapsedTime(_started);

    public ProbeResult Pass(string message) => Result(ProbeOutcome.Pass, ProbeFailure.None, message);

    public ProbeResult Fail(ProbeFailure failure, string message) => Result(ProbeOutcome.Fail, failure, message);

    ProbeResult Result(ProbeOutcome outcome, ProbeFailure failure, string message)
    {
        var evidence = Evidence.ToDictionary(e => e.Key, e => Redaction.Scrub(e.Value, _secrets), StringComparer.Ordinal);
        return new ProbeResult(probe, $"{endpoint.Name}:{endpoint.Port}", endpoint.ConnectsTo, outcome, failure, Redaction.Scrub(message, _secrets), evidence, time.GetUtcNow(), Elapsed);
    }
}
