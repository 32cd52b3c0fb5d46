using System.Net;
using Verification.Probes.Aws;
using Verification.Probes.Aws.Transport;

namespace Verification.Probes.Tests.Aws.Query;

/// <summary>A real session and transport whose HTTP goes to a <see cref="FakeAwsHandler"/>: signing, form body, retry and error parsing all run.</summary>
internal sealed class QueryHarness : IDisposable
{
    public const string AccessKey = "AKIASANDBOXEXAMPLE01";

    private readonly HttpClient _http;

    public QueryHarness(string region = "us-east-1")
    {
        _http = new HttpClient(Handler);
        Session = new AwsSession(
            region,
            new Amazon.Runtime.BasicAWSCredentials(AccessKey, "sandbox/secret/key/EXAMPLE0000000000000000"),
            new AwsEndpoints(new Uri("http://127.0.0.1:1/")),
            new RetryPolicy(4, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)),
            TimeProvider.System,
            _http);
        Transport = new AwsTransport(Session);
    }

    public FakeAwsHandler Handler { get; } = new();

    public AwsSession Session { get; }

    public AwsTransport Transport { get; }

    /// <summary>The parsed form of the n-th request (0-based).</summary>
    public IReadOnlyDictionary<string, string> Form(int index) => WireSample.Form(Handler.Requests[index].Body);

    /// <summary>Queues a wire-sample file as the next answer.</summary>
    public void Answer(string service, string file, HttpStatusCode status = HttpStatusCode.OK) =>
        Answer(WireSample.Read(service, file), status);

    /// <summary>Queues a body as the next answer, with the x-amzn-RequestId header AWS sends beside the body's own RequestId.</summary>
    public void Answer(string body, HttpStatusCode status = HttpStatusCode.OK) =>
        Handler.Enqueue(status, body, "text/xml", WireSample.RequestId(body) is { } id ? new Dictionary<string, string> { ["x-amzn-RequestId"] = id } : null);

    public void Dispose()
    {
        Session.Dispose();
        _http.Dispose();
    }
}
