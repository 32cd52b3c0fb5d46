namespace Verification.Sandbox.Faults;

/// <summary>What an injected fault does to one request.</summary>
public enum FaultKind
{
    /// <summary>The service's throttling error (Query Throttling 400, EC2 RequestLimitExceeded 503, JSON ThrottlingException 400).</summary>
    Throttle,

    /// <summary>The service's 503 (Query ServiceUnavailable, EC2 Unavailable, JSON ServiceUnavailableException).</summary>
    Unavailable,
}

/// <summary>
/// Seeded, reproducible faults: each request is hit with probability <see cref="Fraction"/>, but never more than
/// <see cref="MaxConsecutive"/> times in a row for the same action, so a client that retries that often always gets through.
/// </summary>
public sealed class FaultPlan
{
    private readonly object _gate = new();
    private readonly Dictionary<string, int> _streaks = new(StringComparer.Ordinal);
    private Random? _random;

    /// <summary>The share of requests to fault, 0 to 1.</summary>
    public double Fraction { get; init; }

    /// <summary>The longest run of faults one action can see.</summary>
    public int MaxConsecutive { get; init; } = 2;

    /// <summary>The seed, so a failing run replays identically (given the same request order).</summary>
    public int Seed { get; init; }

    /// <summary>What the faulted requests receive.</summary>
    public FaultKind Kind { get; init; } = FaultKind.Throttle;

    /// <summary>The fault for the next request to <paramref name="action"/> ("rds:DescribeDBInstances"), or null to let it through.</summary>
    public FaultKind? Next(string action)
    {
        lock (_gate)
        {
            _random ??= new Random(Seed);
            var streak = _streaks.GetValueOrDefault(action);
            var hit = streak < MaxConsecutive && _random.NextDouble() < Fraction;
            _streaks[action] = hit ? streak + 1 : 0;
            return hit ? Kind : null;
        }
    }
}
