using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Xml;

namespace Verification.Probes.Aws.Transport;

/// <summary>A raw AWS HTTP answer.</summary>
public sealed record AwsResponse(HttpStatusCode Status, string Body, string? RequestId, string? ErrorTypeHeader);

/// <summary>
/// Sends one signed AWS request with the SDK-style retry (throttling, 5xx, timeouts, broken or truncated bodies),
/// and records the call once, however many attempts it took.
/// </summary>
public sealed class AwsTransport(AwsSession session)
{
    public AwsSession Session { get; } = session;

    /// <summary>Sends the request, retrying within the budget, and parses a successful body with <paramref name="parse"/>.</summary>
    /// <param name="parseError">Turns a non-2xx answer into (code, message).</param>
    public async Task<T> SendAsync<T>(
        AwsService service,
        string operation,
        string contentType,
        byte[] body,
        string? target,
        Func<AwsResponse, T> parse,
        Func<AwsResponse, (string Code, string Message)> parseError,
        CancellationToken cancellationToken)
    {
        var region = Session.Region;
        var endpoint = Session.Endpoints.Resolve(service, region);
        var signingRegion = AwsEndpoints.SigningRegion(service, region);
        var time = Session.Time;
        var started = time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var attempt = 0;
        string? requestId = null;
        while (true)
        {
            attempt++;
            AwsServiceException failure;
            try
            {
                var response = await SendOnceAsync(service, endpoint, signingRegion, contentType, body, target, cancellationToken).ConfigureAwait(false);
                requestId = response.RequestId;
                if ((int)response.Status is >= 200 and < 300)
                {
                    var parsed = Parse(response, parse, service, operation, region);
                    Record(service, operation, started, clock.Elapsed, attempt, AwsCallOutcome.Succeeded, requestId, null);
                    return parsed;
                }

                var (code, message) = parseError(response);
                failure = new AwsServiceException(service.EndpointPrefix, operation, region, code, message, (int)response.Status, response.RequestId);
            }
            catch (AwsServiceException malformed)
            {
                failure = malformed;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = new AwsServiceException(service.EndpointPrefix, operation, region, "Timeout",
                    $"no complete answer from {endpoint} within {Session.Retry.AttemptTimeout.TotalSeconds:0.#} s", null, null);
            }
            catch (HttpRequestException e)
            {
                failure = new AwsServiceException(service.EndpointPrefix, operation, region, "ConnectionFailed",
                    $"could not talk to {endpoint}: {e.Message}", null, null, e);
            }
            catch (IOException e)
            {
                failure = new AwsServiceException(service.EndpointPrefix, operation, region, "ConnectionFailed",
                    $"the connection to {endpoint} broke: {e.Message}", null, null, e);
            }

            var delay = Session.Retry.Backoff(attempt + 1, Session.Random);
            var outOfBudget = attempt >= Session.Retry.MaxAttempts || clock.Elapsed + delay > Session.Retry.TotalBudget;
            if (!failure.IsRetryable || outOfBudget)
            {
                Record(service, operation, started, clock.Elapsed, attempt, AwsCallOutcome.Failed, failure.RequestId ?? requestId, failure.ErrorCode);
                throw failure;
            }

            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<AwsResponse> SendOnceAsync(AwsService service, Uri endpoint, string signingRegion, string contentType, byte[] body, string? target, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(Session.Retry.AttemptTimeout, Session.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (target is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        }

        var credentials = await Session.GetCredentialsAsync().ConfigureAwait(false);
        SigV4.Sign(request, body, credentials, signingRegion, service.SigningName, Session.Time.GetUtcNow());
        using var response = await Session.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
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

    private void Record(AwsService service, string operation, DateTimeOffset started, TimeSpan elapsed, int attempts, AwsCallOutcome outcome, string? requestId, string? errorCode) =>
        Session.Calls.Add(new AwsCall(service.EndpointPrefix, operation, started, elapsed, attempts, outcome, requestId, errorCode));
}
