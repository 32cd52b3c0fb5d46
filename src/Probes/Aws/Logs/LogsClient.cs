using System.Text.Json;
using System.Text.Json.Nodes;
using Verification.Probes.Aws.Model;
using Verification.Probes.Aws.Transport;

namespace Verification.Probes.Aws.Logs;

/// <summary>CloudWatch Logs questions over JSON 1.1 (lowerCamel wire names; creationTime in epoch milliseconds).</summary>
public sealed class LogsClient(AwsTransport transport)
{
    private readonly JsonClient _json = new(transport, AwsService.Logs);

    /// <summary>Every log group, or those whose name starts with <paramref name="prefix"/>.</summary>
    public async Task<List<LogGroup>> DescribeLogGroupsAsync(string? prefix = null, CancellationToken cancellationToken = default)
    {
        var request = new JsonObject { ["limit"] = 50 };
        if (prefix is not null)
        {
            request["logGroupNamePrefix"] = prefix;
        }

        var pages = await _json.PagesAsync("DescribeLogGroups", request, "nextToken", cancellationToken).ConfigureAwait(false);
        return _json.Read("DescribeLogGroups", () => pages.SelectMany(page => page.Items("logGroups")).Select(ToLogGroup).ToList());
    }

    private static LogGroup ToLogGroup(JsonElement group) => new()
    {
        LogGroupName = group.Text("logGroupName") ?? "",
        Arn = group.Text("logGroupArn") ?? WithoutStreamWildcard(group.Text("arn")),
        RetentionInDays = group.Int("retentionInDays"),
        KmsKeyId = group.Text("kmsKeyId"),
        CreationTime = group.EpochMilliseconds("creationTime"),
        StoredBytes = group.Long("storedBytes"),
        LogGroupClass = group.Text("logGroupClass"),
    };

    // The legacy "arn" member ends in ":*" (all streams); IAM policies and KMS encryption contexts use the bare group ARN.
    private static string? WithoutStreamWildcard(string? arn) =>
        arn is not null && arn.EndsWith(":*", StringComparison.Ordinal) ? arn[..^2] : arn;
}
