using NUnit.Framework;
using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;
using Verification.Probes.Controls;
using Verification.Probes.Controls.Secrets;

namespace Verification.Probes.Tests.Controls;

public sealed class SecretsTests
{
    private static async Task<StackSnapshot> With(Func<SecretDescription, SecretDescription> change)
    {
        var compliant = await Snapshots.CompliantRds();
        return compliant with { Secret = Fetched<SecretDescription>.Of(change(compliant.Secret.Value!)) };
    }

    [Test]
    public async Task The_compliant_secret_is_live_and_rotating()
    {
        var snapshot = await Snapshots.CompliantRds();

        var statuses = Snapshots.Evaluate(new SecretNotScheduledForDeletion(), snapshot).Concat(Snapshots.Evaluate(new SecretRotationEnabled(), snapshot)).Select(f => f.Status);

        Assert.That(statuses, Is.All.EqualTo(FindingStatus.Pass));
    }

    [Test]
    public async Task A_secret_scheduled_for_deletion_fails_with_the_date()
    {
        var snapshot = await With(s => s with { DeletedDate = new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero) });

        var finding = Snapshots.Evaluate(new SecretNotScheduledForDeletion(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Fail));
            Assert.That(finding.Message, Is.EqualTo("Secrets Manager secret healthcare/db/credentials-dev was scheduled for deletion on 2024-06-01T00:00:00Z."));
        }
    }

    [Test]
    public async Task A_secret_without_rotation_fails()
    {
        var snapshot = await With(s => s with { RotationEnabled = false });

        var finding = Snapshots.Evaluate(new SecretRotationEnabled(), snapshot).Single();

        Assert.That(finding.Status, Is.EqualTo(FindingStatus.Fail));
    }

    [Test]
    public async Task A_secret_that_could_not_be_described_is_an_error()
    {
        var denied = new CollectionError("secretsmanager:DescribeSecret", "AccessDeniedException", "not authorized", "us-east-1");
        var snapshot = await Snapshots.CompliantRds() with { Secret = Fetched<SecretDescription>.Failed(denied) };

        var finding = Snapshots.Evaluate(new SecretNotScheduledForDeletion(), snapshot).Single();

        Assert.That(finding.Status, Is.EqualTo(FindingStatus.Error));
    }

    [Test]
    public async Task The_compliant_secret_was_rotated_within_its_schedule_and_has_no_public_policy()
    {
        var snapshot = await Snapshots.CompliantRds();

        var statuses = Snapshots.Evaluate(new SecretRotatedOnSchedule(), snapshot).Concat(Snapshots.Evaluate(new SecretHasNoPublicResourcePolicy(), snapshot)).Select(f => f.Status);

        Assert.That(statuses, Is.All.EqualTo(FindingStatus.Pass));
    }

    [TestCase(30, ExpectedResult = FindingStatus.Pass)]
    [TestCase(31, ExpectedResult = FindingStatus.Pass)]
    [TestCase(32, ExpectedResult = FindingStatus.Fail)]
    public async Task<FindingStatus> A_30_day_secret_is_due_a_day_after_its_interval(int daysAgo)
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = await With(s => s with { LastRotatedDate = compliant.FinishedAt.AddDays(-daysAgo).AddMinutes(1) });

        return Snapshots.Evaluate(new SecretRotatedOnSchedule(), snapshot).Single().Status;
    }

    [Test]
    public async Task A_secret_with_rotation_enabled_that_never_rotated_fails()
    {
        var snapshot = await With(s => s with { LastRotatedDate = null });

        var finding = Snapshots.Evaluate(new SecretRotatedOnSchedule(), snapshot).Single();

        Assert.That(finding.Message, Is.EqualTo("Secrets Manager secret healthcare/db/credentials-dev has rotation enabled every 30 days but has never been rotated."));
    }

    [Test]
    public async Task A_secret_without_rotation_has_no_schedule_to_keep()
    {
        var snapshot = await With(s => s with { RotationEnabled = false });

        var findings = Snapshots.Evaluate(new SecretRotatedOnSchedule(), snapshot);

        Assert.That(findings.Single().Status, Is.EqualTo(FindingStatus.NotApplicable));
    }

    [Test]
    public async Task A_cron_schedule_without_a_day_count_is_an_error_not_a_guess()
    {
        var snapshot = await With(s => s with { RotationRules = new RotationRulesType { ScheduleExpression = "cron(0 4 ? * SUN *)" } });

        var findings = Snapshots.Evaluate(new SecretRotatedOnSchedule(), snapshot);

        Assert.That(findings.Single().Status, Is.EqualTo(FindingStatus.Error));
    }

    [TestCase("""{"Statement":[{"Effect":"Allow","Principal":"*","Action":"secretsmanager:GetSecretValue","Resource":"*"}]}""", ExpectedResult = FindingStatus.Fail)]
    [TestCase("""{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"secretsmanager:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}""", ExpectedResult = FindingStatus.Fail)]
    [TestCase("""{"Statement":[{"Effect":"Allow","Principal":"*","Action":"secretsmanager:GetSecretValue","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalAccount":"123456789012"}}}]}""", ExpectedResult = FindingStatus.Pass)]
    [TestCase("""{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/reporting"},"Action":"secretsmanager:GetSecretValue","Resource":"*"}]}""", ExpectedResult = FindingStatus.Pass)]
    [TestCase("not a policy", ExpectedResult = FindingStatus.Error)]
    public async Task<FindingStatus> A_secret_policy_may_name_every_principal_only_when_narrowed_to_who_calls(string policy)
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { SecretPolicy = Fetched<string?>.Of(policy) };

        return Snapshots.Evaluate(new SecretHasNoPublicResourcePolicy(), snapshot).Single().Status;
    }
}
