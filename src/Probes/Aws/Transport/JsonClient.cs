using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Verification.Probes.Aws.Transport;

/// <summary>The AWS JSON 1.1 protocol: POST with X-Amz-Target, JSON in and out.</summary>
public sealed class JsonClient(AwsTransport transport, AwsService service)
{
    public AwsService Service { get; } = service;

    public string Region => transport.Session.Region;

    /// <summary>The session's clock.</summary>
    public TimeProvider Time => transport.Session.Time;

    /// <summary>Calls <paramref name="operation"/> with <paramref name="request"/> and returns the answer's root element.</summary>
    public Task<JsonElement> CallAsync(string operation, JsonObject request, CancellationToken cancellationToken) =>
        transport.SendAsync(
            Service,
            operation,
            "application/x-amz-json-1.1",
            Encoding.UTF8.GetBytes(request.ToJsonString()),
            $"{Service.TargetPrefix}.{operation}",
            Body,
            ParseError,
            cancellationToken);

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

    /// <summary>Follows a token-paged list to its end ("nextToken" for ECS and Logs, "NextToken" for Cloud Map and Secrets Manager).</summary>
    public async Task<List<JsonElement>> PagesAsync(string operation, JsonObject request, string tokenName, CancellationToken cancellationToken)
    {
        return await Paging.AllAsync(
            Service.EndpointPrefix,
            operation,
            Region,
            (token, ct) =>
            {
                var body = (JsonObject)request.DeepClone();
                if (token is not null)
                {
                    body[tokenName] = token;
                }

                return CallAsync(operation, body, ct);
            },
            page => page.Text(tokenName),
            Time,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A 200 answer's JSON object; an empty or non-object body is malformed, never read as "{}" (which would be an empty list).</summary>
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

    /// <summary>Reads {"__type": "ns#Code", "message"|"Message": ...}, falling back to the x-amzn-ErrorType header.</summary>
    public static (string Code, string Message) ParseError(AwsResponse response)
    {
        string? code = null;
        string? message = null;
        try
        {
            using var document = JsonDocument.Parse(response.Body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                code = root.TryGetProperty("__type", out var type) ? type.GetString() : null;
                message = root.TryGetProperty("message", out var lower) ? lower.GetString()
                    : root.TryGetProperty("Message", out var upper) ? upper.GetString() : null;
            }
        }
        catch (JsonException)
        {
            // Not JSON: the header or the status code still says what happened.
        }

        code ??= response.ErrorTypeHeader;
        return code is null
            ? (QueryClient.StatusCode(response.Status), message ?? $"HTTP {(int)response.Status} with no AWS error body")
            : (ShortCode(code), message ?? "");
    }

    /// <summary>"com.amazonaws.dynamodb.v20111205#ResourceNotFoundException:http://..." becomes "ResourceNotFoundException".</summary>
    public static string ShortCode(string type)
    {
        var hash = type.LastIndexOf('#');
        var code = hash >= 0 ? type[(hash + 1)..] : type;
        var colon = code.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? code[..colon] : code;
    }
}
