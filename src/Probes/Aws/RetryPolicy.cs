namespace Verification.Probes.Aws;

/// <summary>The SDK-style retry budget: full-jitter exponential backoff on throttling and 5xx, bounded in attempts and total time.</summary>
/// <param name="MaxAttempts">Attempts per call including the first (the SDKs' "standard" mode uses 3; we allow more because a gate must not flap on throttling).</param>
/// <param name="BaseDelay">The first backoff ceiling.</param>
/// <param name="MaxDelay">The ceiling of a single backoff.</param>
/// <param name="AttemptTimeout">How long one attempt may take before it counts as a timeout.</param>
/// <param name="TotalBudget">The longest a call may take across all its attempts.</param>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay, TimeSpan AttemptTimeout, TimeSpan TotalBudget)
{
    public static RetryPolicy Default { get; } = new(6, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(60));

    /// <summary>The backoff before attempt <paramref name="attempt"/> (2 or more), full jitter as the SDKs do.</summary>
    public TimeSpan Backoff(int attempt, Random random)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 2));
        return TimeSpan.FromMilliseconds(random.NextDouble() * ceiling);
    }
}
