using NUnit.Framework;
using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using Microsoft.Extensions.Time.Testing;
using Verification.Probes.Aws;
using Verification.Probes.Aws.Transport;

namespace Verification.Probes.Tests.Aws.Json;

/// <summary>Wires a thin client to a <see cref="FakeAwsHandler"/> through the real session and transport.</summary>
internal sealed class JsonWire : IDisposable
{
    public const string RequestId = "c0ffee00-0000-4000-8000-000000000001";

    public JsonWire()
    {
        // One attempt: error samples must surface as they are, not be retried against an empty queue.
        var retry = new Verification.Probes.Aws.RetryPolicy(1, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));
        Session = new AwsSession(
            "us-east-1",
            new BasicAWSCredentials("AKIASANDBOXEXAMPLE01", "sandbox/secret/key/EXAMPLE0000000000000000"),
            new AwsEndpoints(new Uri("https://aws.test/"), _ => null),
            retry,
            new FakeTimeProvider(new DateTimeOffset(2024, 6, 1, 12, 0, 0, TimeSpan.Zero)),
            new HttpClient(Handler));
        Transport = new AwsTransport(Session);
    }

    public FakeAwsHandler Handler { get; } = new();

    public AwsSession Session { get; }

    public AwsTransport Transport { get; }

    /// <summary>The text of a copied wire sample, e.g. Sample("ecs", "DescribeClusters.response.json").</summary>
    public static string Sample(string service, string file) =>
        File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Aws", "WireSamples", service, file));

    /// <summary>Queues a 200 answer carrying a request id.</summary>
    public void Answer(string body) => Handler.Enqueue(HttpStatusCode.OK, body, headers: new Dictionary<string, string> { ["x-amzn-RequestId"] = RequestId });

    public void AnswerSample(string service, string file) => Answer(Sample(service, file));

    /// <summary>The JSON body of request <paramref name="index"/>.</summary>
    public JsonElement RequestBody(int index) => JsonDocument.Parse(Handler.Requests[index].Body).RootElement;

    public void Dispose()
    {
        Session.Dispose();
        Session.Http.Dispose();
    }
}
