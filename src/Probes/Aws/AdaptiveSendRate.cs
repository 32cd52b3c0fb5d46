namespace Verification.Probes.Aws;

/// <summary>
/// The SDKs' adaptive retry mode, shared by every call of one session: a token bucket that stays off until AWS first
/// throttles, then cuts the send rate (CUBIC, β 0.7) on each throttle and lets it grow back with each answer that is not
/// one. Constants are the SDKs' own ("client-side rate limiting" in the AWS SDKs and Tools reference).
/// </summary>
public sealed class AdaptiveSendRate
{
    private const double Smoothing = 0.8;
    private const double Beta = 0.7;
    private const double ScaleConstant = 0.4;
    private const double MinCapacity = 1;

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly long _origin;
    private readonly double _minRate;
    private bool _enabled;
    private double _fillRate;
    private double _capacity;
    private double _tokens;
    private double _lastRefill;
    private double _measuredRate;
    private double _lastRateBucket;
    private int _requestsInBucket;
    private double _lastMaxRate;
    private double _lastThrottle;
    private double _timeWindow;

    /// <param name="minRate">The floor of the send rate in requests per second (the SDKs use 0.5).</param>
    public AdaptiveSendRate(TimeProvider time, double minRate)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minRate);
        _time = time;
        _minRate = minRate;
        _origin = time.GetTimestamp();
        _lastRateBucket = Math.Floor(Now() * 2) / 2;
    }

    /// <summary>True once AWS has throttled: sends wait for a token from then on.</summary>
    public bool Limiting
    {
        get
        {
            lock (_gate)
            {
                return _enabled;
            }
        }
    }

    /// <summary>The current send rate in requests per second, or null while nothing has been throttled.</summary>
    public double? Rate
    {
        get
        {
            lock (_gate)
            {
                return _enabled ? _fillRate : null;
            }
        }
    }

    /// <summary>How many throttles were reported.</summary>
    public int Throttles { get; private set; }

    /// <summary>Waits, on the session's clock, until one request may be sent.</summary>
    public Task AcquireAsync(CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (_gate)
        {
            if (!_enabled)
            {
                return Task.CompletedTask;
            }

            Refill();
            // Taking the token now (the balance may go negative) queues concurrent senders one behind another.
            _tokens -= 1;
            if (_tokens >= 0)
            {
                return Task.CompletedTask;
            }

            wait = TimeSpan.FromSeconds(-_tokens / _fillRate);
        }

        return Task.Delay(wait, _time, cancellationToken);
    }

    /// <summary>Feeds one answer back: a throttle cuts the rate, anything else lets it grow towards the rate before the last cut.</summary>
    public void Report(bool throttled)
    {
        lock (_gate)
        {
            var now = Now();
            MeasureRate(now);
            double calculated;
            if (throttled)
            {
                Throttles++;
                _lastMaxRate = _enabled ? Math.Min(_measuredRate, _fillRate) : _measuredRate;
                _lastMaxRate = Math.Max(_lastMaxRate, _minRate);
                _timeWindow = Math.Cbrt(_lastMaxRate * (1 - Beta) / ScaleConstant);
                _lastThrottle = now;
                calculated = _lastMaxRate * Beta;
                if (!_enabled)
                {
                    // Start with a full bucket (set by SetRate below): the retry of the throttled call goes at once, the burst after it is paced.
                    _enabled = true;
                    _tokens = double.MaxValue;
                    _lastRefill = now;
                }
            }
            else
            {
                if (!_enabled)
                {
                    return;
                }

                calculated = ScaleConstant * Math.Pow(now - _lastThrottle - _timeWindow, 3) + _lastMaxRate;
            }

            SetRate(Math.Min(calculated, 2 * _measuredRate), now);
        }
    }

    private void SetRate(double rate, double now)
    {
        RefillAt(now);
        _fillRate = Math.Max(rate, _minRate);
        _capacity = Math.Max(rate, MinCapacity);
        _tokens = Math.Min(_tokens, _capacity);
    }

    private void Refill() => RefillAt(Now());

    private void RefillAt(double now)
    {
        if (now > _lastRefill)
        {
            _tokens = Math.Min(_capacity, _tokens + (now - _lastRefill) * _fillRate);
            _lastRefill = now;
        }
    }

    // The rate answers arrive at, in half-second buckets smoothed as the SDKs do.
    private void MeasureRate(double now)
    {
        var bucket = Math.Floor(now * 2) / 2;
        _requestsInBucket++;
        if (bucket > _lastRateBucket)
        {
            var current = _requestsInBucket / (bucket - _lastRateBucket);
            _measuredRate = current * Smoothing + _measuredRate * (1 - Smoothing);
            _requestsInBucket = 0;
            _lastRateBucket = bucket;
        }
    }

    private double Now() => _time.GetElapsedTime(_origin).TotalSeconds;
}
