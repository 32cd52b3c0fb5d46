using System.Text.Json.Nodes;
using Verification.Probes.Aws.Model;
using Verification.Probes.Aws.Transport;

namespace Verification.Probes.Aws.Config;

/// <summary>AWS Config questions over JSON 1.1 (lowerCamel members inside PascalCase lists).</summary>
public sealed class ConfigClient(AwsTransport transport)
{
    private readonly JsonClient _json = new(transport, AwsService.Config);

    /// <summary>The region's configuration recorders (at most one customer managed recorder, plus service-linked ones); not paged.</summary>
    public async Task<List<ConfigurationRecorder>> DescribeConfigurationRecordersAsync(CancellationToken cancellationToken)
    {
        var answer = await _json.CallAsync("DescribeConfigurationRecorders", new JsonObject(), cancellationToken).ConfigureAwait(false);
        return _json.Read("DescribeConfigurationRecorders", () => Required(answer, "ConfigurationRecorders").Select(r => new ConfigurationRecorder
        {
            Name = r.Text("name") ?? "",
            RoleARN = r.Text("roleARN"),
            RecordingGroup = r.Member("recordingGroup") is { } g
                ? new RecordingGroup { AllSupported = g.Bool("allSupported"), IncludeGlobalResourceTypes = g.Bool("includeGlobalResourceTypes"), ResourceTypes = g.Strings("resourceTypes") }
                : null,
        }).ToList());
    }

    /// <summary>Whether each recorder is recording and how its last delivery went; not paged.</summary>
    public async Task<List<ConfigurationRecorderStatus>> DescribeConfigurationRecorderStatusAsync(CancellationToken cancellationToken)
    {
        var answer = await _json.CallAsync("DescribeConfigurationRecorderStatus", new JsonObject(), cancellationToken).ConfigureAwait(false);
        return _json.Read("DescribeConfigurationRecorderStatus", () => Required(answer, "ConfigurationRecordersStatus").Select(s => new ConfigurationRecorderStatus
        {
            Name = s.Text("name") ?? "",
            Recording = s.Bool("recording"),
            LastStatus = s.Text("lastStatus"),
            LastErrorCode = s.Text("lastErrorCode"),
            LastErrorMessage = s.Text("lastErrorMessage"),
            LastStatusChangeTime = s.EpochSeconds("lastStatusChangeTime"),
        }).ToList());
    }

    // AWS always sends the list, empty when there is no recorder: a missing one is unreadable, never "no recorder".
    private static IEnumerable<System.Text.Json.JsonElement> Required(System.Text.Json.JsonElement answer, string list) =>
        answer.Member(list) is null ? throw new FormatException($"the answer has no {list}") : answer.Items(list);
}
