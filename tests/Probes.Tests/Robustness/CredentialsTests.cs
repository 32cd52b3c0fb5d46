using Amazon.Runtime;
using NUnit.Framework;
using Verification.Probes.Runs;
using Verification.Sandbox;

namespace Verification.Probes.Tests.Robustness;

/// <summary>Credentials AWS rejects stop the run before any control with one message: the could-not-evaluate outcome.</summary>
public sealed class CredentialsTests
{
    [Test]
    public async Task Expired_credentials_stop_the_run_with_one_message_before_any_control()
    {
        var error = (await Assert.ThrowsAsync<RunSetupException>(() => SandboxRun.ExecuteAsync(Scenario.Load("compliant-rds"), new SandboxOptions { CredentialsExpired = true })))!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Message, Does.Contain("ExpiredToken").And.Contain("Refresh them"));
            Assert.That(error.Message, Does.Not.Contain("   at ").And.Not.Contain("\n"));
            Assert.That(error.ExitCode, Is.EqualTo(2));
        }
    }

    private static IEnumerable<TestCaseData> RejectedKeys() =>
    [
        new TestCaseData("AKIAUNKNOWNEXAMPLE99", SandboxCredentials.SecretAccessKey, "InvalidClientTokenId").SetName("An_unknown_access_key_stops_the_run_with_one_message"),
        new TestCaseData(SandboxCredentials.AccessKeyId, "not/the/sandbox/secret/0000000000000000", "SignatureDoesNotMatch").SetName("A_wrong_secret_key_stops_the_run_with_one_message"),
    ];

    [TestCaseSource(nameof(RejectedKeys))]
    public async Task Rejected_credentials_stop_the_run_with_one_message(string accessKey, string secretKey, string code)
    {
        var credentials = new BasicAWSCredentials(accessKey, secretKey);

        var error = (await Assert.ThrowsAsync<RunSetupException>(() => SandboxRun.ExecuteAsync(Scenario.Load("compliant-rds"), credentials: credentials)))!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Message, Does.Contain(code).And.Contain("were rejected"));
            Assert.That(error.Message, Does.Not.Contain(secretKey));
            Assert.That(error.ExitCode, Is.EqualTo(2));
        }
    }
}
