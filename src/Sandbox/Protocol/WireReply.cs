using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Verification.Sandbox.Protocol;

/// <summary>An HTTP answer in one service's wire format.</summary>
internal sealed record WireReply(HttpStatusCode Status, string ContentType, string Body, IReadOnlyDictionary<string, string> Headers)
{
    private const string XmlType = "text/xml";
    private const string JsonType = "application/x-amz-json-1.1";

    /// <summary>A successful answer: the output's members rendered as the service renders them.</summary>
    public static WireReply Success(SimulatedService service, string action, JsonObject output, string requestId)
    {
        if (service.Protocol == WireProtocol.Json)
        {
            return new(HttpStatusCode.OK, JsonType, output.ToJsonString(), new Dictionary<string, string> { ["x-amzn-RequestId"] = requestId });
        }

        XNamespace ns = service.Namespace;
        var root = new XElement(ns + (action + "Response"));
        if (service.Protocol == WireProtocol.Ec2)
        {
            // EC2 has no Result wrapper and no ResponseMetadata: the request id is a lowerCamel child of the root.
            root.Add(new XElement(ns + "requestId", requestId));
            AddMembers(root, output, service, ns);
        }
        else
        {
            var result = new XElement(ns + (action + "Result"));
            AddMembers(result, output, service, ns);
            root.Add(result, new XElement(ns + "ResponseMetadata", new XElement(ns + "RequestId", requestId)));
        }

        return new(HttpStatusCode.OK, XmlType, root.ToString(), XmlHeaders(requestId));
    }

    /// <summary>An error in the service's envelope; <paramref name="service"/> null means the target could not be told (Query envelope).</summary>
    public static WireReply Failure(SimulatedService? service, AwsError error, string requestId)
    {
        switch (service?.Protocol)
        {
            case WireProtocol.Json:
                var body = new JsonObject { ["__type"] = error.Code, [service.ErrorMessageKey] = error.Message };
                return new(error.Status, JsonType, body.ToJsonString(), new Dictionary<string, string>
                {
                    ["x-amzn-RequestId"] = requestId,
                    ["x-amzn-ErrorType"] = error.Code,
                });
            case WireProtocol.Ec2:
                var ec2 = new XDocument(
                    new XDeclaration("1.0", "UTF-8", null),
                    new XElement("Response",
                        new XElement("Errors", new XElement("Error", new XElement("Code", error.Code), new XElement("Message", error.Message))),
                        new XElement("RequestID", requestId)));
                return new(error.Status, XmlType, ec2.Declaration + "\n" + ec2.Root, XmlHeaders(requestId));
            default:
                XNamespace ns = service?.Namespace ?? "";
                var query = new XElement(ns + "ErrorResponse",
                    new XElement(ns + "Error",
                        new XElement(ns + "Type", error.Type),
                        new XElement(ns + "Code", error.Code),
                        new XElement(ns + "Message", error.Message)),
                    new XElement(ns + "RequestId", requestId));
                return new(error.Status, XmlType, query.ToString(), XmlHeaders(requestId));
        }
    }

    private static Dictionary<string, string> XmlHeaders(string requestId) => new() { ["x-amzn-RequestId"] = requestId };

    private static void AddMembers(XElement parent, JsonObject members, SimulatedService service, XNamespace ns)
    {
        foreach (var (name, value) in members)
        {
            if (Element(ns + name, value, service, ns) is { } element)
            {
                parent.Add(element);
            }
        }
    }

    private static XElement? Element(XName name, JsonNode? value, SimulatedService service, XNamespace ns)
    {
        switch (value)
        {
            case null:
                // Absent optional members are omitted on the wire, never sent empty.
                return null;
            case JsonObject obj:
                var structure = new XElement(name);
                AddMembers(structure, obj, service, ns);
                return structure;
            case JsonArray array:
                var list = new XElement(name);
                var item = ns + service.ItemName(name.LocalName);
                foreach (var entry in array)
                {
                    if (Element(item, entry, service, ns) is { } child)
                    {
                        list.Add(child);
                    }
                }

                return list;
            default:
                var scalar = (JsonValue)value;
                return new XElement(name, scalar.TryGetValue<string>(out var text) ? text
                    : scalar.TryGetValue<bool>(out var flag) ? (flag ? "true" : "false")
                    : scalar.ToJsonString());
        }
    }
}
