using System.Net;

namespace Verification.Probes.Tests.Aws;

/// <summary>One request as the fake AWS endpoint saw it.</summary>
public sealed record RecordedRequest(HttpMethod Method, Uri Uri, Dictionary<string, string> Headers, string Body);

/// <summary>An in-process AWS endpoint: answers queued responses in order and records every request.</summary>
public sealed class FakeAwsHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpResponseMessage>> _responses = new();
    private readonly Lock _gate = new();

    public List<RecordedRequest> Requests { get; } = [];

    /// <summary>Queues the next answer; the content type defaults to JSON 1.1.</summary>
    public void Enqueue(HttpStatusCode status, string body, string? contentType = null, IDictionary<string, string>? headers = null)
    {
        var extra = headers is null ? [] : new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);
        lock (_gate)
        {
            _responses.Enqueue(() =>
            {
                var response = new HttpResponseMessage(status) { Content = new StringContent(body) };
                response.Content.Headers.Remove("Content-Type");
                response.Content.Headers.TryAddWithoutValidation("Content-Type", contentType ?? "application/x-amz-json-1.1");
                foreach (var (name, value) in extra)
                {
                    response.Headers.TryAddWithoutValidation(name, value);
                }

                return response;
            });
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
        {
            headers[name] = string.Join(",", values);
        }

        Func<HttpResponseMessage> next;
        lock (_gate)
        {
            Requests.Add(new RecordedRequest(request.Method, request.RequestUri!, headers, body));
            if (!_responses.TryDequeue(out next!))
            {
                throw new InvalidOperationException($"no response queued for request {Requests.Count} ({request.Method} {request.RequestUri})");
            }
        }

        return next();
    }
}
