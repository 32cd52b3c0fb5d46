using System.Text.Json.Nodes;
using Verification.Sandbox.Protocol;

namespace Verification.Sandbox.Services;

/// <summary>
/// CloudTrail (JSON 1.1, 2013-11-01). Scenario key: trailList, each a Trail plus its GetTrailStatus members (IsLogging, ...)
/// and its GetEventSelectors members (EventSelectors or AdvancedEventSelectors), served apart by operation.
/// </summary>
internal sealed class CloudTrailHandler : ServiceHandler
{
    // The Trail shape's members: DescribeTrails answers these and nothing of the status or selectors.
    private static readonly string[] TrailMembers =
    [
        "Name", "S3BucketName", "S3KeyPrefix", "SnsTopicName", "SnsTopicARN", "IncludeGlobalServiceEvents", "IsMultiRegionTrail", "HomeRegion", "TrailARN",
        "LogFileValidationEnabled", "CloudWatchLogsLogGroupArn", "CloudWatchLogsRoleArn", "KmsKeyId", "HasCustomEventSelectors", "HasInsightSelectors", "IsOrganizationTrail",
    ];

    private static readonly string[] StatusMembers =
    [
        "IsLogging", "LatestDeliveryError", "LatestNotificationError", "LatestDeliveryTime", "LatestNotificationTime", "StartLoggingTime", "StopLoggingTime",
        "LatestCloudWatchLogsDeliveryError", "LatestCloudWatchLogsDeliveryTime", "LatestDigestDeliveryTime", "LatestDigestDeliveryError",
    ];

    public override IReadOnlyCollection<string> Actions { get; } = ["DescribeTrails", "GetTrailStatus", "GetEventSelectors"];

    public override JsonObject Handle(ServiceRequest request) => request.Action switch
    {
        "DescribeTrails" => DescribeTrails(request),
        "GetTrailStatus" => Only(Find(request, request.RequiredStr("Name")), StatusMembers),
        "GetEventSelectors" => GetEventSelectors(request),
        _ => throw new InvalidOperationException(request.Action),
    };

    private static JsonObject DescribeTrails(ServiceRequest request)
    {
        var names = request.Strs("trailNameList");
        var trails = request.Items("cloudtrail", "trailList")
            .Where(t => names.Count == 0 || names.Contains(t.Str("Name") ?? "") || names.Contains(t.Str("TrailARN") ?? ""))
            .Select(t => (JsonNode)Only(t, TrailMembers));
        return Resources.Output(("trailList", new JsonArray([.. trails])));
    }

    private static JsonObject GetEventSelectors(ServiceRequest request)
    {
        var trail = Find(request, request.RequiredStr("TrailName"));

        // A trail that never had selectors set records management events only: AWS answers the default basic selector.
        var basic = trail["EventSelectors"]?.DeepClone() ?? (trail["AdvancedEventSelectors"] is null
            ? new JsonArray(new JsonObject { ["ReadWriteType"] = "All", ["IncludeManagementEvents"] = true, ["DataResources"] = new JsonArray(), ["ExcludeManagementEventSources"] = new JsonArray() })
            : null);
        return Resources.Output(("TrailARN", trail.Str("TrailARN")), ("EventSelectors", basic), ("AdvancedEventSelectors", trail["AdvancedEventSelectors"]?.DeepClone()));
    }

    private static JsonObject Find(ServiceRequest request, string name) =>
        request.Items("cloudtrail", "trailList").FirstOrDefault(t => t.Str("Name") == name || t.Str("TrailARN") == name)
        ?? throw new AwsError("TrailNotFoundException", $"Unknown trail: {name} for the user: {request.Scenario.Account}");

    private static JsonObject Only(JsonObject item, string[] members) =>
        Resources.Output([.. members.Select(m => (m, item[m]?.DeepClone()))]);
}
