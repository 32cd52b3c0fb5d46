using NUnit.Framework;
using Verification.Probes.Aws.ServiceDiscovery;

namespace Verification.Probes.Tests.Aws.Json;

public sealed class ServiceDiscoveryClientTests
{
    [Test]
    public async Task A_namespace_is_read_with_its_type_and_http_name()
    {
        using var wire = new JsonWire();
        wire.AnswerSample("servicediscovery", "GetNamespace.response.json");

        var found = await new ServiceDiscoveryClient(wire.Transport).GetNamespaceAsync("ns-abcd1234xmpl5678", CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(found.Id, Is.EqualTo("ns-abcd1234xmpl5678"));
            Assert.That(found.Arn, Is.EqualTo("arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-abcd1234xmpl5678"));
            Assert.That(found.Type, Is.EqualTo("HTTP"));
            Assert.That(found.HttpName, Is.EqualTo("hipaa.local"));
            Assert.That(found.HostedZoneId, Is.Null);
            Assert.That(wire.Handler.Requests.Single().Headers["X-Amz-Target"], Is.EqualTo("Route53AutoNaming_v20170314.GetNamespace"));
            Assert.That(wire.RequestBody(0).GetProperty("Id").GetString(), Is.EqualTo("ns-abcd1234xmpl5678"));
        }
    }

    [Test]
    public async Task A_private_dns_namespace_reports_its_hosted_zone()
    {
        using var wire = new JsonWire();
        wire.Answer("""
            {"Namespace":{"Id":"ns-abcd1234xmpl5678","Arn":"arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-abcd1234xmpl5678",
             "Name":"healthcare-dev.local","Type":"DNS_PRIVATE","Properties":{"DnsProperties":{"HostedZoneId":"Z0123456789ABCDEFGHIJ","SOA":{"TTL":15}},"HttpProperties":{"HttpName":"healthcare-dev.local"}},
             "CreateDate":1.715722521874E9}}
            """);

        var found = await new ServiceDiscoveryClient(wire.Transport).GetNamespaceAsync("ns-abcd1234xmpl5678", CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(found.Type, Is.EqualTo("DNS_PRIVATE"));
            Assert.That(found.HostedZoneId, Is.EqualTo("Z0123456789ABCDEFGHIJ"));
        }
    }
}
