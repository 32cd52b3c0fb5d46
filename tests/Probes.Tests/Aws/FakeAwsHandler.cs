using System.Net;
using System.Text;

namespace Verification.Probes.Tests.Aws;

/// <summary>One request as the fake endpoint saw it, read before the transport disposed it.</summary>
public sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>An in-process AWS endpoint: records every request and answers with the next queued response.</summary>
public sealed class FakeAwsHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpResponseMessage>> _answers = new();
    private readonly Lock _gate = new();

    /// <summary>Every request received, in order.</summary>
    public List<RecordedRequest> Requests { get; } = [];

    /// <summary>Queues the next answer; the content type defaults to XML or JSON by the body's first character.</summary>
    public void Enqueue(HttpStatusCode status, string body, string? contentType = null, IDictionary<string, string>? headers = null)
    {
        var type = contentType ?? (body.TrimStart().StartsWith('<') ? "text/xml" : "application/x-amz-json-1.1");
        var extra = headers is null ? [] : new Dictionary<string, string>(headers);
        lock (_gate)
        {
            _answers.Enqueue(() =>
            {
                var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8) };
                response.Content.Headers.Remove("Content-Type");
                response.Content.Headers.TryAddWithoutValidation("Content-Type", type);
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
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
        {
            headers[name] = string.Join(", ", values);
        }

        lock (_gate)
        {
            Requests.Add(new RecordedRequest(request.Method, request.RequestUri!, headers, body));

            // A missing answer is a broken test, not a network fault: fail loudly instead of letting the transport retry it.
            return _answers.Count > 0
                ? _answers.Dequeue()()
                : throw new InvalidOperationException($"no answer queued for request {Requests.Count} to {request.RequestUri}");
        }
    }
}
