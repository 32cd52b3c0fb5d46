using NUnit.Framework;
using Verification.Probes.Aws;
using Verification.Probes.Aws.Transport;

namespace Verification.Probes.Tests.Aws.Query;

/// <summary>STS is called through the official SDK; these check its Query bodies read through the thin transport too.</summary>
public sealed class StsQueryTests
{
    [Test]
    public async Task Caller_identity_result_reads_account_arn_and_user_id_from_the_https_namespace()
    {
        using var aws = new QueryHarness();
        aws.Answer("sts", "GetCallerIdentity.response.xml");

        var result = await new QueryClient(aws.Transport, AwsService.Sts).CallAsync("GetCallerIdentity", [], CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Text("Account"), Is.EqualTo("123456789012"));
            Assert.That(result.Text("Arn"), Is.EqualTo("arn:aws:sts::123456789012:assumed-role/hipaa-verifier/my-role-session-name"));
            Assert.That(result.Text("UserId"), Is.EqualTo("AROA123EXAMPLE123:my-role-session-name"));
            Assert.That(aws.Form(0), Is.EqualTo(new Dictionary<string, string> { ["Action"] = "GetCallerIdentity", ["Version"] = "2011-06-15" }));
            Assert.That(aws.Handler.Requests[0].Headers["Authorization"], Does.Contain("/us-east-1/sts/aws4_request"));
        }
    }
}
