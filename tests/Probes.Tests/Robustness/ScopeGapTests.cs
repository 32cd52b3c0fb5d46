using NUnit.Framework;
using Verification.Probes.Controls;
using Verification.Sandbox;

namespace Verification.Probes.Tests.Robustness;

/// <summary>A failed scope call makes the scope incomplete, recorded in the snapshot, and every control that depends on it an Error.</summary>
public sealed class ScopeGapTests
{
    private static readonly string[] DatabaseControls = ["RdsStorageEncryptedWithStackKey", "RdsNotPubliclyAccessible", "RdsForceSslEnabled", "RdsInPrivateSubnets"];

    private static Task<SandboxRunResult> DenyingAsync(string action) =>
        SandboxRun.ExecuteAsync(Scenario.Load("compliant-rds"), new SandboxOptions { DeniedActions = new HashSet<string> { action } });

    private static ControlVerdict Verdict(SandboxRunResult run, string control) => run.Single.Results.Single(r => r.Control.Id == control).Verdict;

    [Test]
    public async Task A_failed_DescribeDBSubnetGroups_makes_the_database_scope_incomplete_not_narrower()
    {
        var run = await DenyingAsync("rds:DescribeDBSubnetGroups");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.Single.Snapshot.ScopeGaps.Select(g => g.Error.Action), Has.Member("rds:DescribeDBSubnetGroups"));
            Assert.That(DatabaseControls.Select(c => Verdict(run, c)), Is.All.EqualTo(ControlVerdict.CouldNotEvaluate));
            Assert.That(Verdict(run, "StackOutputsResolveToResources"), Is.EqualTo(ControlVerdict.CouldNotEvaluate));
        }
    }

    [Test]
    public async Task A_failed_DescribeCacheSubnetGroups_makes_the_cache_scope_incomplete_not_narrower()
    {
        var run = await DenyingAsync("elasticache:DescribeCacheSubnetGroups");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.Single.Snapshot.ScopeGaps.Select(g => g.Error.Action), Has.Member("elasticache:DescribeCacheSubnetGroups"));
            Assert.That(Verdict(run, "ElastiCacheTransitEncryptionRequired"), Is.EqualTo(ControlVerdict.CouldNotEvaluate));
            Assert.That(Verdict(run, "ElastiCacheEncryptedAtRestWithStackKey"), Is.EqualTo(ControlVerdict.CouldNotEvaluate));
        }
    }

    [Test]
    public async Task A_failed_GetCallerIdentity_is_a_scope_gap_and_the_account_check_an_error()
    {
        var run = await DenyingAsync("sts:GetCallerIdentity");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.Single.Snapshot.ScopeGaps.Select(g => g.Error.Action), Has.Member("sts:GetCallerIdentity"));
            Assert.That(Verdict(run, "StackOutputsResolveToResources"), Is.EqualTo(ControlVerdict.CouldNotEvaluate));
        }
    }

    [Test]
    public async Task A_failed_DescribeNetworkInterfaces_is_a_scope_gap_not_an_empty_not_verified_list()
    {
        var run = await DenyingAsync("ec2:DescribeNetworkInterfaces");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.Single.Snapshot.ScopeGaps.Select(g => g.Error.Action), Has.Member("ec2:DescribeNetworkInterfaces"));
            Assert.That(run.Single.Snapshot.ScopeGaps.Select(g => g.Explain()), Has.Some.Contain("belong to no checked resource"));

            // The ECS scope rests on the VPC's interfaces: without them a task of another cluster could hide there.
            Assert.That(Verdict(run, "EcsServiceInPrivateSubnets"), Is.EqualTo(ControlVerdict.CouldNotEvaluate));
        }
    }

    [Test]
    public async Task A_clean_run_has_a_complete_scope()
    {
        var clean = await SandboxRun.Clean;

        Assert.That(clean.Single.Snapshot.ScopeGaps, Is.Empty);
    }

    [Test]
    public async Task Without_a_cluster_output_the_account_wide_walk_reaches_the_same_verdicts()
    {
        var clean = await SandboxRun.Clean;
        var compliant = Scenario.Load("compliant-rds");

        var walked = await SandboxRun.ExecuteAsync(compliant, outputsPaths: [ReadOnlyTests.WithoutEcsCluster(compliant)]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(walked.ActionsCalled, Has.Member("ecs:ListClusters"));
            Assert.That(SandboxRun.Verdicts(walked.Single), Is.EqualTo(SandboxRun.Verdicts(clean.Single)));
        }
    }
}
