using NUnit.Framework;
using Verification.Probes.Collection;
using Verification.Probes.Controls;
using Verification.Probes.Controls.Encryption;
using Verification.Probes.Controls.Retention;

namespace Verification.Probes.Tests.Controls;

public sealed class FoundationControlTests
{
    [Test]
    public async Task Rds_storage_encrypted_with_another_key_fails_naming_both_keys()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with
        {
            DBInstances = Snapshots.Replace(compliant.DBInstances, _ => true, i => i with { KmsKeyId = "arn:aws:kms:us-east-1:123456789012:key/ffffffff-0000-0000-0000-000000000000" }),
        };

        var findings = Snapshots.Evaluate(new RdsStorageEncryptedWithStackKey(), snapshot);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(findings.Select(f => f.Status), Is.All.EqualTo(FindingStatus.Fail));
            Assert.That(findings[0].Message, Does.Contain("ffffffff-0000").And.Contain("1234abcd-12ab-34cd-56ef-1234567890ab"));
        }
    }

    [Test]
    public async Task Rds_storage_encrypted_through_the_key_alias_passes()
    {
        var compliant = await Snapshots.CompliantRds();
        var alias = compliant.Aliases.Value!.First(a => a.TargetKeyId == compliant.Key.Value!.KeyId).AliasName;
        var snapshot = compliant with { DBInstances = Snapshots.Replace(compliant.DBInstances, _ => true, i => i with { KmsKeyId = alias }) };

        var findings = Snapshots.Evaluate(new RdsStorageEncryptedWithStackKey(), snapshot);

        Assert.That(findings.Select(f => f.Status), Is.All.EqualTo(FindingStatus.Pass));
    }

    [Test]
    public async Task A_denied_collection_is_an_error_naming_the_missing_action_never_a_pass()
    {
        var compliant = await Snapshots.CompliantRds();
        var denied = new CollectionError("logs:DescribeLogGroups", "AccessDeniedException", "User is not authorized", "us-east-1");
        var snapshot = compliant with { LogGroups = Fetched<List<Verification.Probes.Aws.Model.LogGroup>>.Failed(denied) };

        var findings = Snapshots.Evaluate(new LogGroupRetentionMeetsPolicy(), snapshot);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(findings.Single().Status, Is.EqualTo(FindingStatus.Error));
            Assert.That(findings.Single().Message, Does.Contain("needs logs:DescribeLogGroups"));
        }
    }

    [Test]
    public async Task A_stack_without_log_groups_is_an_error_not_a_vacuous_pass()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { LogGroups = Fetched<List<Verification.Probes.Aws.Model.LogGroup>>.Of([]) };

        var findings = Snapshots.Evaluate(new LogGroupRetentionMeetsPolicy(), snapshot);

        Assert.That(findings.Single().Status, Is.EqualTo(FindingStatus.Error));
    }

    [TestCase(null, true, ExpectedResult = FindingStatus.Pass)]
    [TestCase(null, false, ExpectedResult = FindingStatus.Fail)]
    [TestCase(30, false, ExpectedResult = FindingStatus.Pass)]
    [TestCase(14, true, ExpectedResult = FindingStatus.Fail)]
    public async Task<FindingStatus> Log_retention_follows_the_policy(int? days, bool allowNeverExpire)
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { LogGroups = Snapshots.Replace(compliant.LogGroups, _ => true, g => g with { RetentionInDays = days }) };

        var findings = Snapshots.Evaluate(new LogGroupRetentionMeetsPolicy(), snapshot, Policy.Default with { AllowNeverExpire = allowNeverExpire });

        return findings.Single().Status;
    }
}
