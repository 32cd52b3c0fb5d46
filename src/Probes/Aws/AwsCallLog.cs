using System.Collections.Concurrent;

namespace Verification.Probes.Aws;

/// <summary>How one AWS call ended.</summary>
public enum AwsCallOutcome
{
    Succeeded,
    Failed,
}

/// <summary>One AWS API call as the evidence records it.</summary>
/// <param name="Service">The endpoint prefix, e.g. "rds".</param>
/// <param name="Operation">The API operation, e.g. "DescribeDBInstances".</param>
/// <param name="StartedAt">When the first attempt began.</param>
/// <param name="Duration">Wall time across all attempts.</param>
/// <param name="Attempts">1 plus the retries taken.</param>
/// <param name="RequestId">AWS's request id of the last attempt, when it answered.</param>
/// <param name="ErrorCode">The AWS error code (or transport failure) when the call failed.</param>
public sealed record AwsCall(
    string Service,
    string Operation,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    int Attempts,
    AwsCallOutcome Outcome,
    string? RequestId,
    string? ErrorCode)
{
    /// <summary>The IAM action this call exercises, e.g. "rds:DescribeDBInstances".</summary>
    public string Action => $"{AwsService.ActionPrefixOf(Service)}:{Operation}";
}

/// <summary>Thread-safe record of every AWS call in one run.</summary>
public sealed class AwsCallLog
{
    private readonly ConcurrentQueue<AwsCall> _calls = new();

    public void Add(AwsCall call) => _calls.Enqueue(call);

    /// <summary>The calls so far, ordered by start time.</summary>
    public IReadOnlyList<AwsCall> Calls => [.. _calls.OrderBy(c => c.StartedAt).ThenBy(c => c.Action, StringComparer.Ordinal)];
}
