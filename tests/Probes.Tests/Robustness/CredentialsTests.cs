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
        var run = (await SandboxRun.ExecuteAsync(Scenario.Load("compliant-rds"), new SandboxOptions { CredentialsExpired = true })).Result;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.Errors, Has.Count.EqualTo(1));
            Assert.That(run.Errors[0], Does.Contain("ExpiredToken").And.Contain("Refresh them"));
            Assert.That(run.Errors[0], Does.Not.Contain("   at ").And.Not.Contain("\n"));
            Assert.That(run.Stacks.SelectMany(s => s.Results), Is.Empty, "no control is judged on credentials AWS refused");
            Assert.That(run.Stacks.Select(s => s.NotEvaluated), Is.All.Contain("ExpiredToken"));
            Assert.That(run.ExitCode, Is.EqualTo(2));
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

        var run = (await SandboxRun.ExecuteAsync(Scenario.Load("compliant-rds"), credentials: credentials)).Result;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.Errors, Has.Count.EqualTo(1));
            Assert.That(run.Errors[0], Does.Contain(code).And.Contain("were rejected"));
            Assert.That(run.Errors[0], Does.Not.Contain(secretKey));
            Assert.That(run.ExitCode, Is.EqualTo(2));
        }
    }
}
