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
}
