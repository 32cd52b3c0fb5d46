using NUnit.Framework;
using Verification.Probes.Controls;
using Verification.Probes.Controls.Tags;

namespace Verification.Probes.Tests.Controls;

public sealed class TagsTests
{
    [Test]
    public async Task Every_tagged_stack_resource_carrying_environment_passes()
    {
        var snapshot = await Snapshots.CompliantRds();

        var findings = Snapshots.Evaluate(new StackResourcesCarryRequiredTags(), snapshot);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(findings, Has.Count.EqualTo(9));
            Assert.That(findings.Select(f => f.Status), Is.All.EqualTo(FindingStatus.Pass));
        }
    }

    [Test]
    public async Task A_subnet_without_the_environment_tag_fails()
    {
        var snapshot = await Snapshots.Of("missing-environment-tag");

        var failed = Snapshots.Evaluate(new StackResourcesCarryRequiredTags(), snapshot).Single(f => f.Status == FindingStatus.Fail);

        Assert.That(failed.Message, Is.EqualTo("VPC subnet subnet-0a1b2c3d4e5f60005 lacks the required tags Environment."));
    }

    [Test]
    public async Task The_required_keys_come_from_the_policy()
    {
        var snapshot = await Snapshots.CompliantRds();

        var findings = Snapshots.Evaluate(new StackResourcesCarryRequiredTags(), snapshot, Policy.Default with { RequiredTags = ["Environment", "Owner"] });

        Assert.That(findings.Select(f => f.Status), Is.All.EqualTo(FindingStatus.Fail));
    }
}
