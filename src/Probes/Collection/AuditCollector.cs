using Verification.Probes.Aws.Model;

namespace Verification.Probes.Collection;

/// <summary>The account's audit trail and configuration recording in the stack's region, asked once per run whatever the number of stacks.</summary>
public sealed record AccountAudit
{
    public Fetched<List<Trail>> Trails { get; init; } = new();

    /// <summary>GetTrailStatus by TrailARN.</summary>
    public Dictionary<string, Fetched<TrailStatus>> TrailStatus { get; init; } = [];

    /// <summary>GetEventSelectors by TrailARN.</summary>
    public Dictionary<string, Fetched<TrailEventSelectors>> EventSelectors { get; init; } = [];

    public Fetched<List<ConfigurationRecorder>> ConfigurationRecorders { get; init; } = new();
    public Fetched<List<ConfigurationRecorderStatus>> ConfigurationRecordersStatus { get; init; } = new();
}

/// <summary>Asks CloudTrail and AWS Config about the account: the trails, each trail's status and selectors, the recorders.</summary>
internal static class AuditCollector
{
    public static async Task<AccountAudit> CollectAsync(AwsQuestions aws, CancellationToken ct)
    {
        var recorders = aws.Ask("config:DescribeConfigurationRecorders", () => aws.Config.DescribeConfigurationRecordersAsync(ct));
        var recorderStatus = aws.Ask("config:DescribeConfigurationRecorderStatus", () => aws.Config.DescribeConfigurationRecorderStatusAsync(ct));
        var trails = await aws.Ask("cloudtrail:DescribeTrails", () => aws.CloudTrail.DescribeTrailsAsync(ct)).ConfigureAwait(false);
        var arns = (trails.Value ?? []).Select(t => t.TrailARN).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var status = arns.ToDictionary(a => a, a => aws.Ask($"cloudtrail:GetTrailStatus:{a}", () => aws.CloudTrail.GetTrailStatusAsync(a, ct)), StringComparer.Ordinal);
        var selectors = arns.ToDictionary(a => a, a => aws.Ask($"cloudtrail:GetEventSelectors:{a}", () => aws.CloudTrail.GetEventSelectorsAsync(a, ct)), StringComparer.Ordinal);
        await Task.WhenAll([.. status.Values, .. selectors.Values]).ConfigureAwait(false);
        return new AccountAudit
        {
            Trails = trails,
            TrailStatus = status.ToDictionary(p => p.Key, p => p.Value.Result, StringComparer.Ordinal),
            EventSelectors = selectors.ToDictionary(p => p.Key, p => p.Value.Result, StringComparer.Ordinal),
            ConfigurationRecorders = await recorders.ConfigureAwait(false),
            ConfigurationRecordersStatus = await recorderStatus.ConfigureAwait(false),
        };
    }
}
