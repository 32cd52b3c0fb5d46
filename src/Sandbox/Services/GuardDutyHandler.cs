using System.Globalization;
using System.Text.Json.Nodes;
using Verification.Sandbox.Protocol;

namespace Verification.Sandbox.Services;

/// <summary>
/// GuardDuty (REST-JSON, 2017-11-28; lowerCamel wire names). Scenario keys: Detectors (GetDetector answers plus the
/// detectorId CreateDetector returns), Findings (Finding shapes; service.detectorId names the detector).
/// </summary>
internal sealed class GuardDutyHandler : ServiceHandler
{
    public override IReadOnlyList<RestRoute> Routes { get; } =
    [
        new("GET", "/detector", "ListDetectors"),
        new("GET", "/detector/{DetectorId}", "GetDetector"),
        new("POST", "/detector/{DetectorId}/findings", "ListFindings"),
        new("POST", "/detector/{DetectorId}/findings/get", "GetFindings"),
    ];

    public override IReadOnlyCollection<string> Actions => [.. Routes.Select(r => r.Action)];

    public override JsonObject Handle(ServiceRequest request)
    {
        switch (request.Action)
        {
            case "ListDetectors":
                var (ids, nextIds) = Paging.Slice(request, request.Items("guardduty", "Detectors").Select(d => (JsonNode)JsonValue.Create(d.Str("detectorId"))!),
                    request.Param("nextToken"), request.IntParam("maxResults"), "BadRequestException");
                return Resources.Output(("detectorIds", ids), ("nextToken", nextIds));
            case "GetDetector":
                return Detector(request).Without("detectorId");
            case "ListFindings":
                var detector = Detector(request).Str("detectorId");
                var criterion = request.Body["findingCriteria"]?["criterion"] as JsonObject ?? [];
                var matching = Findings(request, detector).Where(f => criterion.All(c => Meets(f, c.Key, c.Value as JsonObject ?? [])))
                    .Select(f => (JsonNode)JsonValue.Create(f.Str("id"))!);
                var (page, nextPage) = Paging.Slice(request, matching, request.Str("nextToken"), request.Int("maxResults"), "BadRequestException");
                return Resources.Output(("findingIds", page), ("nextToken", nextPage));
            case "GetFindings":
                var wanted = request.Strs("findingIds");
                if (wanted.Count > 50)
                {
                    throw new AwsError("BadRequestException", "The request is rejected because an invalid or out-of-range value is specified as an input parameter.");
                }

                var all = Findings(request, Detector(request).Str("detectorId"));
                return Resources.Output(("findings", new JsonArray([.. all.Where(f => wanted.Contains(f.Str("id") ?? "")).Select(f => f.DeepClone())])));
            default:
                throw new InvalidOperationException(request.Action);
        }
    }

    private static JsonObject Detector(ServiceRequest request) =>
        request.Items("guardduty", "Detectors").FirstOrDefault(d => d.Str("detectorId") == request.Param("DetectorId"))
        ?? throw new AwsError("BadRequestException", "The request is rejected because the input detectorId is not owned by the current account.");

    private static IEnumerable<JsonObject> Findings(ServiceRequest request, string? detectorId) =>
        request.Items("guardduty", "Findings").Where(f => f["service"]?.Str("detectorId") == detectorId);

    // The criteria the suite uses; any other field or operator is refused rather than ignored, so a filter never silently widens.
    private static bool Meets(JsonObject finding, string field, JsonObject condition) => field switch
    {
        "severity" => condition.All(c => (c.Key, finding["severity"]?.GetValue<double>()) switch
        {
            ("greaterThanOrEqual" or "gte", { } severity) => severity >= c.Value!.GetValue<double>(),
            ("lessThan" or "lt", { } severity) => severity < c.Value!.GetValue<double>(),
            _ => throw Unsupported(field, c.Key),
        }),
        "service.archived" => condition.All(c => c.Key is "equals" or "eq"
            ? (c.Value as JsonArray ?? []).Any(v => string.Equals(v?.GetValue<string>(), (finding["service"]?["archived"]?.GetValue<bool>() ?? false) ? "true" : "false", StringComparison.Ordinal))
            : throw Unsupported(field, c.Key)),
        _ => throw Unsupported(field, ""),
    };

    private static AwsError Unsupported(string field, string op) =>
        new("BadRequestException", string.Format(CultureInfo.InvariantCulture, "The sandbox does not filter findings by {0} {1}.", field, op));
}
