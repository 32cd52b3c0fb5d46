using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Verification.Probes.Aws.Model;
using Verification.Probes.Aws.Transport;

namespace Verification.Probes.Aws.GuardDuty;

/// <summary>GuardDuty questions over REST-JSON (lowerCamel wire names, the models' locationName).</summary>
public sealed class GuardDutyClient(AwsTransport transport)
{
    private static readonly RestOperation ListDetectors = new("ListDetectors", "GET", "/detector");
    private static readonly RestOperation GetDetector = new("GetDetector", "GET", "/detector/{DetectorId}");
    private static readonly RestOperation ListFindings = new("ListFindings", "POST", "/detector/{DetectorId}/findings");
    private static readonly RestOperation GetFindings = new("GetFindings", "POST", "/detector/{DetectorId}/findings/get");

    // GetFindings takes at most 50 ids (FindingIds max 50); ListFindings pages at most 50.
    private const int MaxIds = 50;

    private readonly RestJsonClient _rest = new(transport, AwsService.GuardDuty);

    /// <summary>The region's detector ids: none means GuardDuty is not enabled here.</summary>
    public async Task<List<string>> ListDetectorsAsync(CancellationToken cancellationToken)
    {
        var query = new Dictionary<string, string>(StringComparer.Ordinal) { ["maxResults"] = "50" };
        var pages = await _rest.PagesAsync(ListDetectors, null, query, null, RestPaging.QueryToken("nextToken", "nextToken"), cancellationToken).ConfigureAwait(false);
        return _rest.Read(ListDetectors, () => pages.SelectMany(page => page.Strings("detectorIds")).ToList());
    }

    /// <summary>The detector's status and protection plans.</summary>
    public async Task<Detector> GetDetectorAsync(string detectorId, CancellationToken cancellationToken)
    {
        var answer = await _rest.CallAsync(GetDetector, Label(detectorId), null, null, cancellationToken).ConfigureAwait(false);
        return _rest.Read(GetDetector, () => new Detector
        {
            Status = answer.Text("status"),
            FindingPublishingFrequency = answer.Text("findingPublishingFrequency"),
            UpdatedAt = answer.Text("updatedAt"),
            Features = answer.Member("features") is null ? null : [.. answer.Items("features").Select(feature => new DetectorFeatureConfigurationResult
            {
                Name = feature.Text("name") ?? "",
                Status = feature.Text("status"),
                AdditionalConfiguration = [.. feature.Items("additionalConfiguration").Select(extra => new DetectorAdditionalConfigurationResult
                {
                    Name = extra.Text("name") ?? "",
                    Status = extra.Text("status"),
                })],
            })],
        });
    }

    /// <summary>The ids of the detector's unarchived findings of at least <paramref name="minimumSeverity"/>.</summary>
    public async Task<List<string>> ListFindingsAsync(string detectorId, int minimumSeverity, CancellationToken cancellationToken)
    {
        // FindingCriteria: severity >= minimum (greaterThanOrEqual; gte is deprecated) and service.archived = false.
        var body = new JsonObject
        {
            ["findingCriteria"] = new JsonObject
            {
                ["criterion"] = new JsonObject
                {
                    ["severity"] = new JsonObject { ["greaterThanOrEqual"] = minimumSeverity },
                    ["service.archived"] = new JsonObject { ["equals"] = new JsonArray("false") },
                },
            },
            ["maxResults"] = MaxIds,
        };
        var pages = await _rest.PagesAsync(ListFindings, Label(detectorId), null, body, RestPaging.BodyToken("nextToken"), cancellationToken).ConfigureAwait(false);
        return _rest.Read(ListFindings, () => pages.SelectMany(page => page.Strings("findingIds")).ToList());
    }

    /// <summary>The findings with these ids, asked 50 at a time.</summary>
    public async Task<List<GuardDutyFinding>> GetFindingsAsync(string detectorId, IReadOnlyList<string> findingIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(findingIds);
        var findings = new List<GuardDutyFinding>();
        foreach (var batch in findingIds.Chunk(MaxIds))
        {
            var body = new JsonObject { ["findingIds"] = new JsonArray([.. batch.Select(id => (JsonNode)JsonValue.Create(id))]) };
            var answer = await _rest.CallAsync(GetFindings, Label(detectorId), null, body, cancellationToken).ConfigureAwait(false);
            findings.AddRange(_rest.Read(GetFindings, () => answer.Items("findings").Select(ToFinding).ToList()));
        }

        return findings;
    }

    private static GuardDutyFinding ToFinding(JsonElement finding)
    {
        var resource = finding.Member("resource");
        var rds = resource?.Member("rdsDbInstanceDetails");
        var ecs = resource?.Member("ecsClusterDetails");
        return new GuardDutyFinding
        {
            Id = finding.Text("id") ?? throw new FormatException("a finding has no id"),
            Arn = finding.Text("arn"),
            Type = finding.Text("type"),
            Title = finding.Text("title"),
            Severity = finding.Double("severity"),
            UpdatedAt = finding.Text("updatedAt"),
            ResourceType = resource?.Text("resourceType"),
            DbInstanceIdentifier = rds?.Text("dbInstanceIdentifier"),
            DbClusterIdentifier = rds?.Text("dbClusterIdentifier"),
            EcsClusterArn = ecs?.Text("arn"),
            Archived = finding.Member("service")?.Bool("archived"),
        };
    }

    private static Dictionary<string, string> Label(string detectorId) => new(StringComparer.Ordinal) { ["DetectorId"] = detectorId };

    /// <summary>A severity as GuardDuty prints it ("8.0").</summary>
    public static string Format(double severity) => severity.ToString("0.0", CultureInfo.InvariantCulture);
}
