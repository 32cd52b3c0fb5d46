using System.Text.Json.Nodes;
using Verification.Sandbox.Protocol;

namespace Verification.Sandbox.Services;

/// <summary>Cloud Map (JSON 1.1, 2017-03-14). Scenario key: Namespaces (GetNamespace shapes).</summary>
internal sealed class ServiceDiscoveryHandler : ServiceHandler
{
    public override IReadOnlyCollection<string> Actions { get; } = ["GetNamespace", "ListNamespaces"];

    public override JsonObject Handle(ServiceRequest request) => request.Action switch
    {
        "GetNamespace" => GetNamespace(request),
        "ListNamespaces" => ListNamespaces(request),
        _ => throw new InvalidOperationException(request.Action),
    };

    private static JsonObject GetNamespace(ServiceRequest request)
    {
        var id = request.RequiredStr("Id", "InvalidInput");
        var found = request.Items("servicediscovery", "Namespaces").FirstOrDefault(n => n.Str("Id") == id)
            ?? throw new AwsError("NamespaceNotFound", $"Namespace not found: {id}");
        return Resources.Output(("Namespace", found.DeepClone()));
    }

    private static JsonObject ListNamespaces(ServiceRequest request)
    {
        // The summary is the namespace without the fields only GetNamespace returns.
        var summaries = request.Items("servicediscovery", "Namespaces").Select(n => n.Without("CreatorRequestId"));
        var (page, next) = Paging.Slice(request, summaries, request.Str("NextToken"), request.Int("MaxResults"), "InvalidInput");
        return Resources.Output(("Namespaces", page), ("NextToken", next));
    }
}
