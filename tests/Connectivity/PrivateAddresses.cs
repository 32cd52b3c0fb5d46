using System.Net;
using Verification.Probes.Connectivity;

namespace Verification.Connectivity;

/// <summary>Offline: which addresses count as private.</summary>
[TestFixture]
public sealed class PrivateAddresses
{
    [TestCase("10.0.20.5", false, true)]
    [TestCase("172.16.0.1", false, true)]
    [TestCase("172.31.255.254", false, true)]
    [TestCase("192.168.1.10", false, true)]
    [TestCase("fd12:3456::1", false, true)]
    [TestCase("::ffff:10.0.10.7", false, true)]
    [TestCase("172.32.0.1", false, false)]
    [TestCase("54.239.28.85", false, false)]
    [TestCase("2600:1f18::1", false, false)]
    [TestCase("127.0.0.1", false, false)]
    [TestCase("127.0.0.1", true, true)]
    [TestCase("::1", true, true)]
    public void Address_is_private_only_inside_RFC_1918_unique_local_or_sandbox_loopback(string address, bool loopbackIsPrivate, bool expected)
    {
        var ip = IPAddress.Parse(address);

        var isPrivate = PrivateAddressProbe.IsPrivate(ip, loopbackIsPrivate);

        Assert.That(isPrivate, Is.EqualTo(expected));
    }

    [Test]
    public async Task A_name_resolving_to_a_public_address_fails_even_when_the_socket_goes_to_a_private_one()
    {
        const string name = "healthcare-db-dev.c9akciq32lxx.us-east-1.rds.amazonaws.com";
        var settings = new ProbeSettings { Hosts = new Dictionary<string, IReadOnlyList<IPAddress>> { [name] = [IPAddress.Parse("54.239.28.85")] } };
        var probe = new PrivateAddressProbe(settings, TimeProvider.System);
        var endpoint = new DataPathEndpoint(name, 5432, new ConnectAddress("10.0.20.5"));

        var result = await probe.ProbeAsync(endpoint, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Failure, Is.EqualTo(ProbeFailure.PublicAddress));
            Assert.That(result.Message, Does.Contain("54.239.28.85"));
            Assert.That(result.Evidence["connect_override"], Is.EqualTo("10.0.20.5:5432"));
        }
    }

    [Test]
    public async Task A_name_that_does_not_resolve_is_unreachable_even_with_a_private_connect_override()
    {
        var probe = new PrivateAddressProbe(new ProbeSettings { Timeout = TimeSpan.FromSeconds(3) }, TimeProvider.System);
        var endpoint = new DataPathEndpoint("db.does-not-exist.invalid", 5432, new ConnectAddress("10.0.20.5"));

        var result = await probe.ProbeAsync(endpoint, CancellationToken.None);

        Assert.That(result.Failure, Is.EqualTo(ProbeFailure.Unreachable), result.ToString());
    }
}
