using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Verification.Probes.Aws;
using Verification.Probes.Aws.SecretsManager;
using Verification.Probes.Aws.Transport;
using Verification.Probes.Collection;
using Verification.Probes.Controls;
using Verification.Sandbox;
using Verification.Sandbox.Faults;

namespace Verification.Probes.Tests.Robustness;

/// <summary>Throttling and 5xx within the retry budget change nothing but the attempt counts; beyond it, the call is an Error.</summary>
public sealed class ThrottlingTests
{
    private static FaultPlan ThirtyPercent() => new()
    {
        Fraction = 0.3,
        MaxConsecutive = 2,
        Seed = 7,
        Kinds = [FaultKind.Throttle, FaultKind.ServerError, FaultKind.Unavailable],
    };

    [Test]
    public async Task A_run_with_thirty_percent_throttling_and_server_errors_reaches_the_clean_runs_verdicts()
    {
        var clean = await SandboxRun.Clean;
        var faults = ThirtyPercent();

        var faulty = await SandboxRun.ExecuteAsync(Scenario.Load("compliant-rds"), new SandboxOptions { Faults = faults });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(SandboxRun.Verdicts(faulty.Single), Is.EqualTo(SandboxRun.Verdicts(clean.Single)));
            Assert.That(faults.Injected, Is.GreaterThan(5), "the plan injected faults");
            Assert.That(faulty.Calls.Sum(c => c.Attempts - 1), Is.EqualTo(faults.Injected), "every injected fault is one counted retry");
            Assert.That(faulty.Calls.Select(c => c.Outcome), Is.All.EqualTo(AwsCallOutcome.Succeeded));
            Assert.That(faulty.Calls.Select(c => c.Attempts), Is.All.LessThanOrEqualTo(SandboxRun.Fast.MaxAttempts));
        }
    }

    [Test]
    public async Task Retries_show_in_the_saved_snapshot_as_attempts()
    {
        var faulty = await SandboxRun.ExecuteAsync(Scenario.Load("compliant-rds"), new SandboxOptions { Faults = ThirtyPercent() });

        var saved = SnapshotJson.Deserialize(SnapshotJson.Serialize(faulty.Single.Snapshot));

        Assert.That(saved.Calls.Select(c => c.Attempts), Has.Some.GreaterThan(1));
    }

    private static IEnumerable<TestCaseData> OneActionPerClient() =>
    [
        new TestCaseData("rds:DescribeDBInstances").SetName("Query_rds_DescribeDBInstances_faulted_past_the_budget_is_an_error_naming_the_call"),
        new TestCaseData("logs:DescribeLogGroups").SetName("Json_logs_DescribeLogGroups_faulted_past_the_budget_is_an_error_naming_the_call"),
        new TestCaseData("ec2:DescribeSubnets").SetName("Sdk_ec2_DescribeSubnets_faulted_past_the_budget_is_an_error_naming_the_call"),
        new TestCaseData("kms:DescribeKey").SetName("Sdk_kms_DescribeKey_faulted_past_the_budget_is_an_error_naming_the_call"),
    ];

    [TestCaseSource(nameof(OneActionPerClient))]
    public async Task A_call_whose_faults_outlast_the_retry_budget_becomes_an_error_naming_the_call(string action)
    {
        var clean = await SandboxRun.Clean;
        var retry = SandboxRun.Fast with { MaxAttempts = 3 };
        var faults = new FaultPlan { Fraction = 1, MaxConsecutive = 1000, Actions = new HashSet<string> { action } };

        var faulty = await SandboxRun.ExecuteAsync(Scenario.Load("compliant-rds"), new SandboxOptions { Faults = faults }, retry);

        var changed = SandboxRun.Changed(clean.Single, faulty.Single);
        var call = faulty.Calls.Single(c => c.Action == action);
        using (Assert.EnterMultipleScope())
        {
            Assert.That((call.Outcome, call.Attempts, call.ErrorCode), Is.EqualTo((AwsCallOutcome.Failed, 3, FaultCode(action))));
            Assert.That(faulty.ActionsCalled.Count(a => a == action), Is.EqualTo(3));
            Assert.That(changed, Is.Not.Empty);
            Assert.That(changed.Select(r => r.Verdict), Is.All.EqualTo(ControlVerdict.CouldNotEvaluate));
            Assert.That(changed.Select(r => r.Explain()), Is.All.Contain(action));
            Assert.That(faulty.Single.Outcome, Is.EqualTo(RunOutcome.CouldNotEvaluate));
        }
    }

    [Test]
    public async Task Backoff_waits_on_the_sessions_clock_not_the_wall_clock()
    {
        var faults = new FaultPlan { Fraction = 1, MaxConsecutive = 1 };
        await using var sandbox = await SandboxServer.StartAsync(Scenario.Load("compliant-rds"), new SandboxOptions { Faults = faults });
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var retry = RetryPolicy.Default with { BaseDelay = TimeSpan.FromMinutes(1), MaxDelay = TimeSpan.FromMinutes(1) };
        using var session = new AwsSession("us-east-1", SandboxRun.SandboxKey, new AwsEndpoints(sandbox.Endpoint), retry, clock, randomSeed: 1);
        var secrets = new SecretsManagerClient(new AwsTransport(session));

        var call = secrets.DescribeSecretAsync(sandbox.Scenario.Outputs["db_secret_arn"], CancellationToken.None);
        await Task.WhenAny(call, Task.Delay(TimeSpan.FromMilliseconds(500)));
        var waitingAfterThrottle = !call.IsCompleted;
        clock.Advance(TimeSpan.FromMinutes(1));
        var secret = await call.WaitAsync(TimeSpan.FromSeconds(10));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(waitingAfterThrottle, Is.True, "the retry waited for the fake clock");
            Assert.That(secret.ARN, Is.EqualTo(sandbox.Scenario.Outputs["db_secret_arn"]));
            Assert.That(session.Calls.Calls.Single().Attempts, Is.GreaterThan(1));
        }
    }

    // The sandbox answers each protocol's own throttling code; the EC2 one arrives through the SDK.
    private static string FaultCode(string action) => action.Split(':')[0] switch
    {
        "ec2" => "RequestLimitExceeded",
        "rds" => "Throttling",
        _ => "ThrottlingException",
    };
}
