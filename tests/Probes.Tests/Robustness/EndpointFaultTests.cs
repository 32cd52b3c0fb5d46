using NUnit.Framework;
using Verification.Probes.Aws;
using Verification.Probes.Controls;
using Verification.Sandbox;
using Verification.Sandbox.Faults;

namespace Verification.Probes.Tests.Robustness;

/// <summary>A stalled, closed or truncated answer ends within the call's timeout as an Error; every other control still evaluates.</summary>
public sealed class EndpointFaultTests
{
    private static readonly RetryPolicy Budget = SandboxRun.Fast with { MaxAttempts = 2, AttemptTimeout = TimeSpan.FromSeconds(1), TotalBudget = TimeSpan.FromSeconds(10) };

    private static IEnumerable<TestCaseData> Cases() =>
        from kind in new[] { FaultKind.Stall, FaultKind.Close, FaultKind.Truncate }
        from action in new[] { "rds:DescribeDBInstances", "logs:DescribeLogGroups", "ec2:DescribeSubnets", "kms:DescribeKey" }
        select new TestCaseData(kind, action).SetName($"{kind}_on_{action.Replace(':', '_')}_ends_in_time_as_an_error_naming_service_operation_and_cause");

    [TestCaseSource(nameof(Cases))]
    public async Task A_broken_endpoint_ends_in_time_as_an_error_naming_service_operation_and_cause(FaultKind kind, string action)
    {
        var clean = await SandboxRun.Clean;
        var faults = new FaultPlan { Fraction = 1, MaxConsecutive = 1000, Kind = kind, Actions = new HashSet<string> { action } };

        var faulty = await SandboxRun.ExecuteAsync(Scenario.Load("compliant-rds"), new SandboxOptions { Faults = faults, StallFor = TimeSpan.FromSeconds(30) }, Budget);

        var call = faulty.Calls.Single(c => c.Action == action);
        var changed = SandboxRun.Changed(clean.Single, faulty.Single);
        using (Assert.EnterMultipleScope())
        {
            Assert.That((call.Outcome, call.ErrorCode), Is.EqualTo((AwsCallOutcome.Failed, ExpectedCode(kind))));
            Assert.That(call.Duration, Is.LessThan(Budget.AttemptTimeout * Budget.MaxAttempts + TimeSpan.FromSeconds(3)));
            Assert.That(changed, Is.Not.Empty);
            Assert.That(changed.Select(r => r.Verdict), Is.All.EqualTo(ControlVerdict.CouldNotEvaluate));
            Assert.That(changed.Select(r => r.Explain()), Is.All.Contain(action).And.All.Contain(ExpectedCode(kind)));
            Assert.That(faulty.Single.Results.Where(r => !changed.Contains(r)).Select(r => r.Verdict), Is.All.Not.EqualTo(ControlVerdict.CouldNotEvaluate));
        }
    }

    private static string ExpectedCode(FaultKind kind) => kind switch
    {
        FaultKind.Stall => "Timeout",
        FaultKind.Close => "ConnectionFailed",
        _ => "MalformedResponse",
    };
}
