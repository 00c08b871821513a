using Amazon.Runtime;
using Failover.Aws.Http;
using Failover.Aws.Route53;
using Microsoft.Extensions.Time.Testing;

namespace Failover.Aws.Tests.Http;

/// <summary>
/// The additive-increase, multiplicative-decrease controller of the Route 53 request rate, on a fake clock: it climbs
/// while requests go through, backs off once per burst of throttles, stays in its bounds, and settles near an
/// account limit it was not told.
/// </summary>
[Trait("Category", "Unit")]
public sealed class AdaptiveRateTests
{
    private static readonly AdaptiveRateOptions Options = new()
    {
        MinRequestsPerSecond = 1, MaxRequestsPerSecond = 20, Increase = 0.5, IncreaseInterval = TimeSpan.FromSeconds(1),
        DecreaseFactor = 0.5, DecreaseHold = TimeSpan.FromSeconds(1),
    };

    private static (AdaptiveRate Rate, FakeTimeProvider Time) Start(double rate = 5, AdaptiveRateOptions? options = null)
    {
        var (adaptive, time, _) = StartWithBucket(rate, options);
        return (adaptive, time);
    }

    private static (AdaptiveRate Rate, FakeTimeProvider Time, TokenBucket Bucket) StartWithBucket(
        double rate = 5, AdaptiveRateOptions? options = null)
    {
        var time = new FakeTimeProvider();
        var bucket = new TokenBucket(rate, 5, time);
        return (new AdaptiveRate(bucket, options ?? Options, time), time, bucket);
    }

    /// <summary>A request that went through while the client was sending as fast as its rate lets it.</summary>
    private static void AcceptedAtFullRate(AdaptiveRate rate, TokenBucket bucket)
    {
        while (bucket.Balance >= 1) bucket.Reserve();
        rate.OnAccepted();
    }

    [Fact]
    public void Accepted_requests_add_one_step_per_interval_not_one_per_request()
    {
        var (rate, time, bucket) = StartWithBucket();

        for (var i = 0; i < 10; i++) AcceptedAtFullRate(rate, bucket);
        Assert.Equal(5, rate.RequestsPerSecond);

        time.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 10; i++) AcceptedAtFullRate(rate, bucket);
        Assert.Equal(5.5, rate.RequestsPerSecond);

