using System.Net;
using System.Text.Json.Nodes;
using Verification.Sandbox.Protocol;

namespace Verification.Sandbox.Services;

/// <summary>Security Hub (REST-JSON, 2018-10-26). Scenario key: Hub (a DescribeHub answer); without it the account is not subscribed.</summary>
internal sealed class SecurityHubHandler : ServiceHandler
{
    public override IReadOnlyList<RestRoute> Routes { get; } = [new("GET", "/accounts", "DescribeHub")];

    public override IReadOnlyCollection<string> Actions => [.. Routes.Select(r => r.Action)];

    public override JsonObject Handle(ServiceRequest request) =>
        request.Scenario.Resources["securityhub"]?["Hub"] is JsonObject hub
            ? hub.DeepClone().AsObject()
            : throw new AwsError("InvalidAccessException", $"Account {request.Scenario.Account} is not subscribed to AWS Security Hub", HttpStatusCode.Unauthorized);
}
