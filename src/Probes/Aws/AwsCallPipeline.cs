using System.Collections.Concurrent;
using Polly;
using Polly.Retry;

namespace Verification.Probes.Aws;

/// <summary>
/// Runs one AWS call's attempts for the thin clients and the official SDK clients alike: paced by the session's
/// <see cref="AdaptiveSendRate"/>, bounded in concurrency per service endpoint, retried by a Polly pipeline (throttling
/// until the call's deadline, other transient failures up to <see cref="RetryPolicy.MaxAttempts"/>), and recorded once.
/// </summary>
internal sealed class AwsCallPipeline : IDisposable
{
    private static readonly ResiliencePropertyKey<CallBudget> BudgetKey = new("verification.aws-call-budget");
    private static readonly AsyncLocal<SharedDeadline?> Shared = new();

    private readonly AwsSession _session;
    private readonly ResiliencePipeline _retry;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _endpoints = new(StringComparer.Ordinal);
    private readonly Lock _jitterGate = new();
    private readonly Random _jitter;

    public AwsCallPipeline(AwsSession session, int randomSeed)
    {
        _session = session;
        _jitter = new Random(randomSeed);
        SendRate = new AdaptiveSendRate(session.Time, session.Retry.MinSendRate);
        _retry = new ResiliencePipelineBuilder { TimeProvider = session.Time }
            .AddRetry(new RetryStrategyOptions
            {
                // The retry budget is time (throttling) and MaxAttempts (other failures), decided in ShouldRetry.
                MaxRetryAttempts = int.MaxValue,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome.Exception, args.Context, args.AttemptNumber)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(args.Context.Properties.GetValue(BudgetKey, null!).NextDelay),
            })
            .Build();
    }

    /// <summary>The session's send rate, shared by every call.</summary>
    public AdaptiveSendRate SendRate { get; }

    /// <summary>Opens a scope in which every call shares one deadline (a paging loop's pages).</summary>
    public static IDisposable ShareDeadline(TimeProvider time)
    {
        var previous = Shared.Value;
        Shared.Value = previous ?? new SharedDeadline(time);
        return new Restore(previous);
    }

    /// <summary>True for the error codes with which AWS services say "slow down" (the SDKs' throttling list).</summary>
    public static bool IsThrottling(AwsServiceException failure) =>
        failure.HttpStatus == 429
        || failure.ErrorCode is "Throttling" or "ThrottlingException" or "ThrottledException" or "RequestThrottledException"
            or "TooManyRequestsException" or "ProvisionedThroughputExceededException" or "TransactionInProgressException"
            or "RequestLimitExceeded" or "BandwidthLimitExceeded" or "LimitExceededException" or "RequestThrottled"
            or "SlowDown" or "PriorRequestNotComplete" or "EC2ThrottledException";

    /// <summary>
    /// Runs <paramref name="attempt"/> until it succeeds or the budget is spent. The attempt throws
    /// <see cref="AwsServiceException"/> for what AWS or the transport said; a cancelled attempt token it throws as
    /// <see cref="OperationCanceledException"/> becomes a Timeout here.
    /// </summary>
    /// <param name="attempt">One attempt, given a token that ends at the attempt timeout or the call's deadline.</param>
    public async Task<T> RunAsync<T>(AwsService service, Uri endpoint, string operation, Func<CancellationToken, Task<T>> attempt, Func<T, string?> requestIdOf, CancellationToken cancellationToken)
    {
        var time = _session.Time;
        var retry = _session.Retry;
        var region = _session.Region;
        var budget = new CallBudget(time, retry.TotalBudget, Shared.Value);
        var slots = _endpoints.GetOrAdd(service.EndpointPrefix + " " + endpoint.GetLeftPart(UriPartial.Authority), _ => new SemaphoreSlim(retry.MaxConcurrencyPerEndpoint));
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(BudgetKey, budget);
        try
        {
            var result = await _retry.ExecuteAsync(async ctx =>
            {
                budget.Attempts++;
                // Waiting for the send rate or a free slot paces the whole run; it is not this call failing, so it is not charged to its deadline.
                var queued = time.GetTimestamp();
                await SendRate.AcquireAsync(ctx.CancellationToken).ConfigureAwait(false);
                await slots.WaitAsync(ctx.CancellationToken).ConfigureAwait(false);
                budget.Exclude(time.GetElapsedTime(queued));
                try
                {
                    var limit = TimeSpan.FromTicks(Math.Max(1, Math.Min(retry.AttemptTimeout.Ticks, budget.Remaining.Ticks)));
                    using var timeout = new CancellationTokenSource(limit, time);
                    using var linked = CancellationTokenSource.CreateLinkedTokenSource(ctx.CancellationToken, timeout.Token);
                    try
                    {
                        var answer = await attempt(linked.Token).ConfigureAwait(false);
                        SendRate.Report(throttled: false);
                        return answer;
                    }
                    catch (AwsServiceException failure) when (failure.ErrorCode == "Timeout" && limit < retry.AttemptTimeout && timeout.IsCancellationRequested && budget.LastFailure is not null)
                    {
                        // The deadline cut a retry short (the SDK reports that as its own timeout): the call failed with what made it retry.
                        throw budget.LastFailure;
                    }
                    catch (AwsServiceException failure)
                    {
                        if (failure.HttpStatus is not null)
                        {
                            SendRate.Report(IsThrottling(failure));
                        }

                        budget.LastFailure = failure;
                        throw;
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && limit < retry.AttemptTimeout && budget.LastFailure is not null)
                    {
                        // The deadline cut a retry short: what the call failed with is what made it retry (throttling, a 5xx).
                        throw budget.LastFailure;
                    }
                    catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
                    {
                        var within = limit < retry.AttemptTimeout ? $"before the call's deadline of {retry.TotalBudget.TotalSeconds:0.#} s" : $"within {retry.AttemptTimeout.TotalSeconds:0.#} s";
                        var failure = new AwsServiceException(service.EndpointPrefix, operation, region, "Timeout", $"no complete answer from {endpoint} {within}", null, null, e);
                        budget.LastFailure = failure;
                        throw failure;
                    }
                }
                finally
                {
                    slots.Release();
                }
            }, context).ConfigureAwait(false);

            Record(service, operation, budget, AwsCallOutcome.Succeeded, requestIdOf(result), null);
            return result;
        }
        catch (AwsServiceException failure)
        {
            Record(service, operation, budget, AwsCallOutcome.Failed, failure.RequestId, failure.ErrorCode);
            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public void Dispose()
    {
        foreach (var slots in _endpoints.Values)
        {
            slots.Dispose();
        }
    }

    private bool ShouldRetry(Exception? outcome, ResilienceContext context, int attemptNumber)
    {
        if (outcome is not AwsServiceException { IsRetryable: true } failure)
        {
            return false;
        }

        var budget = context.Properties.GetValue(BudgetKey, null!);
        var retry = _session.Retry;
        // MaxAttempts 1 is "never retry", throttles included: a caller that wants each answer as it came.
        if (retry.MaxAttempts <= 1 || (!IsThrottling(failure) && ++budget.Failures >= retry.MaxAttempts))
        {
            return false;
        }

        double unit;
        lock (_jitterGate)
        {
            unit = _jitter.NextDouble();
        }

        budget.NextDelay = retry.Backoff(attemptNumber + 1, unit);
        return budget.Remaining > budget.NextDelay;
    }

    private void Record(AwsService service, string operation, CallBudget budget, AwsCallOutcome outcome, string? requestId, string? errorCode) =>
        _session.Calls.Add(new AwsCall(service.EndpointPrefix, operation, budget.StartedAt, budget.Wall, Math.Max(1, budget.Attempts), outcome, requestId, errorCode));

    /// <summary>One call's time and failures so far.</summary>
    private sealed class CallBudget(TimeProvider time, TimeSpan total, SharedDeadline? shared)
    {
        private readonly long _started = time.GetTimestamp();
        private readonly SharedDeadline _deadline = shared ?? new SharedDeadline(time);

        public DateTimeOffset StartedAt { get; } = time.GetUtcNow();

        public int Attempts { get; set; }

        public int Failures { get; set; }

        public TimeSpan NextDelay { get; set; }

        public AwsServiceException? LastFailure { get; set; }

        public TimeSpan Wall => time.GetElapsedTime(_started);

        public TimeSpan Remaining => total - _deadline.Charged;

        public void Exclude(TimeSpan waited) => _deadline.Exclude(waited);
    }

    /// <summary>The clock one deadline runs on: wall time since it opened, less the time spent queued behind the rest of the run.</summary>
    private sealed class SharedDeadline(TimeProvider time)
    {
        private readonly long _opened = time.GetTimestamp();
        private long _excludedTicks;

        public TimeSpan Charged => time.GetElapsedTime(_opened) - TimeSpan.FromTicks(Interlocked.Read(ref _excludedTicks));

        public void Exclude(TimeSpan waited) => Interlocked.Add(ref _excludedTicks, waited.Ticks);
    }

    private sealed class Restore(SharedDeadline? previous) : IDisposable
    {
        public void Dispose() => Shared.Value = previous;
    }
}
