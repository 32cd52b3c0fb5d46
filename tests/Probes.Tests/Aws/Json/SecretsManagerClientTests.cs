using NUnit.Framework;
using System.Text.Json;
using Verification.Probes.Aws.SecretsManager;

namespace Verification.Probes.Tests.Aws.Json;

public sealed class SecretsManagerClientTests
{
    private const string SecretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:hipaa/db-credentials-AbCdEf";

    [Test]
    public async Task A_secret_description_carries_key_rotation_and_tags()
    {
        using var wire = new JsonWire();
        wire.AnswerSample("secretsmanager", "DescribeSecret.response.json");

        var secret = await new SecretsManagerClient(wire.Transport).DescribeSecretAsync(SecretArn, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(secret.ARN, Is.EqualTo(SecretArn));
            Assert.That(secret.KmsKeyId, Is.EqualTo("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"));
            Assert.That(secret.RotationEnabled, Is.True);
            Assert.That(secret.DeletedDate, Is.Null);
            Assert.That(secret.ReplicationStatus, Is.Empty);
            Assert.That(secret.Tags.Single().Key, Is.EqualTo("app"));
            Assert.That(secret.Tags.Single().Value, Is.EqualTo("hipaa"));
            Assert.That(wire.Handler.Requests.Single().Headers["X-Amz-Target"], Is.EqualTo("secretsmanager.DescribeSecret"));
            Assert.That(wire.RequestBody(0).GetProperty("SecretId").GetString(), Is.EqualTo(SecretArn));
        }
    }

    [Test]
    public async Task A_secret_scheduled_for_deletion_shows_its_deleted_date()
    {
        using var wire = new JsonWire();
        wire.AnswerSample("secretsmanager", "DescribeSecret.scheduled-for-deletion.response.json");

        var secret = await new SecretsManagerClient(wire.Transport).DescribeSecretAsync("hipaa/old-api-key", CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(secret.DeletedDate, Is.EqualTo(new DateTimeOffset(2024, 6, 1, 0, 0, 0, 123, TimeSpan.Zero)));
            Assert.That(secret.RotationEnabled, Is.False);
            Assert.That(secret.Tags, Is.Empty);
        }
    }

    [Test]
    public async Task Replication_status_is_read_per_region()
    {
        using var wire = new JsonWire();
        wire.Answer("""{"ARN":"a","ReplicationStatus":[{"Region":"us-west-2","KmsKeyId":"alias/aws/secretsmanager","Status":"InSync","StatusMessage":"Replication succeeded"}]}""");

        var secret = await new SecretsManagerClient(wire.Transport).DescribeSecretAsync("a", CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(secret.ReplicationStatus.Single().Region, Is.EqualTo("us-west-2"));
            Assert.That(secret.ReplicationStatus.Single().KmsKeyId, Is.EqualTo("alias/aws/secretsmanager"));
            Assert.That(secret.ReplicationStatus.Single().Status, Is.EqualTo("InSync"));
        }
    }

    [Test]
    public async Task A_secret_value_is_revealed_only_on_request_and_its_exponent_form_date_is_read()
    {
        using var wire = new JsonWire();
        wire.AnswerSample("secretsmanager", "GetSecretValue.response.json");

        var value = await new SecretsManagerClient(wire.Transport).GetSecretValueAsync(SecretArn, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(value.Reveal(), Does.Contain("EXAMPLE-PASSWORD"));
            Assert.That(value.IsBinary, Is.False);
            Assert.That(value.Arn, Is.EqualTo(SecretArn));
            Assert.That(value.VersionId, Is.EqualTo("EXAMPLE2-90ab-cdef-fedc-ba987SECRET2"));
            Assert.That(value.CreatedDate, Is.EqualTo(new DateTimeOffset(2024, 5, 14, 22, 20, 53, 713, TimeSpan.Zero)));
        }
    }

    [Test]
    public async Task A_secret_value_never_prints_or_serializes_its_content()
    {
        using var wire = new JsonWire();
        wire.AnswerSample("secretsmanager", "GetSecretValue.response.json");

        var value = await new SecretsManagerClient(wire.Transport).GetSecretValueAsync(SecretArn, CancellationToken.None);

        var json = JsonSerializer.Serialize(value);
        var nested = JsonSerializer.Serialize(new { Secret = value, Items = new[] { value } });
        using (Assert.EnterMultipleScope())
        {
            Assert.That(value.ToString(), Is.EqualTo("****"));
            Assert.That($"{value}", Is.EqualTo("****"));
            Assert.That(json, Does.Not.Contain("EXAMPLE-PASSWORD").And.Not.Contain("dbadmin"));
            Assert.That(json, Does.Contain("****").And.Contain(SecretArn));
            Assert.That(nested, Does.Not.Contain("EXAMPLE-PASSWORD"));
            Assert.That(() => JsonSerializer.Deserialize<SecretValue>(json), Throws.TypeOf<NotSupportedException>());
        }
    }
}
