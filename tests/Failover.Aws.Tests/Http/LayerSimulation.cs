using Failover.Aws.Http;
using Failover.Aws.Route53;
using Microsoft.Extensions.Time.Testing;

namespace Failover.Aws.Tests.Http;

/// <summary>
/// A health-check layer replayed on a fake clock, event by event: <see cref="Concurrency"/> units in flight
/// (LayerUnits), each a progress-table write (the lease renewal), CreateHealthCheck, ChangeTagsForResource and another
/// progress-table write (the node's id), in that order, as ApplyHealthChecksStep runs them. Every Route 53 request takes
/// a token from the client's real buckets (its operation's <see cref="OperationRate"/>, if any, then the account's
/// <see cref="TokenBucket"/>) and answers feed their real adaptive rates, as <see cref="AwsHttpTransport"/> does. The
/// account is <see cref="SimulatedAccount"/>: Route 53's buckets ("Throttling for Amazon Route 53 API requests": the
/// account's, 50 tokens and 10 a second, and per operation as <see cref="AccountOperations"/> says); a request that
/// finds one empty is answered <c>Throttling</c> and sent again after the transport's backoff (<see cref="RetryOptions"/>,
/// full jitter from a seeded source). <see cref="BackgroundSenders"/> send ChangeResourceRecordSets back to back while the
/// layer runs, the other work of a run. Nothing waits on the wall clock, so a run is the same every time.
/// </summary>
internal sealed class LayerSimulation
{
    public double AccountRate { get; init; } = 10;
    public int AccountBurst { get; init; } = 50;

    /// <summary>The account's per-operation buckets; none unless a test models them.</summary>
    public IReadOnlyDictionary<string, OperationLimit> AccountOperations { get; init; } = Route53OperationLimits.None;

    public int Concurrency { get; init; } = 4;
    public int Units { get; init; } = 300;
    public int BackgroundSenders { get; init; }

    /// <summary>From sending a Route 53 request to its answer.</summary>
    public TimeSpan RoundTrip { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>One progress-table write.</summary>
    public TimeSpan StoreWrite { get; init; } = TimeSpan.FromMilliseconds(30);

    /// <summary>The client's settings: the service's defaults without per-operation buckets unless a test says otherwise.</summary>
    public Route53ClientOptions Client { get; init; } = new() { OperationLimits = Route53OperationLimits.None };

    public int Seed { get; init; } = 1;

    /// <summary>
    /// The clock, Route 53's side and the client's copies of its per-operation buckets, when a test carries them from one
    /// run of the layer to the next (a run's steps, each a process of its own); fresh ones by default.
    /// </summary>
    public FakeTimeProvider? Time { get; init; }

    public SimulatedAccount? Account { get; init; }
    public OperationRates? Operations { get; init; }

    /// <summary>Tokens of the account's CreateHealthCheck bucket another process spent just before the layer starts.</summary>
    public int CreatesSpentElsewhere { get; init; }

    public static readonly string[] UnitOperations = ["CreateHealthCheck", "ChangeTagsForResource"];
    public static int RequestsPerUnit => UnitOperations.Length;

    /// <param name="Elapsed">Until the layer's last unit finished.</param>
    /// <param name="Accepted">The layer's requests Route 53 served.</param>
    /// <param name="Throttled">The layer's requests answered Throttling.</param>
    /// <param name="Cuts">Cuts of the account-wide rate.</param>
    /// <param name="BackgroundAccepted">Background requests served while the layer ran.</param>
    public sealed record Result(TimeSpan Elapsed, int Accepted, int Throttled, long Cuts, double EndRate, int BackgroundAccepted)
    {
        public double AchievedRate => Accepted / Elapsed.TotalSeconds;
        public double BackgroundRate => BackgroundAccepted / Elapsed.TotalSeconds;
    }

    public Result Run()
    {
        var time = Time ?? new FakeTimeProvider();
        if (time.TimestampFrequency != TimeSpan.TicksPerSecond) throw new InvalidOperationException("timestamps are not ticks");
        var start = time.GetTimestamp();
        var bucket = new TokenBucket(Client.RequestsPerSecond, Client.Burst, time, Client.EffectiveReadReserve);
        var rate = new AdaptiveRate(bucket, Client.AdaptiveRateOptions!, time);
        var operations = Operations ?? new OperationRates(Client.OperationLimits, Client.AdaptiveRate, time);
        var account = Account ?? new SimulatedAccount(AccountRate, AccountBurst, AccountOperations, time);
        for (var i = 0; i < CreatesSpentElsewhere; i++) account.TryTake(UnitOperations[0]);
        var jitter = new Random(Seed);
        var events = new PriorityQueue<Action, (long At, long Order)>();
        long order = 0;
        var (started, finished, accepted, throttled, background) = (0, 0, 0, 0, 0);
        var layerEnd = start;

        // FakeTimeProvider's timestamps are ticks, so a delay is its ticks and the queue orders events exactly.
        void After(TimeSpan delay, Action action) => events.Enqueue(action, (time.GetTimestamp() + delay.Ticks, order++));

        void StartUnit()
        {
            if (started == Units) return;
            started++;
            After(StoreWrite, () => Send(UnitOperations[0], 1, ok =>
                After(TimeSpan.Zero, () => Send(UnitOperations[1], 1, _ => After(StoreWrite, () =>
                {
                    if (++finished == Units) layerEnd = time.GetTimestamp();
                    StartUnit();
                })))));
        }

        void SendBackground()
        {
            if (finished < Units) Send("ChangeResourceRecordSets", 1, _ => SendBackground(), isLayer: false);
        }

        // As AwsHttpTransport.AttemptAsync: the operation's bucket, then the account's; the answer feeds the rates.
        void Send(string name, int attempt, Action<bool> then, bool isLayer = true)
        {
            var operation = operations.For(name);
            After(operation?.Bucket.Reserve() ?? TimeSpan.Zero, () =>
            {
                var bound = operation?.IsBinding ?? false;
                After(bucket.Reserve(), () =>
                {
                    var answered = account.TryTake(name);
                    After(RoundTrip, () =>
                    {
                        if (!answered)
                        {
                            if (isLayer) throttled++;
                            if (operation?.OnThrottled(bound) != true) rate.OnThrottled();
                            After(Client.Retry.Delay(attempt, jitter.NextDouble()), () => Send(name, attempt + 1, then, isLayer));
                            return;
                        }
                        if (isLayer) accepted++;
                        else if (finished < Units) background++;
                        rate.OnAccepted();
                        operation?.OnAccepted();
                        then(true);
                    });
                });
            });
        }

        for (var i = 0; i < Concurrency; i++) StartUnit();
        for (var i = 0; i < BackgroundSenders; i++) SendBackground();
        while (events.TryDequeue(out var action, out var at))
        {
            var now = time.GetTimestamp();
            if (at.At > now) time.Advance(TimeSpan.FromTicks(at.At - now));
            action();
        }
        return new Result(time.GetElapsedTime(start, layerEnd), accepted, throttled, rate.Decreases, rate.RequestsPerSecond,
            background);
    }
}
