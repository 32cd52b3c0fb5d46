using NUnit.Framework;
using Verification.Probes.Aws;
using Verification.Probes.Aws.Ec2;
using Verification.Probes.Aws.SecretsManager;
using Verification.Probes.Aws.Transport;
using Verification.Sandbox;
using Verification.Sandbox.Faults;

namespace Verification.Probes.Tests.Robustness;

/// <summary>The official SDK clients and the thin clients share one session's send rate and deadlines.</summary>
public sealed class SharedPacingTests
{
    private static RetryPolicy Retry { get; } = SandboxRun.Fast with { MinSendRate = 500, TotalBudget = TimeSpan.FromSeconds(1) };

    [Test]
    public async Task A_throttle_answered_to_the_ec2_sdk_client_slows_the_whole_session()
    {
        var faults = new FaultPlan { Fraction = 1, MaxConsecutive = 1, Actions = new HashSet<string> { "ec2:DescribeVpcs" } };
        await using var sandbox = await SandboxServer.StartAsync(Scenario.Load("compliant-rds"), new SandboxOptions { Faults = faults });
        using var session = new AwsSession("us-east-1", SandboxRun.SandboxKey, new AwsEndpoints(sandbox.Endpoint), Retry, TimeProvider.System);
        using var ec2 = new Ec2Client(session);

        await ec2.DescribeVpcAsync(sandbox.Scenario.Outputs["vpc_id"], CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(session.Calls.Calls.Single().Attempts, Is.EqualTo(2));
            Assert.That(session.SendRate.Throttles, Is.EqualTo(1));
            Assert.That(session.SendRate.Limiting, Is.True, "the thin clients now wait for the same bucket");
        }
    }

    [Test]
    public async Task Calls_inside_one_shared_deadline_spend_one_budget_between_them()
    {
        var faults = new FaultPlan { Fraction = 1, MaxConsecutive = 100_000, Actions = new HashSet<string> { "secretsmanager:DescribeSecret" } };
        await using var sandbox = await SandboxServer.StartAsync(Scenario.Load("compliant-rds"), new SandboxOptions { Faults = faults });
        using var session = new AwsSession("us-east-1", SandboxRun.SandboxKey, new AwsEndpoints(sandbox.Endpoint), Retry, TimeProvider.System);
        var secrets = new SecretsManagerClient(new AwsTransport(session));
        var secret = sandbox.Scenario.Outputs["db_secret_arn"];

        var started = TimeProvider.System.GetTimestamp();
        using (session.ShareDeadline())
        {
            await Assert.ThrowsAsync<AwsServiceException>(() => secrets.DescribeSecretAsync(secret, CancellationToken.None));
            await Assert.ThrowsAsync<AwsServiceException>(() => secrets.DescribeSecretAsync(secret, CancellationToken.None));
        }

        var both = TimeProvider.System.GetElapsedTime(started);

        // Two budgets would take about 2 s; one shared budget ends both calls at its deadline, 1 s after the first began.
        Assert.That(both, Is.LessThan(TimeSpan.FromSeconds(1.6)), $"the two calls took {both.TotalSeconds:0.00} s together: they did not share one deadline");
    }
}
