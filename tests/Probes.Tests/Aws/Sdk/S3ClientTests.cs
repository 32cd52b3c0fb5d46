using NUnit.Framework;
using Verification.Probes.Aws;
using Verification.Probes.Aws.S3;
using Verification.Probes.Tests.Robustness;
using Verification.Sandbox;

namespace Verification.Probes.Tests.Aws.Sdk;

/// <summary>The official S3 client, path-style against the sandbox: configured answers map to our records, "not configured" 404s to empty answers.</summary>
public sealed class S3ClientTests
{
    private const string Bucket = "healthcare-tfstate-dev";

    [Test]
    public async Task A_configured_bucket_reports_kms_encryption_versioning_all_four_blocks_and_its_policy()
    {
        await using var sandbox = await SandboxServer.StartAsync(Scenario.Load("compliant-rds"));
        using var probe = Probe(sandbox);

        var encryption = await probe.GetBucketEncryptionAsync(Bucket, CancellationToken.None);
        var versioning = await probe.GetBucketVersioningAsync(Bucket, CancellationToken.None);
        var block = await probe.GetPublicAccessBlockAsync(Bucket, CancellationToken.None);
        var policy = await probe.GetBucketPolicyAsync(Bucket, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(encryption.Single().SSEAlgorithm, Is.EqualTo("aws:kms"));
            Assert.That(encryption.Single().KMSMasterKeyID, Does.EndWith("key/1234abcd-12ab-34cd-56ef-1234567890ab"));
            Assert.That(encryption.Single().BucketKeyEnabled, Is.True);
            Assert.That(versioning.Status, Is.EqualTo("Enabled"));
            Assert.That(block?.BlocksAll, Is.True);
            Assert.That(policy, Does.Contain("aws:SecureTransport"));
            Assert.That(sandbox.ActionsCalled, Is.EquivalentTo(new[] { "s3:GetEncryptionConfiguration", "s3:GetBucketVersioning", "s3:GetBucketPublicAccessBlock", "s3:GetBucketPolicy" }));
        }
    }

    [Test]
    public async Task A_bucket_without_policy_or_encryption_answers_none_rather_than_an_error()
    {
        var scenario = Scenario.Load("state-bucket-allows-http");
        await using var sandbox = await SandboxServer.StartAsync(scenario);
        using var probe = Probe(sandbox);

        var policy = await probe.GetBucketPolicyAsync(Bucket, CancellationToken.None);

        Assert.That(policy, Is.Null);
    }

    [Test]
    public async Task A_bucket_without_default_encryption_answers_no_rules()
    {
        await using var sandbox = await SandboxServer.StartAsync(Scenario.Load("state-bucket-unencrypted"));
        using var probe = Probe(sandbox);

        var rules = await probe.GetBucketEncryptionAsync(Bucket, CancellationToken.None);

        Assert.That(rules, Is.Empty);
    }

    [Test]
    public async Task A_missing_bucket_is_an_error_naming_the_iam_action()
    {
        await using var sandbox = await SandboxServer.StartAsync(Scenario.Load("compliant-rds"));
        using var probe = Probe(sandbox);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => probe.GetBucketVersioningAsync("no-such-bucket", CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.ErrorCode, Is.EqualTo("NoSuchBucket"));
            Assert.That(error.Action, Is.EqualTo("s3:GetBucketVersioning"));
        }
    }

    private static S3Client Probe(SandboxServer sandbox) =>
        new(new AwsSession("us-east-1", SandboxRun.SandboxKey, new AwsEndpoints(sandbox.Endpoint), SandboxRun.Fast, TimeProvider.System));
}
