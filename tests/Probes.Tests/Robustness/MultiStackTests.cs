using NUnit.Framework;
using Verification.Probes.Controls;
using Verification.Sandbox;

namespace Verification.Probes.Tests.Robustness;

/// <summary>Several stacks in one run: each judged alone, the account-wide lists asked once for all of them.</summary>
public sealed class MultiStackTests
{
    private static readonly string[] AccountWide =
    [
        "rds:DescribeDBInstances", "rds:DescribeDBClusters", "rds:DescribeDBSubnetGroups", "elasticache:DescribeReplicationGroups",
        "elasticache:DescribeCacheClusters", "elasticache:DescribeCacheSubnetGroups", "elasticloadbalancing:DescribeLoadBalancers",
        "logs:DescribeLogGroups", "kms:ListAliases", "sts:GetCallerIdentity",
        "backup:ListBackupPlans", "backup:ListProtectedResources", "guardduty:ListDetectors", "securityhub:DescribeHub",
        "cloudtrail:DescribeTrails", "config:DescribeConfigurationRecorders", "config:DescribeConfigurationRecorderStatus",
    ];

    [Test]
    public async Task Four_stacks_in_one_run_each_match_a_lone_stacks_verdicts_and_share_the_account_wide_calls()
    {
        var clean = await SandboxRun.Clean;
        var clones = StackClones.Write("compliant-rds", 4, Directory.CreateTempSubdirectory("verification-stacks-").FullName);

        var run = await SandboxRun.ExecuteAsync(Scenario.Load(clones.ScenarioPath), outputsPaths: clones.OutputsPaths);

        // Account-level controls say the same of every stack in the account, so the run keeps them with the first stack only.
        var stackScoped = SandboxRun.Verdicts(clean.Single).Where(v => ControlCatalog.All.Single(c => c.Id == v.Control).Scope == ControlScope.Stack).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.Runs, Has.Count.EqualTo(4));
            Assert.That(SandboxRun.Verdicts(run.Runs[0]), Is.EqualTo(SandboxRun.Verdicts(clean.Single)));
            Assert.That(run.Runs.Skip(1).Select(SandboxRun.Verdicts), Is.All.EqualTo(stackScoped));
            Assert.That(run.Runs.Select(r => r.Snapshot.Outputs.VpcId), Is.Unique);
            Assert.That(AccountWide.Select(a => run.ActionsCalled.Count(c => c == a)), Is.All.EqualTo(1));
            Assert.That(run.RequestsReceived, Is.Unique, "no request was sent twice");

            // Each stack names its cluster, so ECS is asked about those four clusters only, never walked account-wide.
            Assert.That(run.ActionsCalled, Has.No.Member("ecs:ListClusters"));
            Assert.That(run.ActionsCalled.Count(c => c == "ecs:DescribeServices"), Is.EqualTo(4));
        }
    }
}
