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

        var faulty = await SandboxRun.ExecuteAsync(Scenario.Load("compliant-rds"), new SandboxOptions { Faults = faults }, Unpaced);

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
        var faulty = await SandboxRun.ExecuteAsync(Scenario.Load("compliant-rds"), new SandboxOptions { Faults = ThirtyPercent() }, Unpaced);

        var saved = SnapshotJson.Deserialize(SnapshotJson.Serialize(faulty.Single.Snapshot));

        Assert.That(saved.Calls.Select(c => c.Attempts), Has.Some.GreaterThan(1));
    }

    private static readonly string[] OneActionPerClient = ["rds:DescribeDBInstances", "logs:DescribeLogGroups", "ec2:DescribeSubnets", "kms:DescribeKey"];

    /// <summary>The 30 % tests look at retries, not pacing: a high send-rate floor keeps the adaptive bucket from slowing them to its default floor.</summary>
    private static RetryPolicy Unpaced { get; } = SandboxRun.Fast with { MinSendRate = 500 };

    [TestCaseSource(nameof(OneActionPerClient))]
    public async Task A_call_throttled_until_its_deadline_becomes_an_error_naming_the_call(string action)
    {
        var clean = await SandboxRun.Clean;
        // Throttling is retried for time, not a count: far more than MaxAttempts tries fit in a second at 1-20 ms backoff.
        var retry = Unpaced with { MaxAttempts = 3, TotalBudget = TimeSpan.FromSeconds(1) };
        var faults = new FaultPlan { Fraction = 1, MaxConsecutive = 100_000, Actions = new HashSet<string> { action } };

        var faulty = await SandboxRun.ExecuteAsync(Scenario.Load("compliant-rds"), new SandboxOptions { Faults = faults }, retry);

        var changed = SandboxRun.Changed(clean.Single, faulty.Single);
        var call = faulty.Calls.Single(c => c.Action == action);
        using (Assert.EnterMultipleScope())
        {
            Assert.That((call.Outcome, call.ErrorCode), Is.EqualTo((AwsCallOutcome.Failed, FaultCode(action))));
            Assert.That(call.Attempts, Is.GreaterThan(retry.MaxAttempts), "throttled attempts are not counted against MaxAttempts");
            Assert.That(call.Duration, Is.LessThan(retry.TotalBudget + retry.AttemptTimeout));
            // The deadline may cut the last attempt before it reaches the sandbox.
            Assert.That(faulty.ActionsCalled.Count(a => a == action), Is.InRange(call.Attempts - 1, call.Attempts));
            Assert.That(changed, Is.Not.Empty);
            Assert.That(changed.Select(r => r.Verdict), Is.All.EqualTo(ControlVerdict.CouldNotEvaluate));
            Assert.That(changed.Select(r => r.Explain()), Is.All.Contain(action));
            Assert.That(faulty.Single.Outcome, Is.EqualTo(RunOutcome.CouldNotEvaluate));
        }
    }

    [TestCaseSource(nameof(OneActionPerClient))]
    public async Task A_call_answered_only_with_server_errors_stops_after_max_attempts(string action)
    {
        var retry = Unpaced with { MaxAttempts = 3 };
        var faults = new FaultPlan { Fraction = 1, MaxConsecutive = 100_000, Kind = FaultKind.ServerError, Actions = new HashSet<string> { action } };

        var faulty = await SandboxRun.ExecuteAsync(Scenario.Load("compliant-rds"), new SandboxOptions { Faults = faults }, retry);

        var call = faulty.Calls.Single(c => c.Action == action);
        using (Assert.EnterMultipleScope())
        {
            Assert.That((call.Outcome, call.Attempts), Is.EqualTo((AwsCallOutcome.Failed, 3)));
            Assert.That(call.ErrorCode, Is.EqualTo(action.StartsWith("ec2:", StringComparison.Ordinal) ? "InternalError" : "InternalFailure"));
            Assert.That(faulty.ActionsCalled.Count(a => a == action), Is.EqualTo(3));
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
