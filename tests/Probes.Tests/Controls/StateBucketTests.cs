using NUnit.Framework;
using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;
using Verification.Probes.Controls;
using Verification.Probes.Controls.StateBucket;

namespace Verification.Probes.Tests.Controls;

public sealed class StateBucketTests
{
    private const string Arn = "arn:aws:s3:::healthcare-tfstate-dev";

    private static IEnumerable<TestCaseData> EveryStateBucketControl() =>
        new Control[] { new StateBucketEncrypted(), new StateBucketVersioningEnabled(), new StateBucketBlocksPublicAccess(), new StateBucketDeniesInsecureTransport(), new StateBucketAccessLoggingEnabled() }
            .Select(c => new TestCaseData(c).SetName($"{c.Id}_passes_on_the_compliant_bucket"));

    private static IEnumerable<TestCaseData> EveryStateBucketControlWithoutBucket() =>
        new Control[] { new StateBucketEncrypted(), new StateBucketVersioningEnabled(), new StateBucketBlocksPublicAccess(), new StateBucketDeniesInsecureTransport(), new StateBucketAccessLoggingEnabled() }
            .Select(c => new TestCaseData(c).SetName($"{c.Id}_does_not_apply_when_no_bucket_is_named"));

    [TestCaseSource(nameof(EveryStateBucketControl))]
    public async Task Control_passes_on_the_compliant_bucket(Control control)
    {
        var compliant = await Snapshots.CompliantRds();

        var findings = Snapshots.Evaluate(control, compliant);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(findings.Select(f => f.Status), Is.EqualTo(new[] { FindingStatus.Pass }));
            Assert.That(findings[0].Resource, Is.EqualTo(Arn));
        }
    }

    [TestCaseSource(nameof(EveryStateBucketControlWithoutBucket))]
    public async Task Control_does_not_apply_when_no_bucket_is_named(Control control)
    {
        var snapshot = await Snapshots.CompliantRds() with { StateBucket = null };

        var findings = Snapshots.Evaluate(control, snapshot);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(findings.Select(f => f.Status), Is.EqualTo(new[] { FindingStatus.NotApplicable }));
            Assert.That(findings[0].Message, Does.Contain("No state bucket is named"));
        }
    }

    [Test]
    public async Task A_bucket_with_s3_managed_keys_passes_saying_kms_is_preferred()
    {
        var snapshot = await WithBucket(b => b with { Encryption = Fetched<List<ServerSideEncryptionRule>>.Of([new("AES256", null, null)]) });

        var finding = Snapshots.Evaluate(new StateBucketEncrypted(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Pass));
            Assert.That(finding.Message, Does.Contain("a KMS key is preferred"));
            Assert.That(finding.Evidence["kmsPreferred"], Is.Not.Null);
        }
    }

    [Test]
    public async Task A_bucket_without_default_encryption_fails()
    {
        var snapshot = await WithBucket(b => b with { Encryption = Fetched<List<ServerSideEncryptionRule>>.Of([]) });

        var finding = Snapshots.Evaluate(new StateBucketEncrypted(), snapshot).Single();

        Assert.That(finding.Message, Is.EqualTo("S3 bucket healthcare-tfstate-dev has no default encryption configured."));
    }

    [Test]
    public async Task A_denied_encryption_question_is_an_error_naming_the_iam_action()
    {
        var denied = new CollectionError("s3:GetEncryptionConfiguration", "AccessDenied", "Access Denied", "us-east-1");
        var snapshot = await WithBucket(b => b with { Encryption = Fetched<List<ServerSideEncryptionRule>>.Failed(denied) });

        var finding = Snapshots.Evaluate(new StateBucketEncrypted(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Error));
            Assert.That(finding.Message, Does.Contain("needs s3:GetEncryptionConfiguration"));
        }
    }

    [TestCase("Suspended")]
    [TestCase(null)]
    public async Task Versioning_that_is_not_enabled_fails(string? status)
    {
        var snapshot = await WithBucket(b => b with { Versioning = Fetched<BucketVersioning>.Of(new(status, null)) });

        var finding = Snapshots.Evaluate(new StateBucketVersioningEnabled(), snapshot).Single();

        Assert.That(finding.Status, Is.EqualTo(FindingStatus.Fail));
    }

    [Test]
    public async Task One_public_access_flag_off_fails_naming_it()
    {
        var snapshot = await WithBucket(b => b with { PublicAccessBlock = Fetched<PublicAccessBlockConfiguration?>.Of(new(true, true, true, false)) });

        var finding = Snapshots.Evaluate(new StateBucketBlocksPublicAccess(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Fail));
            Assert.That(finding.Message, Does.Contain("RestrictPublicBuckets off"));
        }
    }

    [Test]
    public async Task No_public_access_block_configuration_fails()
    {
        var snapshot = await WithBucket(b => b with { PublicAccessBlock = Fetched<PublicAccessBlockConfiguration?>.Of(null) });

        var finding = Snapshots.Evaluate(new StateBucketBlocksPublicAccess(), snapshot).Single();

        Assert.That(finding.Message, Does.Contain("has no Block Public Access configuration"));
    }

    [Test]
    public async Task A_bucket_without_policy_fails_as_allowing_http()
    {
        var snapshot = await WithBucket(b => b with { Policy = Fetched<string?>.Of(null) });

        var finding = Snapshots.Evaluate(new StateBucketDeniesInsecureTransport(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Fail));
            Assert.That(finding.Message, Does.Contain("has no bucket policy"));
        }
    }

    [TestCase("""{"Statement":{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::healthcare-tfstate-dev/*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}}""", TestName = "A_deny_on_secure_transport_true_does_not_count")]
    [TestCase("""{"Statement":{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::123456789012:role/ci"},"Action":"s3:*","Resource":"arn:aws:s3:::healthcare-tfstate-dev/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}}""", TestName = "A_deny_for_one_principal_does_not_count")]
    [TestCase("""{"Statement":{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::healthcare-tfstate-dev","Condition":{"Bool":{"aws:SecureTransport":"false"}}}}""", TestName = "A_deny_on_the_bucket_but_not_its_objects_does_not_count")]
    [TestCase("""{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::healthcare-tfstate-dev/*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}}""", TestName = "An_allow_limited_to_tls_does_not_count")]
    public async Task A_policy_without_a_tls_deny_for_everyone_on_the_objects_fails(string policy)
    {
        var snapshot = await WithBucket(b => b with { Policy = Fetched<string?>.Of(policy) });

        var finding = Snapshots.Evaluate(new StateBucketDeniesInsecureTransport(), snapshot).Single();

        Assert.That(finding.Status, Is.EqualTo(FindingStatus.Fail));
    }

    [TestCase("""{"Statement":{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::healthcare-tfstate-dev/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}}""", TestName = "A_deny_on_the_objects_but_not_the_bucket_does_not_count")]
    [TestCase("""{"Statement":{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::healthcare-tfstate-dev","arn:aws:s3:::healthcare-tfstate-dev/env:/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}}""", TestName = "A_deny_on_one_key_prefix_does_not_count")]
    [TestCase("""{"Statement":{"Effect":"Deny","Principal":"*","Action":["s3:GetObject","s3:PutObject"],"Resource":["arn:aws:s3:::healthcare-tfstate-dev","arn:aws:s3:::healthcare-tfstate-dev/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}}""", TestName = "A_deny_on_some_actions_does_not_count")]
    [TestCase("""{"Statement":{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:role/ci"},"Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::healthcare-tfstate-dev","arn:aws:s3:::healthcare-tfstate-dev/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}}""", TestName = "A_deny_that_spares_a_principal_does_not_count")]
    [TestCase("""{"Statement":{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::healthcare-tfstate-dev","arn:aws:s3:::healthcare-tfstate-dev/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"},"StringNotEquals":{"aws:PrincipalAccount":"123456789012"}}}}""", TestName = "A_deny_narrowed_by_another_condition_does_not_count")]
    [TestCase("""{"Statement":{"Effect":"Deny","Principal":"*","NotAction":"s3:ListBucket","Resource":["arn:aws:s3:::healthcare-tfstate-dev","arn:aws:s3:::healthcare-tfstate-dev/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}}""", TestName = "A_deny_with_not_action_does_not_count")]
    public async Task A_tls_deny_that_misses_a_resource_principal_or_action_fails(string policy)
    {
        var snapshot = await WithBucket(b => b with { Policy = Fetched<string?>.Of(policy) });

        var finding = Snapshots.Evaluate(new StateBucketDeniesInsecureTransport(), snapshot).Single();

        Assert.That(finding.Status, Is.EqualTo(FindingStatus.Fail));
    }

    [TestCase("""{"Statement":[{"Sid":"TlsOnly","Effect":"Deny","Principal":{"AWS":"*"},"Action":"*","Resource":["arn:aws:s3:::healthcare-tfstate-dev","arn:aws:s3:::healthcare-tfstate-dev/*"],"Condition":{"Bool":{"aws:SecureTransport":false}}}]}""", TestName = "A_deny_with_a_boolean_condition_value_passes")]
    [TestCase("""{"Statement":[{"Sid":"TlsOnly","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::healthcare-tfstate-*","Condition":{"BoolIfExists":{"aws:SecureTransport":"false"}}}]}""", TestName = "A_deny_with_one_wildcard_resource_over_bucket_and_objects_passes")]
    [TestCase("""{"Statement":[{"Sid":"TlsOnly","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::healthcare-tfstate-dev","Condition":{"Bool":{"aws:SecureTransport":"false"}}},{"Sid":"TlsOnlyObjects","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::healthcare-tfstate-dev/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}""", TestName = "A_deny_split_over_two_statements_passes")]
    public async Task A_tls_deny_for_everyone_on_the_bucket_and_every_object_passes(string policy)
    {
        var snapshot = await WithBucket(b => b with { Policy = Fetched<string?>.Of(policy) });

        var finding = Snapshots.Evaluate(new StateBucketDeniesInsecureTransport(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Pass));
            Assert.That(finding.Message, Does.Contain("\"TlsOnly\""));
        }
    }

    private static async Task<StackSnapshot> WithBucket(Func<StateBucket, StateBucket> change)
    {
        var compliant = await Snapshots.CompliantRds();
        return compliant with { StateBucket = change(compliant.StateBucket!) };
    }

    [Test]
    public async Task A_bucket_with_access_logging_off_fails()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { StateBucket = compliant.StateBucket! with { Logging = Fetched<LoggingEnabled?>.Of(null) } };

        var finding = Snapshots.Evaluate(new StateBucketAccessLoggingEnabled(), snapshot).Single();

        Assert.That(finding.Message, Is.EqualTo("S3 bucket healthcare-tfstate-dev has server access logging off."));
    }

    [Test]
    public async Task The_stack_key_requirement_does_not_apply_unless_the_policy_asks_for_it()
    {
        var compliant = await Snapshots.CompliantRds();

        var findings = Snapshots.Evaluate(new StateBucketEncryptedWithStackKey(), compliant);

        Assert.That(findings.Single().Status, Is.EqualTo(FindingStatus.NotApplicable));
    }

    [TestCase("aws:kms", "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", ExpectedResult = FindingStatus.Pass)]
    [TestCase("aws:kms", null, ExpectedResult = FindingStatus.Fail)]
    [TestCase("aws:kms", "arn:aws:kms:us-east-1:123456789012:key/99999999-12ab-34cd-56ef-1234567890ab", ExpectedResult = FindingStatus.Fail)]
    [TestCase("AES256", null, ExpectedResult = FindingStatus.Fail)]
    public async Task<FindingStatus> A_bucket_required_to_use_the_stack_key_passes_only_with_it(string algorithm, string? key)
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { StateBucket = compliant.StateBucket! with { Encryption = Fetched<List<ServerSideEncryptionRule>>.Of([new(algorithm, key, true)]) } };

        var findings = Snapshots.Evaluate(new StateBucketEncryptedWithStackKey(), snapshot, Policy.Default with { StateBucketRequiresStackKey = true });

        return findings.Single().Status;
    }
}
