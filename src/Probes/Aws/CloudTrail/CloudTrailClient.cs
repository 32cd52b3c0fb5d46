using System.Text.Json;
using System.Text.Json.Nodes;
using Verification.Probes.Aws.Model;
using Verification.Probes.Aws.Transport;

namespace Verification.Probes.Aws.CloudTrail;

/// <summary>CloudTrail questions over JSON 1.1 (PascalCase wire names; times in epoch seconds).</summary>
public sealed class CloudTrailClient(AwsTransport transport)
{
    private readonly JsonClient _json = new(transport, AwsService.CloudTrail);

    /// <summary>Every trail that applies to the region: its own, and multi-region trails of other home regions (shadow trails).</summary>
    public async Task<List<Trail>> DescribeTrailsAsync(CancellationToken cancellationToken)
    {
        // DescribeTrails is not paged: one answer holds every trail.
        var answer = await _json.CallAsync("DescribeTrails", new JsonObject { ["includeShadowTrails"] = true }, cancellationToken).ConfigureAwait(false);
        return _json.Read("DescribeTrails", () => answer.Member("trailList") is null
            ? throw new FormatException("the answer has no trailList")
            : answer.Items("trailList").Select(ToTrail).ToList());
    }

    /// <summary>Whether <paramref name="trailArn"/> is logging, and its last delivery errors.</summary>
    public async Task<TrailStatus> GetTrailStatusAsync(string trailArn, CancellationToken cancellationToken)
    {
        var status = await _json.CallAsync("GetTrailStatus", new JsonObject { ["Name"] = trailArn }, cancellationToken).ConfigureAwait(false);
        return _json.Read("GetTrailStatus", () => new TrailStatus
        {
            IsLogging = status.Bool("IsLogging"),
            LatestDeliveryError = status.Text("LatestDeliveryError"),
            LatestCloudWatchLogsDeliveryError = status.Text("LatestCloudWatchLogsDeliveryError"),
            LatestCloudWatchLogsDeliveryTime = status.EpochSeconds("LatestCloudWatchLogsDeliveryTime"),
        });
    }

    /// <summary>The basic or advanced event selectors of <paramref name="trailArn"/>: which management and data events it records.</summary>
    public async Task<TrailEventSelectors> GetEventSelectorsAsync(string trailArn, CancellationToken cancellationToken)
    {
        var answer = await _json.CallAsync("GetEventSelectors", new JsonObject { ["TrailName"] = trailArn }, cancellationToken).ConfigureAwait(false);
        return _json.Read("GetEventSelectors", () => new TrailEventSelectors
        {
            TrailARN = answer.Text("TrailARN"),
            EventSelectors = [.. answer.Items("EventSelectors").Select(s => new EventSelector
            {
                ReadWriteType = s.Text("ReadWriteType"),
                IncludeManagementEvents = s.Bool("IncludeManagementEvents"),
                DataResources = [.. s.Items("DataResources").Select(d => new DataResource { Type = d.Text("Type"), Values = d.Strings("Values") })],
            })],
            AdvancedEventSelectors = [.. answer.Items("AdvancedEventSelectors").Select(s => new AdvancedEventSelector
            {
                Name = s.Text("Name"),
                FieldSelectors = [.. s.Items("FieldSelectors").Select(ToFieldSelector)],
            })],
        });
    }

    private static AdvancedFieldSelector ToFieldSelector(JsonElement f) => new()
    {
        Field = f.Text("Field") ?? "",
        EqualTo = f.Strings("Equals"),
        StartsWith = f.Strings("StartsWith"),
        EndsWith = f.Strings("EndsWith"),
        NotEquals = f.Strings("NotEquals"),
        NotStartsWith = f.Strings("NotStartsWith"),
        NotEndsWith = f.Strings("NotEndsWith"),
    };

    private static Trail ToTrail(JsonElement t) => new()
    {
        Name = t.Text("Name") ?? "",
        TrailARN = t.Text("TrailARN"),
        HomeRegion = t.Text("HomeRegion"),
        IsMultiRegionTrail = t.Bool("IsMultiRegionTrail"),
        IncludeGlobalServiceEvents = t.Bool("IncludeGlobalServiceEvents"),
        IsOrganizationTrail = t.Bool("IsOrganizationTrail"),
        LogFileValidationEnabled = t.Bool("LogFileValidationEnabled"),
        KmsKeyId = t.Text("KmsKeyId"),
        S3BucketName = t.Text("S3BucketName"),
        CloudWatchLogsLogGroupArn = t.Text("CloudWatchLogsLogGroupArn"),
        HasCustomEventSelectors = t.Bool("HasCustomEventSelectors"),
    };
}
