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

        if (service.Protocol == WireProtocol.RestXml)
        {
            return RestSuccess(service, output, requestId);
        }

        if (service.Protocol == WireProtocol.RestJson)
        {
            return new(HttpStatusCode.OK, "application/json", output.ToJsonString(), new Dictionary<string, string> { ["x-amzn-RequestId"] = requestId });
        }

        XNamespace ns = service.Namespace;
        var root = new XElement(ns + (action + "Response"));
        if (service.Protocol == WireProtocol.Ec2)
        {
            // EC2 has no Result wrapper and no ResponseMetadata: the request id is a lowerCamel child of the root.
            root.Add(new XElement(ns + "requestId", requestId));
            AddMembers(root, output, service, ns, action);
        }
        else
        {
            var result = new XElement(ns + (action + "Result"));
            AddMembers(result, output, service, ns, action);
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
            case WireProtocol.RestJson:
                // API Gateway-style services name the error in x-amzn-ErrorType; the body's code member varies by service.
                var restBody = new JsonObject { [service.ErrorCodeKey] = error.Code, [service.ErrorMessageKey] = error.Message };
                return new(error.Status, "application/json", restBody.ToJsonString(), new Dictionary<string, string>
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
            case WireProtocol.RestXml:
                var rest = new XElement("Error",
                    new XElement("Code", error.Code),
                    new XElement("Message", error.Message),
                    new XElement("RequestId", requestId));
                return new(error.Status, "application/xml", rest.ToString(), RestHeaders(requestId));
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

    /// <summary>
    /// REST answers carry one member: an object is the XML document named after it (S3's
    /// &lt;ServerSideEncryptionConfiguration&gt;), a string is the raw payload (GetBucketPolicy's JSON).
    /// </summary>
    private static WireReply RestSuccess(SimulatedService service, JsonObject output, string requestId)
    {
        var (name, value) = output.Single();
        if (value is JsonValue payload && payload.TryGetValue<string>(out var text))
        {
            return new(HttpStatusCode.OK, "application/json", text, RestHeaders(requestId));
        }

        XNamespace ns = service.Namespace;
        var root = Element(ns + name, value, service, ns, "") ?? new XElement(ns + name);
        return new(HttpStatusCode.OK, "application/xml", root.ToString(), RestHeaders(requestId));
    }

    // S3 names its request id x-amz-request-id.
    private static Dictionary<string, string> RestHeaders(string requestId) => new() { ["x-amz-request-id"] = requestId, ["x-amz-id-2"] = requestId };

    private static Dictionary<string, string> XmlHeaders(string requestId) => new() { ["x-amzn-RequestId"] = requestId };

    private static void AddMembers(XElement parent, JsonObject members, SimulatedService service, XNamespace ns, string action)
    {
        foreach (var (name, value) in members)
        {
            if (Element(ns + name, value, service, ns, action) is { } element)
            {
                parent.Add(element);
            }
        }
    }

    private static XElement? Element(XName name, JsonNode? value, SimulatedService service, XNamespace ns, string action)
    {
        switch (value)
        {
            case null:
                // Absent optional members are omitted on the wire, never sent empty.
                return null;
            case JsonObject obj:
                var structure = new XElement(name);
                AddMembers(structure, obj, service, ns, action);
                return structure;
            case JsonArray array:
                var list = new XElement(name);
                var item = ns + service.ItemName(action, name.LocalName);
                foreach (var entry in array)
                {
                    if (Element(item, entry, service, ns, action) is { } child)
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
