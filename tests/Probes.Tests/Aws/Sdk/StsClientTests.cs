using System.Net;
using NUnit.Framework;
using Verification.Probes.Aws;
using Verification.Probes.Aws.Sts;

namespace Verification.Probes.Tests.Aws.Sdk;

public sealed class StsClientTests
{
    [Test]
    public async Task The_caller_identity_names_account_and_role_session()
    {
        using var wire = new SdkWire();
        wire.AnswerXml("sts", "GetCallerIdentity.response.xml");
        using var probe = new StsClient(wire.Session);

        var caller = await probe.GetCallerIdentityAsync(CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(caller.Account, Is.EqualTo("123456789012"));
            Assert.That(caller.Arn, Is.EqualTo("arn:aws:sts::123456789012:assumed-role/hipaa-verifier/my-role-session-name"));
            Assert.That(caller.UserId, Is.EqualTo("AROA123EXAMPLE123:my-role-session-name"));
            Assert.That(wire.Session.Calls.Calls.Single().RequestId, Is.EqualTo("01234567-89ab-cdef-0123-456789abcdef"));
        }
    }

    [Test]
    public async Task Expired_credentials_become_an_aws_service_exception()
    {
        using var wire = new SdkWire();
        wire.AnswerXml("sts", "errors.ExpiredToken.xml", HttpStatusCode.Forbidden);
        using var probe = new StsClient(wire.Session);

        var error = (await Assert.ThrowsAsync<AwsServiceException>(() => probe.GetCallerIdentityAsync(CancellationToken.None)))!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.ErrorCode, Is.EqualTo("ExpiredToken"));
            Assert.That(error.RequestId, Is.EqualTo("8088f6eb-b7fb-11e2-8d25-4b9f3b52b80f"));
            Assert.That(error.Action, Is.EqualTo("sts:GetCallerIdentity"));
        }
    }
}
