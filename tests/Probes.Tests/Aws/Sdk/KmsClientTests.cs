using System.Net;
using NUnit.Framework;
using Verification.Probes.Aws;
using Verification.Probes.Aws.Kms;

namespace Verification.Probes.Tests.Aws.Sdk;

public sealed class KmsClientTests
{
    private const string KeyArn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    [Test]
    public async Task Key_metadata_keeps_state_manager_usage_and_origin()
    {
        using var wire = new SdkWire();
        wire.AnswerJson(SdkWire.Sample("kms", "DescribeKey.response.json"));
        using var probe = new KmsClient(wire.Session);

        var key = await probe.DescribeKeyAsync(KeyArn, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(key.KeyId, Is.EqualTo("1234abcd-12ab-34cd-56ef-1234567890ab"));
            Assert.That(key.Arn, Is.EqualTo(KeyArn));
            Assert.That(key.Enabled, Is.True);
            Assert.That(key.KeyState, Is.EqualTo("Enabled"));
            Assert.That(key.KeyManager, Is.EqualTo("CUSTOMER"));
            Assert.That(key.KeyUsage, Is.EqualTo("ENCRYPT_DECRYPT"));
            Assert.That(key.Origin, Is.EqualTo("AWS_KMS"));
            Assert.That(key.DeletionDate, Is.Null);
            Assert.That(wire.Server.Requests.Single().Target, Is.EqualTo("TrentService.DescribeKey"));
            Assert.That(wire.Server.Requests.Single().Body, Does.Contain(KeyArn));
        }
    }

    [Test]
    public async Task The_default_key_policy_is_returned_as_its_json_text()
    {
        using var wire = new SdkWire();
        wire.AnswerJson(SdkWire.Sample("kms", "GetKeyPolicy.response.json"));
        using var probe = new KmsClient(wire.Session);

        var policy = await probe.GetKeyPolicyAsync(KeyArn, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(policy, Does.Contain("\"Sid\" : \"Allow CloudWatch Logs\""));
            Assert.That(policy, Does.Contain("logs.us-east-1.amazonaws.com"));
            Assert.That(wire.Server.Requests.Single().Body, Does.Contain("\"PolicyName\":\"default\""));
        }
    }

    [Test]
    public async Task Rotation_status_is_read()
    {
        using var wire = new SdkWire();
        wire.AnswerJson(SdkWire.Sample("kms", "GetKeyRotationStatus.response.json"));
        using var probe = new KmsClient(wire.Session);

        var enabled = await probe.GetKeyRotationStatusAsync(KeyArn, CancellationToken.None);

        Assert.That(enabled, Is.True);
    }

    [Test]
    public async Task Aliases_are_listed_across_pages()
    {
        using var wire = new SdkWire();
        wire.AnswerJson("""{"Aliases":[{"AliasName":"alias/aws/rds","AliasArn":"arn:aws:kms:us-east-1:123456789012:alias/aws/rds","TargetKeyId":"0000aaaa-0000-0000-0000-000000000001"}],"NextMarker":"m-2","Truncated":true}""");
        wire.AnswerJson("""{"Aliases":[{"AliasName":"alias/healthcare-dev","AliasArn":"arn:aws:kms:us-east-1:123456789012:alias/healthcare-dev","TargetKeyId":"1234abcd-12ab-34cd-56ef-1234567890ab","CreationDate":1.71572298406E9}],"Truncated":false}""");
        using var probe = new KmsClient(wire.Session);

        var aliases = await probe.ListAliasesAsync(CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(aliases.Select(a => a.AliasName), Is.EqualTo(new[] { "alias/aws/rds", "alias/healthcare-dev" }));
            Assert.That(aliases[1].TargetKeyId, Is.EqualTo("1234abcd-12ab-34cd-56ef-1234567890ab"));
            Assert.That(wire.Server.Requests[1].Body, Does.Contain("\"Marker\":\"m-2\""));
            Assert.That(wire.Session.Calls.Calls.Select(c => c.Action), Is.EqualTo(new[] { "kms:ListAliases", "kms:ListAliases" }));
        }
    }

    [TestCase("errors.NotFoundException.json", "NotFoundException", "does not exist")]
    [TestCase("errors.AccessDeniedException.json", "AccessDeniedException", "is not authorized to perform: kms:GetKeyPolicy")]
    public async Task A_kms_error_becomes_an_aws_service_exception_with_its_code(string file, string code, string message)
    {
        using var wire = new SdkWire();
        wire.AnswerJson(SdkWire.Sample("kms", file), HttpStatusCode.BadRequest);
        using var probe = new KmsClient(wire.Session);

        var error = (await Assert.ThrowsAsync<AwsServiceException>(() => probe.GetKeyPolicyAsync(KeyArn, CancellationToken.None)))!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.ErrorCode, Is.EqualTo(code));
            Assert.That(error.AwsMessage, Does.Contain(message));
            Assert.That(error.HttpStatus, Is.EqualTo(400));
            Assert.That(error.Action, Is.EqualTo("kms:GetKeyPolicy"));
            Assert.That(wire.Session.Calls.Calls.Single().ErrorCode, Is.EqualTo(code));
        }
    }
}
