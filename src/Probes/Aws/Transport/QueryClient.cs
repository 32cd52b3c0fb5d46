using System.Net;
using System.Text;
using System.Xml.Linq;

namespace Verification.Probes.Aws.Transport;

/// <summary>The AWS Query protocol (and its EC2 variant): form-encoded POST, XML answer.</summary>
public sealed class QueryClient(AwsTransport transport, AwsService service)
{
    public AwsService Service { get; } = service;

    public string Region => transport.Session.Region;

    /// <summary>The session's clock.</summary>
    public TimeProvider Time => transport.Session.Time;

    /// <summary>Calls <paramref name="operation"/> and returns its OpResult element (the root for EC2, which has no wrapper).</summary>
    public Task<XElement> CallAsync(string operation, IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        var form = new StringBuilder()
            .Append("Action=").Append(Uri.EscapeDataString(operation))
            .Append("&Version=").Append(Uri.EscapeDataString(Service.ApiVersion));
        foreach (var (name, value) in parameters)
        {
            form.Append('&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return transport.SendAsync(
            Service,
            operation,
            "application/x-www-form-urlencoded; charset=utf-8",
            Encoding.UTF8.GetBytes(form.ToString()),
            target: null,
            response => Result(response, operation),
            ParseError,
            cancellationToken);
    }

    /// <summary>Maps a read answer; a member of the wrong type or a number that does not fit is MalformedResponse for <paramref name="operation"/>.</summary>
    public T Read<T>(string operation, Func<T> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        try
        {
            return map();
        }
        catch (FormatException e)
        {
            throw Paging.Malformed(Service.EndpointPrefix, operation, Region, $"the answer could not be read ({e.Message})");
        }
    }

    /// <summary>Follows a marker-paged list to its end and returns every page's result element.</summary>
    /// <param name="requestMarker">The request parameter carrying the marker ("Marker", "NextToken").</param>
    /// <param name="responseMarker">The result element carrying the next marker ("Marker", "NextMarker", "nextToken").</param>
    public async Task<List<XElement>> PagesAsync(string operation, IReadOnlyList<KeyValuePair<string, string>> parameters, string requestMarker, string responseMarker, CancellationToken cancellationToken)
    {
        return await Paging.AllAsync(
            Service.EndpointPrefix,
            operation,
            Region,
            (marker, ct) => CallAsync(operation, marker is null ? parameters : [.. parameters, new(requestMarker, marker)], ct),
            page => page.Text(responseMarker),
            Time,
            cancellationToken).ConfigureAwait(false);
    }

    private XElement Result(AwsResponse response, string operation)
    {
        var root = XDocument.Parse(response.Body).Root ?? throw new FormatException("empty XML document");
        if (Service.Protocol == AwsProtocol.Ec2)
        {
            return root;
        }

        // Every Query answer wraps its members in <OpResult>; without it the answer is not the operation's, and an empty list must not be read from it.
        return root.Child(operation + "Result") ?? throw new FormatException($"the answer has no {operation}Result element (root element {root.Name.LocalName})");
    }

    /// <summary>Reads Query (&lt;ErrorResponse&gt;&lt;Error&gt;) and EC2 (&lt;Response&gt;&lt;Errors&gt;&lt;Error&gt;) error envelopes.</summary>
    public static (string Code, string Message) ParseError(AwsResponse response)
    {
        try
        {
            var root = XDocument.Parse(response.Body).Root!;
            var error = root.Child("Error") ?? root.Child("Errors")?.Child("Error");
            if (error?.Text("Code") is { } code)
            {
                return (code, error.Text("Message") ?? "");
            }
        }
        catch (System.Xml.XmlException)
        {
            // Not XML (a proxy's HTML page, a truncated body): fall through to the status code.
        }

        return (StatusCode(response.Status), $"HTTP {(int)response.Status} with no AWS error body");
    }

    internal static string StatusCode(HttpStatusCode status) => (int)status switch
    {
        403 => "AccessDenied",
        429 => "Throttling",
        503 => "ServiceUnavailable",
        >= 500 => "InternalFailure",
        _ => $"Http{(int)status}",
    };
}
