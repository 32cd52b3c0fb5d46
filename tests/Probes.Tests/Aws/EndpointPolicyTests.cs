using NUnit.Framework;
using Verification.Probes.Aws;
using Verification.Probes.Runs;

namespace Verification.Probes.Tests.Aws;

public sealed class EndpointPolicyTests
{
    [Test]
    public void Without_endpoint_variables_every_service_uses_AWSs_default_https_endpoint()
    {
        var used = EndpointUses.Of(new AwsEndpoints(environment: _ => null), "eu-west-1");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(used.Values.Select(u => u.IsDefault), Has.All.True);
            Assert.That(used["rds"].Url, Is.EqualTo("https://rds.eu-west-1.amazonaws.com/"));
            Assert.That(() => EndpointUses.RequireHttps(used, allowInsecure: false), Throws.Nothing);
        }
    }

    [Test]
    public void A_plain_http_endpoint_variable_is_refused_naming_the_service_and_the_flag()
    {
        var environment = new Dictionary<string, string> { ["AWS_ENDPOINT_URL_KMS"] = "http://kms.internal:8080" };
        var used = EndpointUses.Of(new AwsEndpoints(environment: environment.GetValueOrDefault), "us-east-1");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(used["kms"], Is.EqualTo(new EndpointUse("http://kms.internal:8080/", IsDefault: false)));
            Assert.That(used["rds"].IsDefault, Is.True);
            Assert.That(() => EndpointUses.RequireHttps(used, allowInsecure: false),
                Throws.TypeOf<InsecureEndpointException>().With.Message.Contains("kms → http://kms.internal:8080/").And.Message.Contains("--allow-insecure-endpoint"));
            Assert.That(() => EndpointUses.RequireHttps(used, allowInsecure: true), Throws.Nothing);
        }
    }

    [Test]
    public void The_insecure_endpoint_flag_is_read_from_the_settings()
    {
        var settings = RunSettings.Read(name => name == "Outputs" ? "outputs.json" : null, name => name == "VERIFY_ALLOW_INSECURE_ENDPOINT" ? "true" : null, Path.GetTempPath());

        Assert.That(settings.AllowInsecureEndpoint, Is.True);
    }
}