        time.Advance(TimeSpan.FromSeconds(1));
        AcceptedAtFullRate(rate, bucket);
        Assert.Equal(6, rate.RequestsPerSecond);
    }

    [Fact]
    public void Reads_held_back_by_the_rate_climb_although_the_read_reserve_stays_in_the_bucket()
    {
        // Reads never take the last tokens (the read reserve), so a reader sending as fast as its rate lets it still
        // sees a balance at the reserve after each read: that is a held-back client, not a free bucket.
        var time = new FakeTimeProvider();
        var bucket = new TokenBucket(5, 5, time, readReserve: 1);
        var rate = new AdaptiveRate(bucket, Options, time);

        for (var second = 0; second < 4; second++)
        {
            while (bucket.TryTakeRead() == TimeSpan.Zero) rate.OnAccepted();
            time.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(TimeSpan.Zero, bucket.TryTakeRead());
            rate.OnAccepted();
        }

        Assert.True(rate.RequestsPerSecond > 5, $"the rate stayed at {rate.RequestsPerSecond}/s");
    }

    [Fact]
    public void A_client_its_rate_does_not_hold_back_does_not_climb()
    {
        // Requests one a second at 5/s: the bucket is never short of a token, so their answers say nothing of the limit.
        var (rate, time) = Start();

        for (var i = 0; i < 60; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            rate.OnAccepted();
        }

        Assert.Equal(5, rate.RequestsPerSecond);
    }

    [Fact]
    public void A_throttle_cuts_the_rate_once_for_all_throttles_within_the_hold()
    {
        var (rate, time) = Start(8);

        rate.OnThrottled();
        rate.OnThrottled();
        time.Advance(TimeSpan.FromMilliseconds(900));
        rate.OnThrottled();
        Assert.Equal(4, rate.RequestsPerSecond);
        Assert.Equal((3, 1), (rate.Throttles, rate.Decreases));

        time.Advance(TimeSpan.FromMilliseconds(100));
        rate.OnThrottled();
        Assert.Equal(2, rate.RequestsPerSecond);
    }

    [Fact]
    public void A_cut_restarts_the_increase_interval()
    {
        var (rate, time, bucket) = StartWithBucket(8);
        time.Advance(TimeSpan.FromSeconds(0.9));
        rate.OnThrottled();

        time.Advance(TimeSpan.FromSeconds(0.5));
        AcceptedAtFullRate(rate, bucket);
        Assert.Equal(4, rate.RequestsPerSecond);

        time.Advance(TimeSpan.FromSeconds(0.5));
        AcceptedAtFullRate(rate, bucket);
        Assert.Equal(4.5, rate.RequestsPerSecond);
    }

    [Fact]
    public void The_rate_stays_within_its_bounds()
    {
        var (rate, time, bucket) = StartWithBucket(19.8);
        for (var i = 0; i < 5; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            AcceptedAtFullRate(rate, bucket);
        }
        Assert.Equal(20, rate.RequestsPerSecond);

        for (var i = 0; i < 10; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            rate.OnThrottled();
        }
        Assert.Equal(1, rate.RequestsPerSecond);
    }

    [Fact]
    public void Resume_continues_from_a_rate_learned_elsewhere_within_the_bounds_and_ignores_nonsense()
    {
        var (rate, _) = Start();

        rate.Resume(9.25);
        Assert.Equal(9.25, rate.RequestsPerSecond);
        rate.Resume(100);
        Assert.Equal(20, rate.RequestsPerSecond);
        rate.Resume(double.NaN);
        rate.Resume(0);
        Assert.Equal(20, rate.RequestsPerSecond);
    }

    /// <summary>
    /// Each cut follows one throttle and each climb ends in one, so the share of throttled requests is about one per
    /// cycle: small where the account's burst absorbs the probing, larger where another tool leaves 3/s and a burst of 5.
    /// </summary>
    [Theory]
    [InlineData(10, 50, 0.02)]
    [InlineData(20, 50, 0.02)]
    [InlineData(5, 50, 0.05)]
    [InlineData(3, 5, 0.1)]
    public void Against_an_account_limit_it_was_not_told_it_sends_near_that_limit_with_few_throttles(
        double limit, int burst, double mostThrottled)
    {
        // The client starts at 5/s with the service's defaults; the account's bucket (Route 53's token bucket) has
        // another rate. Each request goes out when the client's bucket allows it, one at a time.
        var time = new FakeTimeProvider();
        var bucket = new TokenBucket(5, 5, time);
        var rate = new AdaptiveRate(bucket, new Route53ClientOptions().AdaptiveRateOptions!, time);
        var account = new SimulatedAccountBucket(limit, burst, time);
        var (accepted, throttled) = (0, 0);
        var end = time.GetUtcNow() + TimeSpan.FromMinutes(10);
        while (time.GetUtcNow() < end)
        {
            time.Advance(bucket.Reserve());
            if (account.TryTake())
            {
                accepted++;
                rate.OnAccepted();
            }
            else
            {
                throttled++;
                rate.OnThrottled();
            }
        }

        var achieved = accepted / 600.0;
        Assert.InRange(achieved, limit * 0.95, limit + burst / 600.0 + 0.01);
        Assert.True(throttled < mostThrottled * (accepted + throttled), $"{throttled} of {accepted + throttled} requests throttled");
    }

    [Fact]
    public void The_client_adapts_by_default_and_keeps_a_fixed_rate_when_told_to()
    {
        var (time, credentials) = (new FakeTimeProvider(), new BasicAWSCredentials("AKIDEXAMPLE", "secret"));
        Assert.Equal(5, new Route53Client(new Route53ClientOptions(), credentials: credentials, time: time).RequestRate!.RequestsPerSecond);
        Assert.Null(new Route53Client(new Route53ClientOptions { AdaptiveRate = false }, credentials: credentials, time: time).RequestRate);
    }

    [Fact]
    public void Invalid_settings_are_refused_naming_the_setting()
    {
        var error = Assert.Throws<ArgumentException>(() => new AdaptiveRate(new TokenBucket(5, 5), Options with { DecreaseFactor = 1 }));
        Assert.Contains("DecreaseFactor", error.Message);
        error = Assert.Throws<ArgumentException>(() => new Route53ClientOptions { MaxRequestsPerSecond = 0.1 }.Validate());
        Assert.Contains("MaxRequestsPerSecond", error.Message);
    }

}
