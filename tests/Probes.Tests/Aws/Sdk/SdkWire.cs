using System.Net;
using Amazon.Runtime;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Verification.Probes.Aws;

namespace Verification.Probes.Tests.Aws.Sdk;

/// <summary>A session whose endpoint override points the official SDK clients at a <see cref="LocalAwsServer"/>.</summary>
internal sealed class SdkWire : IDisposable
{
    public SdkWire(int maxAttempts = 1)
    {
        var retry = new Verification.Probes.Aws.RetryPolicy(maxAttempts, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));
        Session = new AwsSession(
            "us-east-1",
            new BasicAWSCredentials("AKIASANDBOXEXAMPLE01", "sandbox/secret/key/EXAMPLE0000000000000000"),
            new AwsEndpoints(Server.Url, _ => null),
            retry,
            new FakeTimeProvider(new DateTimeOffset(2024, 6, 1, 12, 0, 0, TimeSpan.Zero)));
    }

    public LocalAwsServer Server { get; } = new();

    public AwsSession Session { get; }

    public static string Sample(string service, string file) =>
        File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Aws", "WireSamples", service, file));

    /// <summary>Queues an EC2 or STS XML sample.</summary>
    public void AnswerXml(string service, string file, HttpStatusCode status = HttpStatusCode.OK) => Server.Enqueue(status, Sample(service, file), "text/xml");

    /// <summary>Queues a JSON 1.1 body (KMS).</summary>
    public void AnswerJson(string body, HttpStatusCode status = HttpStatusCode.OK) => Server.Enqueue(status, body, "application/x-amz-json-1.1");

    public void Dispose()
    {
        Session.Dispose();
        Server.Dispose();
    }
}
