using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Verification.Probes.Aws.Transport;

/// <summary>
/// One REST-JSON operation as the AWS model declares it: <c>http.method</c>, <c>http.requestUri</c> with its
/// <c>{label}</c>s, and the wire names (<c>locationName</c>) of the members bound to the path and the query string.
/// Members with no location go in the JSON body.
/// </summary>
/// <param name="Name">The operation ("ListBackupPlans"), which is also the IAM action.</param>
/// <param name="Method">"GET" or "POST".</param>
/// <param name="RequestUri">The model's requestUri, e.g. "/backup/plans/{backupPlanId}/selections/".</param>
public sealed record RestOperation(string Name, string Method, string RequestUri)
{
    /// <summary>The path and query for these label and query values, encoded and ordered as SigV4 signs them.</summary>
    /// <exception cref="ArgumentException">A label of the requestUri has no value: AWS would answer a different operation.</exception>
    public string PathAndQuery(IReadOnlyDictionary<string, string>? labels, IReadOnlyDictionary<string, string>? query)
    {
        var path = new StringBuilder();
        var rest = RequestUri;
        while (rest.IndexOf('{', StringComparison.Ordinal) is var open and >= 0)
        {
            var close = rest.IndexOf('}', open);
            var label = rest[(open + 1)..close];
            var value = labels?.GetValueOrDefault(label);
            if (string.IsNullOrEmpty(value))
            {
                throw new ArgumentException($"{Name}: no value for the path label {{{label}}} of {RequestUri}", nameof(labels));
            }

            path.Append(rest[..open]).Append(Uri.EscapeDataString(value));
            rest = rest[(close + 1)..];
        }

        path.Append(rest);

        // SigV4 signs the query sorted by name, each name and value RFC 3986-encoded; sending it in that order keeps the signed and sent forms one.
        var pairs = (query ?? new Dictionary<string, string>())
            .Select(p => (Name: Uri.EscapeDataString(p.Key), Value: Uri.EscapeDataString(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}")
            .ToList();
        return pairs.Count == 0 ? path.ToString() : $"{path}?{string.Join('&', pairs)}";
    }
}

/// <summary>Where a REST-JSON list carries its paging token: asked as a query parameter or a body member, answered as a body member.</summary>
/// <param name="QueryName">The query parameter's wire name ("nextToken"), or null when the token goes in the body.</param>
/// <param name="BodyName">The request body member's wire name, or null when the token goes in the query.</param>
/// <param name="OutputName">The output member's wire name ("NextToken" for Backup, "nextToken" for GuardDuty).</param>
public sealed record RestPaging(string? QueryName, string? BodyName, string OutputName)
{
    /// <summary>Backup and Security Hub: ?nextToken=… in, NextToken out.</summary>
    public static RestPaging QueryToken(string queryName, string outputName) => new(queryName, null, outputName);

    /// <summary>GuardDuty's POST lists: "nextToken" in the body, both ways.</summary>
    public static RestPaging BodyToken(string name) => new(null, name, name);
}

/// <summary>
/// The AWS REST-JSON protocol (Backup, GuardDuty, Security Hub): the operation is the method and path, path and query
/// members placed as the model's <c>location</c> says, the rest a JSON body; errors named by the x-amzn-ErrorType header
/// or the body's "__type"/"code".
/// </summary>
public sealed class RestJsonClient(AwsTransport transport, AwsService service)
{
    public AwsService Service { get; } = service;

    public string Region => transport.Session.Region;

    /// <summary>The session's clock.</summary>
    public TimeProvider Time => transport.Session.Time;

    /// <summary>Calls <paramref name="operation"/> and returns the answer's root object.</summary>
    /// <param name="body">The members without a location; null sends no body (GET).</param>
    public Task<JsonElement> CallAsync(
        RestOperation operation,
        IReadOnlyDictionary<string, string>? labels,
        IReadOnlyDictionary<string, string>? query,
        JsonObject? body,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var pathAndQuery = operation.PathAndQuery(labels, query);

        // A POST always carries a JSON document, "{}" when every member is in the path or absent, as the SDKs send it.
        var payload = body ?? (operation.Method == "GET" ? null : []);
        return transport.SendAsync(
            Service,
            operation.Name,
            new HttpMethod(operation.Method),
            pathAndQuery,
            payload is null ? null : "application/json",
            payload is null ? [] : Encoding.UTF8.GetBytes(payload.ToJsonString()),
            null,
            Body,
            ParseError,
            cancellationToken);
    }

    /// <summary>Every page of a token-paged list, the token placed where <paramref name="paging"/> says.</summary>
    public async Task<List<JsonElement>> PagesAsync(
        RestOperation operation,
        IReadOnlyDictionary<string, string>? labels,
        IReadOnlyDictionary<string, string>? query,
        JsonObject? body,
        RestPaging paging,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(paging);
        return await Paging.AllAsync(
            Service.EndpointPrefix,
            operation.Name,
            Region,
            (token, ct) =>
            {
                var pageQuery = new Dictionary<string, string>(query ?? new Dictionary<string, string>(), StringComparer.Ordinal);
                var pageBody = body is null ? null : (JsonObject)body.DeepClone();
                if (token is not null && paging.QueryName is { } queryName)
                {
                    pageQuery[queryName] = token;
                }

                if (token is not null && paging.BodyName is { } bodyName)
                {
                    pageBody ??= [];
                    pageBody[bodyName] = token;
                }

                return CallAsync(operation, labels, pageQuery, pageBody, ct);
            },
            page => page.Text(paging.OutputName),
            Time,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Maps a read answer; a member of the wrong type is MalformedResponse for <paramref name="operation"/>.</summary>
    public T Read<T>(RestOperation operation, Func<T> map)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(map);
        try
        {
            return map();
        }
        catch (FormatException e)
        {
            throw Paging.Malformed(Service.EndpointPrefix, operation.Name, Region, $"the answer could not be read ({e.Message})");
        }
    }

    /// <summary>A 200 answer's JSON object; an empty or non-object body is malformed, never read as an empty answer.</summary>
    private static JsonElement Body(AwsResponse response)
    {
        if (string.IsNullOrWhiteSpace(response.Body))
        {
            throw new FormatException("the 200 answer has an empty body");
        }

        using var document = JsonDocument.Parse(response.Body);
        return document.RootElement.ValueKind == JsonValueKind.Object
            ? document.RootElement.Clone()
            : throw new FormatException($"the answer is a JSON {document.RootElement.ValueKind}, not an object");
    }

    /// <summary>
    /// The error code from x-amzn-ErrorType ("AccessDeniedException:http://internal.amazon.com/..."), else the body's
    /// "__type", "code" or "Code"; the message from "message" or "Message". The header comes first because Backup's body
    /// "Code" is an internal number ("ERROR_2603") beside the real error type.
    /// </summary>
    public static (string Code, string Message) ParseError(AwsResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        string? code = null;
        string? message = null;
        try
        {
            using var document = JsonDocument.Parse(response.Body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                code = new[] { "__type", "code", "Code" }.Select(name => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null).FirstOrDefault(c => !string.IsNullOrEmpty(c));
                message = new[] { "message", "Message" }.Select(name => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null).FirstOrDefault(m => m is not null);
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page): the header or the status code still says what happened.
        }

        code = string.IsNullOrEmpty(response.ErrorTypeHeader) ? code : response.ErrorTypeHeader;
        return code is null
            ? (QueryClient.StatusCode(response.Status), message ?? $"HTTP {(int)response.Status} with no AWS error body")
            : (JsonClient.ShortCode(code), message ?? "");
    }
}
