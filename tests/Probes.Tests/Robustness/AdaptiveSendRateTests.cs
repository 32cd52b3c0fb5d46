using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Verification.Probes.Aws;

namespace Verification.Probes.Tests.Robustness;

/// <summary>The session's send rate: off until AWS throttles, cut by throttles, restored by successes.</summary>
public sealed class AdaptiveSendRateTests
{
    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Sends 20 requests a second for two seconds, every answer a success.</summary>
    private static void Busy(AdaptiveSendRate rate, FakeTimeProvider clock)
    {
        for (var i = 0; i < 40; i++)
        {
            rate.Report(throttled: false);
            clock.Advance(TimeSpan.FromMilliseconds(50));
        }
    }

    [Test]
    public void Sends_are_not_paced_before_any_throttle()
    {
        var clock = Clock();
        var rate = new AdaptiveSendRate(clock, minRate: 0.5);

        Busy(rate, clock);
        var sends = Enumerable.Range(0, 100).Select(_ => rate.AcquireAsync(CancellationToken.None)).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rate.Limiting, Is.False);
            Assert.That(sends.Select(s => s.IsCompleted), Is.All.True);
        }
    }

    [Test]
    public void A_throttle_cuts_the_rate_below_what_was_being_sent_and_queues_the_next_sends()
    {
        var clock = Clock();
        var rate = new AdaptiveSendRate(clock, minRate: 0.5);
        Busy(rate, clock);

        rate.Report(throttled: true);
        var sends = Enumerable.Range(0, 40).Select(_ => rate.AcquireAsync(CancellationToken.None)).ToList();
        clock.Advance(TimeSpan.FromSeconds(0.5));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rate.Rate, Is.LessThan(20 * 0.75).And.GreaterThan(5));
            Assert.That(sends.Count(s => s.IsCompleted), Is.LessThan(sends.Count), "some sends wait for tokens");
        }
    }

    [Test]
    public void Successes_after_a_throttle_restore_the_rate()
    {
        var clock = Clock();
        var rate = new AdaptiveSendRate(clock, minRate: 0.5);
        Busy(rate, clock);
        rate.Report(throttled: true);
        var cut = rate.Rate!.Value;

        Busy(rate, clock);
        Busy(rate, clock);

        Assert.That(rate.Rate, Is.GreaterThan(cut));
    }

    [Test]
    public void Repeated_throttles_never_take_the_rate_below_its_floor()
    {
        var clock = Clock();
        var rate = new AdaptiveSendRate(clock, minRate: 2);
        Busy(rate, clock);

        for (var i = 0; i < 50; i++)
        {
            rate.Report(throttled: true);
            clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.That(rate.Rate, Is.EqualTo(2));
    }
}
