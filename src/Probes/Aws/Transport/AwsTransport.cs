using System.Net;
using System.Text.Json;
using System.Xml;

namespace Verification.Probes.Aws.Transport;

/// <summary>A raw AWS HTTP answer.</summary>
public sealed record AwsResponse(HttpStatusCode Status, string Body, string? RequestId, string? ErrorTypeHeader);

/// <summary>
/// Sends one signed AWS request through the session's call pipeline (send rate, per-endpoint concurrency, SDK-style
/// retry of throttling, 5xx, timeouts, broken or truncated bodies), and records the call once, however many attempts it took.
/// </summary>
public sealed class AwsTransport(AwsSession session)
{
    public AwsSession Session { get; } = session;

    /// <summary>Sends the request, retrying within the budget, and parses a successful body with <paramref name="parse"/>.</summary>
    /// <param name="parseError">Turns a non-2xx answer into (code, message).</param>
    public Task<T> SendAsync<T>(
        AwsService service,
        string operation,
        string contentType,
        byte[] body,
        string? target,
        Func<AwsResponse, T> parse,
        Func<AwsResponse, (string Code, string Message)> parseError,
        CancellationToken cancellationToken) =>
        SendAsync(service, operation, HttpMethod.Post, "/", contentType, body, target, parse, parseError, cancellationToken);

    /// <summary>Sends a REST request: <paramref name="method"/> to <paramref name="pathAndQuery"/> (already URI-encoded, query sorted as SigV4 signs it) under the service's endpoint.</summary>
    /// <param name="contentType">Null for a request without a body (a REST GET).</param>
    public async Task<T> SendAsync<T>(
        AwsService service,
        string operation,
        HttpMethod method,
        string pathAndQuery,
        string? contentType,
        byte[] body,
        string? target,
        Func<AwsResponse, T> parse,
        Func<AwsResponse, (string Code, string Message)> parseError,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var region = Session.Region;
        var endpoint = Session.Endpoints.Resolve(service, region);
        var signingRegion = AwsEndpoints.SigningRegion(service, region);
        var (parsed, _) = await Session.Pipeline.RunAsync(service, endpoint, operation, async token =>
        {
            AwsResponse response;
            try
            {
                response = await SendOnceAsync(service, method, Under(endpoint, pathAndQuery), signingRegion, contentType, body, target, token).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw new AwsServiceException(service.EndpointPrefix, operation, region, "ConnectionFailed", $"could not talk to {endpoint}: {e.Message}", null, null, e);
            }
            catch (IOException e)
            {
                throw new AwsServiceException(service.EndpointPrefix, operation, region, "ConnectionFailed", $"the connection to {endpoint} broke: {e.Message}", null, null, e);
            }

            if ((int)response.Status is >= 200 and < 300)
            {
                return (Parse(response, parse, service, operation, region), response.RequestId);
            }

            var (code, message) = parseError(response);
            throw new AwsServiceException(service.EndpointPrefix, operation, region, code, message, (int)response.Status, response.RequestId);
        }, answer => answer.RequestId, cancellationToken).ConfigureAwait(false);
        return parsed;
    }

    // A custom endpoint may carry a path of its own (a proxy prefix): the operation's path goes beneath it.
    private static Uri Under(Uri endpoint, string pathAndQuery) =>
        pathAndQuery == "/" ? endpoint : new Uri(endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/') + pathAndQuery);

    private async Task<AwsResponse> SendOnceAsync(AwsService service, HttpMethod method, Uri uri, string signingRegion, string? contentType, byte[] body, string? target, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri);
        if (contentType is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        if (target is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        }

        // Resolving credentials (SSO, web identity, instance metadata) may itself call out: it runs under the attempt's deadline.
        var credentials = await Session.GetCredentialsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        SigV4.Sign(request, body, credentials, signingRegion, service.SigningName, Session.Time.GetUtcNow());
        using var response = await Session.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var requestId = Header(response, "x-amzn-RequestId") ?? Header(response, "x-amz-request-id");
        return new AwsResponse(response.StatusCode, text, requestId, Header(response, "x-amzn-ErrorType"));
    }

    private static T Parse<T>(AwsResponse response, Func<AwsResponse, T> parse, AwsService service, string operation, string region)
    {
        try
        {
            return parse(response);
        }
        catch (Exception e) when (e is XmlException or JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw new AwsServiceException(service.EndpointPrefix, operation, region, "MalformedResponse",
                $"the answer could not be read ({e.Message})", (int)response.Status, response.RequestId, e);
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
