using System.Text.Json;
using System.Text.Json.Nodes;
using Verification.Probes.Aws.Model;
using Verification.Probes.Aws.Transport;

namespace Verification.Probes.Aws.ServiceDiscovery;

/// <summary>Cloud Map (ServiceDiscovery) questions over JSON 1.1 (PascalCase wire names).</summary>
public sealed class ServiceDiscoveryClient(AwsTransport transport)
{
    private readonly JsonClient _json = new(transport, AwsService.ServiceDiscovery);

    /// <summary>One namespace by id (ns-...), with its DNS hosted zone or HTTP name.</summary>
    public async Task<Namespace> GetNamespaceAsync(string id, CancellationToken cancellationToken)
    {
        var answer = await _json.CallAsync("GetNamespace", new JsonObject { ["Id"] = id }, cancellationToken).ConfigureAwait(false);
        return answer.Member("Namespace") is { } found
            ? ToNamespace(found)
            : throw new AwsServiceException(AwsService.ServiceDiscovery.EndpointPrefix, "GetNamespace", _json.Region, "MalformedResponse",
                $"the answer for {id} has no Namespace", 200, null);
    }

    private static Namespace ToNamespace(JsonElement found)
    {
        var properties = found.Member("Properties");
        return new Namespace
        {
            Id = found.Text("Id") ?? "",
            Arn = found.Text("Arn") ?? "",
            Name = found.Text("Name"),
            Type = found.Text("Type"),
            HostedZoneId = properties?.Member("DnsProperties")?.Text("HostedZoneId"),
            HttpName = properties?.Member("HttpProperties")?.Text("HttpName"),
        };
    }
}
