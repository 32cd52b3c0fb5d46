using System.Text.Json.Nodes;
using Verification.Sandbox.Protocol;

namespace Verification.Sandbox.Services;

/// <summary>CloudWatch Logs (JSON 1.1, 2014-03-28). Scenario key: logGroups (creationTime in epoch milliseconds, as Logs sends it).</summary>
internal sealed class LogsHandler : ServiceHandler
{
    public override IReadOnlyCollection<string> Actions { get; } = ["DescribeLogGroups"];

    public override JsonObject Handle(ServiceRequest request)
    {
        var prefix = request.Str("logGroupNamePrefix");
        var pattern = request.Str("logGroupNamePattern");
        if (prefix is not null && pattern is not null)
        {
            throw new AwsError("InvalidParameterException", "LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
        }

        var identifiers = request.Strs("logGroupIdentifiers");
        var groups = request.Items("logs", "logGroups").Where(g =>
            (prefix is null || (g.Str("logGroupName") ?? "").StartsWith(prefix, StringComparison.Ordinal))
            && (pattern is null || (g.Str("logGroupName") ?? "").Contains(pattern, StringComparison.OrdinalIgnoreCase))
            && (identifiers.Count == 0 || identifiers.Contains(g.Str("logGroupName") ?? "") || identifiers.Contains(g.Str("logGroupArn") ?? "")));
        var (page, next) = Paging.Slice(request, groups, request.Str("nextToken"), request.Int("limit"), "InvalidParameterException");
        return Resources.Output(("logGroups", page), ("nextToken", next));
    }
}
