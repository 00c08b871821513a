using Failover.Aws.Http;
using Failover.Aws.Route53;
using Microsoft.Extensions.Time.Testing;

namespace Failover.Aws.Tests.Http;

/// <summary>
/// A health-check layer replayed on a fake clock, event by event: <see cref="Concurrency"/> units in flight
/// (LayerUnits), each a progress-table write (the lease renewal), CreateHealthCheck, ChangeTagsForResource and another
/// progress-table write (the node's id), in that order, as ApplyHealthChecksStep runs them. Every Route 53 request takes
/// a token from the client's real <see cref="TokenBucket"/> and answers feed its real <see cref="AdaptiveRate"/>; the
/// account is a token bucket of <see cref="AccountRate"/> and <see cref="AccountBurst"/>, as the realism layer's
/// RequestRateLimiter models Route 53's ("Throttling for Amazon Route 53 API requests": the account-level bucket, 50
/// tokens, 10 refilled a second); a request that finds it empty is answered <c>Throttling</c> and sent again after the
/// transport's backoff (<see cref="RetryOptions"/>, full jitter from a seeded source). Nothing waits on the wall clock,
/// so a run is the same every time.
/// </summary>
internal sealed class LayerSimulation
{
    public double AccountRate { get; init; } = 10;
    public int AccountBurst { get; init; } = 50;
    public int Concurrency { get; init; } = 4;
    public int Units { get; init; } = 300;

    /// <summary>From sending a Route 53 request to its answer.</summary>
    public TimeSpan RoundTrip { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>One progress-table write.</summary>
    public TimeSpan StoreWrite { get; init; } = TimeSpan.FromMilliseconds(30);

    /// <summary>The client's settings; the service's defaults unless a test says otherwise.</summary>
    public Route53ClientOptions Client { get; init; } = new();

    public int Seed { get; init; } = 1;

    public const int RequestsPerUnit = 2;

    public sealed record Result(TimeSpan Elapsed, int Accepted, int Throttled, long Cuts, double EndRate)
    {
        public double AchievedRate => Accepted / Elapsed.TotalSeconds;
    }

    public Result Run()
    {
        var time = new FakeTimeProvider();
        if (time.TimestampFrequency != TimeSpan.TicksPerSecond) throw new InvalidOperationException("timestamps are not ticks");
        var start = time.GetTimestamp();
        var bucket = new TokenBucket(Client.RequestsPerSecond, Client.Burst, time, Client.EffectiveReadReserve);
        var rate = new AdaptiveRate(bucket, Client.AdaptiveRateOptions!, time);
        var account = new SimulatedAccountBucket(AccountRate, AccountBurst, time);
        var jitter = new Random(Seed);
        var events = new PriorityQueue<Action, (long At, long Order)>();
        long order = 0;
        var (started, accepted, throttled) = (0, 0, 0);

        // FakeTimeProvider's timestamps are ticks, so a delay is its ticks and the queue orders events exactly.
        void After(TimeSpan delay, Action action) => events.Enqueue(action, (time.GetTimestamp() + delay.Ticks, order++));

        void StartUnit()
        {
            if (started == Units) return;
            started++;
            After(StoreWrite, () => Send(0, 1));
        }

        void Send(int request, int attempt) => After(bucket.Reserve(), () =>
        {
            var answered = account.TryTake();
            After(RoundTrip, () =>
            {
                if (!answered)
                {
                    throttled++;
                    rate.OnThrottled();
                    After(Client.Retry.Delay(attempt, jitter.NextDouble()), () => Send(request, attempt + 1));
                    return;
                }
                accepted++;
                rate.OnAccepted();
                if (request + 1 < RequestsPerUnit) Send(request + 1, 1);
                else After(StoreWrite, StartUnit);
            });
        });

        for (var i = 0; i < Concurrency; i++) StartUnit();
        while (events.TryDequeue(out var action, out var at))
        {
            var now = time.GetTimestamp();
            if (at.At > now) time.Advance(TimeSpan.FromTicks(at.At - now));
            action();
        }
        return new Result(time.GetElapsedTime(start), accepted, throttled, rate.Decreases, rate.RequestsPerSecond);
    }

}
