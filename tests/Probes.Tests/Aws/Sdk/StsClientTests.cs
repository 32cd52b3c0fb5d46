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

    private static string AssumeRoleAnswer(string credentials) => $"""
        <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <AssumeRoleResult>
            <AssumedRoleUser>
              <Arn>arn:aws:sts::111111111111:assumed-role/verification-audit/verify-audit-20261130T031705Z</Arn>
              <AssumedRoleId>ARO123EXAMPLE123:verify-audit-20261130T031705Z</AssumedRoleId>
            </AssumedRoleUser>
            {credentials}
          </AssumeRoleResult>
          <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
        </AssumeRoleResponse>
        """;

    [Test]
    public async Task An_assumed_role_gives_the_sessions_key_token_and_expiry()
    {
        using var wire = new SdkWire();
        wire.Server.Enqueue(HttpStatusCode.OK, AssumeRoleAnswer("""
            <Credentials>
              <SessionToken>AQoDYXdzEPT//////////wEXAMPLEtc764</SessionToken>
              <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
              <Expiration>2026-11-30T04:17:05Z</Expiration>
              <AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId>
            </Credentials>
            """), "text/xml");
        using var probe = new StsClient(wire.Session);

        var role = await probe.AssumeRoleAsync("arn:aws:iam::111111111111:role/verification-audit", "verify-audit-20261130T031705Z", 3600, "nightly", CancellationToken.None);
        var sent = wire.Server.Requests.Single().Body;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(role.Credentials.AccessKey, Is.EqualTo("ASIAIOSFODNN7EXAMPLE"));
            Assert.That(role.Credentials.Token, Is.EqualTo("AQoDYXdzEPT//////////wEXAMPLEtc764"));
            Assert.That(role.Expiration, Is.EqualTo(new DateTimeOffset(2026, 11, 30, 4, 17, 5, TimeSpan.Zero)));
            Assert.That(role.Arn, Does.StartWith("arn:aws:sts::111111111111:assumed-role/verification-audit/"));
            Assert.That(sent, Does.Contain("RoleSessionName=verify-audit-20261130T031705Z").And.Contain("DurationSeconds=3600").And.Contain("ExternalId=nightly"));
        }
    }

    [TestCase("", TestName = "An_assume_role_answer_without_credentials_is_malformed_not_a_session")]
    [TestCase("<Credentials><SecretAccessKey>s</SecretAccessKey><AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId></Credentials>", TestName = "An_assume_role_answer_without_a_session_token_is_malformed_not_a_session")]
    public async Task An_incomplete_assume_role_answer_is_malformed(string credentials)
    {
        using var wire = new SdkWire();
        wire.Server.Enqueue(HttpStatusCode.OK, AssumeRoleAnswer(credentials), "text/xml");
        using var probe = new StsClient(wire.Session);

        var error = (await Assert.ThrowsAsync<AwsServiceException>(() => probe.AssumeRoleAsync("arn:aws:iam::111111111111:role/verification-audit", "s1", 3600, null, CancellationToken.None)))!;

        Assert.That(error.ErrorCode, Is.EqualTo("MalformedResponse"));
    }

    [Test]
    public async Task A_refused_assume_role_keeps_stss_code_and_message()
    {
        using var wire = new SdkWire();
        wire.AnswerXml("sts", "errors.AccessDenied.genuine-botocore.xml", HttpStatusCode.Forbidden);
        using var probe = new StsClient(wire.Session);

        var error = (await Assert.ThrowsAsync<AwsServiceException>(() => probe.AssumeRoleAsync("arn:aws:iam::111111111111:role/verification-audit", "s1", 3600, null, CancellationToken.None)))!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.ErrorCode, Is.EqualTo("AccessDenied"));
            Assert.That(error.Action, Is.EqualTo("sts:AssumeRole"));
        }
    }
}
