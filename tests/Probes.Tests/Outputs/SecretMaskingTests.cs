using System.Text.Json;
using NUnit.Framework;
using Verification.Probes.Outputs;

namespace Verification.Probes.Tests.Outputs;

public sealed class SecretMaskingTests
{
    private static readonly string[] Secrets =
    [
        "hunter2-EXAMPLE",
        "redis-auth-EXAMPLE-0000",
        "{\"username\":\"app\",\"password\":\"pg-EXAMPLE-pass\"}",
        "-----BEGIN " + "RSA PRIVATE KEY-----EXAMPLE",
        "ghp_EXAMPLE0000000000",
        "nested-EXAMPLE-pass",
        "sensitive-EXAMPLE-value",
    ];

    private static string FlatWithSecrets()
    {
        var outputs = SandboxOutputs.Required();
        outputs["db_password"] = Secrets[0];
        outputs["RedisAuthToken"] = Secrets[1];
        outputs["DbSecretString"] = Secrets[2];
        outputs["tls_private_key"] = Secrets[3];
        outputs["githubToken"] = Secrets[4];
        outputs["app_config"] = new Dictionary<string, string> { ["Password"] = Secrets[5] };
        return SandboxOutputs.Json(outputs);
    }

    [Test]
    public void Secret_looking_values_are_masked_in_raw_while_their_keys_are_kept()
    {
        var outputs = StackOutputsReader.Parse("outputs.json", FlatWithSecrets());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outputs.Raw["db_password"], Is.EqualTo("****"));
            Assert.That(outputs.Raw["RedisAuthToken"], Is.EqualTo("****"));
            Assert.That(outputs.Raw["DbSecretString"], Is.EqualTo("****"));
            Assert.That(outputs.Raw["tls_private_key"], Is.EqualTo("****"));
            Assert.That(outputs.Raw["githubToken"], Is.EqualTo("****"));
            Assert.That(outputs.Raw["app_config"], Is.EqualTo("****"));
        }
    }

    [Test]
    public void No_secret_value_appears_anywhere_in_raw()
    {
        var outputs = StackOutputsReader.Parse("outputs.json", FlatWithSecrets());

        Assert.That(outputs.Raw.Values, Has.None.Contains("EXAMPLE-pass").And.None.Contains("hunter2").And.None.Contains("PRIVATE KEY").And.None.Contains("ghp_"));
    }

    [Test]
    public void A_terraform_output_marked_sensitive_is_masked_whatever_its_name()
    {
        var file = SandboxOutputs.Required().ToDictionary(p => p.Key, p => (object)new { value = p.Value, type = "string", sensitive = false });
        file["connection_string"] = new { value = Secrets[6], type = "string", sensitive = true };

        var outputs = StackOutputsReader.Parse("terraform.json", JsonSerializer.Serialize(file));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outputs.Format, Is.EqualTo("terraform"));
            Assert.That(outputs.Raw["connection_string"], Is.EqualTo("****"));
        }
    }

    [Test]
    public void The_error_for_an_unusable_file_lists_secret_keys_but_never_their_values()
    {
        var outputs = SandboxOutputs.Required();
        outputs.Remove("vpc_id");
        outputs["db_password"] = Secrets[0];

        var error = Assert.Throws<OutputsException>(() => StackOutputsReader.Parse("outputs.json", SandboxOutputs.Json(outputs)));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Message, Does.Contain("db_password"));
            Assert.That(error.Message, Does.Not.Contain(Secrets[0]));
        }
    }
}
