namespace Verification.Probes.Aws;

/// <summary>
/// How hard each AWS call tries. Throttling is retried until the call's deadline (<paramref name="TotalBudget"/>), because
/// a busy account is not a broken one; 5xx, timeouts, broken connections and unreadable bodies are retried until
/// <paramref name="MaxAttempts"/> of them were seen. Backoff is full-jitter exponential, as the SDKs do.
/// </summary>
/// <param name="MaxAttempts">Attempts that may end in a 5xx, a timeout, a broken connection or an unreadable body; throttled attempts do not count, except that 1 means no retry at all.</param>
/// <param name="BaseDelay">The first backoff ceiling.</param>
/// <param name="MaxDelay">The ceiling of a single backoff.</param>
/// <param name="AttemptTimeout">How long one attempt may take before it counts as a timeout.</param>
/// <param name="TotalBudget">The deadline of one call: every attempt, backoff, send-rate wait, credential resolution and page.</param>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay, TimeSpan AttemptTimeout, TimeSpan TotalBudget)
{
    public static RetryPolicy Default { get; } = new(6, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(60));

    /// <summary>
    /// Requests in flight at once to one service endpoint; the rest queue (real AWS serves each service from its own host, and
    /// its request-rate buckets, e.g. EC2 Describe* at a burst of 100, are per API family).
    /// </summary>
    public int MaxConcurrencyPerEndpoint { get; init; } = 64;

    /// <summary>The adaptive send rate's floor, in requests per second, however often AWS throttles.</summary>
    public double MinSendRate { get; init; } = 2;

    /// <summary>
    /// The backoff before retry number <paramref name="retry"/> (1 or more): a uniform draw (<paramref name="unit"/> in [0, 1))
    /// below the exponential ceiling, in whole milliseconds because no timer waits less.
    /// </summary>
    public TimeSpan Backoff(int retry, double unit)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry - 1, 30)));
        return TimeSpan.FromMilliseconds(Math.Floor(unit * ceiling));
    }
}
