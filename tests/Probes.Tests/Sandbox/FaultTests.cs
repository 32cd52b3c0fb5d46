using NUnit.Framework;
using Verification.Sandbox;
using Verification.Sandbox.Faults;

namespace Verification.Probes.Tests.Sandbox;

/// <summary>Seeded throttling answers in each protocol's own envelope and never exceeds the configured streak.</summary>
public sealed class FaultTests
{
    [Test]
    public async Task Throttling_arrives_in_each_protocol_envelope_with_the_aws_status()
    {
        await using var server = await SandboxServer.StartAsync(Scenario.Load("compliant-rds"), new SandboxOptions { Faults = new FaultPlan { Fraction = 1, MaxConsecutive = 1 } });
        using var aws = new RawAws(server.Endpoint);

        var query = await aws.QueryAsync("rds", "Action=DescribeDBInstances&Version=2014-10-31");
        var ec2 = await aws.QueryAsync("ec2", "Action=DescribeVpcs&Version=2016-11-15");
        var json = await aws.JsonAsync("logs", "Logs_20140328.DescribeLogGroups", "{}");

        using (Assert.EnterMultipleScope())
        {
            Assert.That((query.Status, query.ErrorCode), Is.EqualTo((400, "Throttling")));
            Assert.That((ec2.Status, ec2.ErrorCode), Is.EqualTo((503, "RequestLimitExceeded")));
            Assert.That((json.Status, json.ErrorCode), Is.EqualTo((400, "ThrottlingException")));
        }
    }

    [Test]
    public async Task A_client_that_retries_past_the_streak_limit_always_gets_through()
    {
        await using var server = await SandboxServer.StartAsync(Scenario.Load("compliant-rds"), new SandboxOptions { Faults = new FaultPlan { Fraction = 1, MaxConsecutive = 2 } });
        using var aws = new RawAws(server.Endpoint);

        var statuses = new List<int>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            statuses.Add((await aws.JsonAsync("kms", "TrentService.ListAliases", "{}")).Status);
        }

        Assert.That(statuses, Is.EqualTo(new[] { 400, 400, 200 }));
    }

    [Test]
    public void The_same_seed_faults_the_same_requests()
    {
        var first = new FaultPlan { Fraction = 0.3, Seed = 7 };
        var second = new FaultPlan { Fraction = 0.3, Seed = 7 };

        var a = Enumerable.Range(0, 50).Select(_ => first.Next("rds:DescribeDBInstances")).ToList();
        var b = Enumerable.Range(0, 50).Select(_ => second.Next("rds:DescribeDBInstances")).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(a, Is.EqualTo(b));
            Assert.That(a, Does.Contain(FaultKind.Throttle).And.Contain(null));
        }
    }
}
