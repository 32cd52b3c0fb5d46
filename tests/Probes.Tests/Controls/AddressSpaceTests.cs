using NUnit.Framework;
using Verification.Probes.Controls;

namespace Verification.Probes.Tests.Controls;

public sealed class AddressSpaceTests
{
    [TestCase("0.0.0.0/0", ExpectedResult = true)]
    [TestCase("0.0.0.0/1 128.0.0.0/1", ExpectedResult = true)]
    [TestCase("::/0", ExpectedResult = true)]
    [TestCase("::/1 8000::/1", ExpectedResult = true)]
    [TestCase("2000::/3", ExpectedResult = true)]
    [TestCase("0.0.0.0/2", ExpectedResult = true)]
    [TestCase("18.0.0.0/7", ExpectedResult = true)]
    [TestCase("2001:db8::/32 fc00::/7 fe80::/10", ExpectedResult = false)]
    [TestCase("10.0.0.0/8 172.16.0.0/12 192.168.0.0/16 100.64.0.0/10", ExpectedResult = false)]
    [TestCase("18.0.0.0/8", ExpectedResult = false)]
    [TestCase("0.0.0.0/1", ExpectedResult = true)]
    [TestCase("2600::/16", ExpectedResult = false)]
    [TestCase("2600::/15", ExpectedResult = true)]
    public bool Sources_are_open_to_the_internet_by_arithmetic(string cidrs) => AddressSpace.Of(cidrs.Split(' '), out _).IsOpenToInternet;

    [TestCase("10.0.0.0/16", ExpectedResult = false)]
    [TestCase("203.0.113.0/24", ExpectedResult = false)]
    [TestCase("52.94.76.0/22", ExpectedResult = true)]
    [TestCase("2600:1f18::/36", ExpectedResult = true)]
    [TestCase("fd00::/8", ExpectedResult = false)]
    public bool A_source_admits_public_addresses_when_any_of_its_addresses_is_globally_reachable(string cidr) => AddressSpace.Of([cidr], out _).AdmitsPublicAddresses;

    [Test]
    public void Text_that_is_not_a_cidr_block_is_named_as_unreadable()
    {
        AddressSpace.Of(["0.0.0.0/0", "everyone", "10.0.0.0/33"], out var unreadable);

        Assert.That(unreadable, Is.EqualTo(new[] { "everyone", "10.0.0.0/33" }));
    }
}
