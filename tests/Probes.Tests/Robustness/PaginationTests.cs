using System.Text.Json.Nodes;
using NUnit.Framework;
using Verification.Probes.Aws;
using Verification.Probes.Aws.Logs;
using Verification.Probes.Aws.Transport;
using Verification.Sandbox;

namespace Verification.Probes.Tests.Robustness;

/// <summary>With hundreds of resources on pages of seven, every list is read to its end: nothing missed, nothing twice.</summary>
public sealed class PaginationTests
{
    private const int PageSize = 7;
    private const int ExtraLogGroups = 300;
    private const int ExtraSubnets = 60;

    /// <summary>compliant-rds plus 300 unrelated log groups ahead of the stack's own and 60 more subnets in another VPC and the stack's.</summary>
    private static Scenario Crowded()
    {
        var overrides = new JsonArray { new JsonObject { ["set"] = "/pageSize", ["value"] = PageSize } };
        for (var i = 0; i < ExtraLogGroups; i++)
        {
            overrides.Add(new JsonObject { ["append"] = "/resources/logs/logGroups", ["value"] = new JsonObject { ["logGroupName"] = $"/aaa/other-{i:000}", ["retentionInDays"] = 1, ["creationTime"] = 1700000000000 } });
        }

        for (var i = 0; i < ExtraSubnets; i++)
        {
            overrides.Add(new JsonObject
            {
                ["append"] = "/resources/ec2/subnetSet",
                ["value"] = new JsonObject { ["subnetId"] = $"subnet-0ffff0000000{i:x5}", ["vpcId"] = i % 2 == 0 ? "vpc-0a1b2c3d4e5f67890" : "vpc-0ffff000000000001", ["cidrBlock"] = $"10.{100 + i}.0.0/24", ["availabilityZone"] = "us-east-1a", ["mapPublicIpOnLaunch"] = false },
            });
        }

        var path = Path.Combine(Path.GetTempPath(), $"verification-crowded-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, new JsonObject { ["base"] = "compliant-rds", ["description"] = "crowded account", ["overrides"] = overrides }.ToJsonString());
        return Scenario.Load(path);
    }

    [Test]
    public async Task Three_hundred_log_groups_on_pages_of_seven_are_all_read_once()
    {
        var scenario = Crowded();
        await using var sandbox = await SandboxServer.StartAsync(scenario);
        using var session = new AwsSession("us-east-1", SandboxRun.SandboxKey, new AwsEndpoints(sandbox.Endpoint), SandboxRun.Fast, TimeProvider.System);
        var expected = scenario.Select("/resources/logs/logGroups")!.AsArray().Count;

        var groups = await new LogsClient(new AwsTransport(session)).DescribeLogGroupsAsync(null, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(groups.Select(g => g.LogGroupName), Is.Unique);
            Assert.That(groups, Has.Count.EqualTo(expected));
            Assert.That(sandbox.ActionsCalled, Has.Count.EqualTo((expected + PageSize - 1) / PageSize));
        }
    }

    [Test]
    public async Task A_full_run_over_a_crowded_account_sees_every_stack_subnet_once_and_finds_the_stack_log_group_on_a_late_page()
    {
        var scenario = Crowded();
        var stackSubnets = scenario.Select("/resources/ec2/subnetSet")!.AsArray().Count(s => s!["vpcId"]!.GetValue<string>() == "vpc-0a1b2c3d4e5f67890");

        var run = await SandboxRun.ExecuteAsync(scenario);

        var snapshot = run.Single.Snapshot;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(snapshot.Subnets.Value!.Select(s => s.SubnetId).ToList(), Is.Unique.And.Count.EqualTo(stackSubnets));
            Assert.That(snapshot.LogGroups.Value!.Select(g => g.LogGroupName), Does.Contain("/ecs/healthcare-dev"));
            Assert.That(run.RequestsReceived, Is.Unique, "no page was asked for twice");
            Assert.That(run.ActionsCalled.Count(a => a == "logs:DescribeLogGroups"), Is.GreaterThanOrEqualTo(ExtraLogGroups / PageSize));
        }
    }
}
