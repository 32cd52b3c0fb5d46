using System.Text.Json.Nodes;
using Verification.Sandbox.Protocol;

namespace Verification.Sandbox.Services;

/// <summary>STS (Query, 2011-06-15). Scenario key: CallerIdentity (Arn, UserId, Account).</summary>
internal sealed class StsHandler : ServiceHandler
{
    public override IReadOnlyCollection<string> Actions { get; } = ["GetCallerIdentity"];

    public override JsonObject Handle(ServiceRequest request) =>
        request.Scenario.Resources["sts"]?["CallerIdentity"]?.DeepClone().AsObject() ?? [];
}
