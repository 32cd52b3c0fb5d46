using NUnit.Framework;
using Verification.Probes.Connectivity;
using Verification.Probes.Outputs;

namespace Verification.Probes.Tests.Connectivity;

public sealed class DbSecretEndpointCheckTests
{
    private const string Arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:healthcare/db/credentials-dev-AbCdEf";
    private static readonly HostPort Endpoint = new("healthcare-db-dev.c9akciq32lxx.us-east-1.rds.amazonaws.com", 5432);

    private static DataPathCredentials Secret(string? host, int? port) =>
        new("app", "not-a-real-password", "healthcare", null) { SecretHost = host, SecretPort = port };

    [Test]
    public void A_secret_naming_the_endpoint_passes()
    {
        var result = DbSecretEndpointCheck.Check(Secret("HEALTHCARE-DB-DEV.c9akciq32lxx.us-east-1.rds.amazonaws.com", 5432), Endpoint, Arn, TimeProvider.System);

        Assert.That(result.Outcome, Is.EqualTo(ProbeOutcome.Pass));
    }

    [TestCase("healthcare-db-old.c9akciq32lxx.us-east-1.rds.amazonaws.com", 5432, "its host is healthcare-db-old")]
    [TestCase("healthcare-db-dev.c9akciq32lxx.us-east-1.rds.amazonaws.com", 5433, "its port is 5433, not 5432")]
    [TestCase(null, null, "it has no \"host\" key; it has no \"port\" key")]
    public void A_secret_pointing_elsewhere_fails_saying_what_differs_and_never_the_password(string? host, int? port, string expected)
    {
        var result = DbSecretEndpointCheck.Check(Secret(host, port), Endpoint, Arn, TimeProvider.System);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Failure, Is.EqualTo(ProbeFailure.SecretMismatch));
            Assert.That(result.Message, Does.Contain(expected));
            Assert.That(result.ToString(), Does.Not.Contain("not-a-real-password"));
        }
    }
}
