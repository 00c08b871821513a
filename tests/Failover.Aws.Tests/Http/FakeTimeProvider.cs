namespace Failover.Aws.Tests.Http;

/// <summary>
/// A clock that never waits: a timer moves the clock forward by its due time and fires at once, and every wait is
/// recorded, so backoff and rate-limit tests run instantly and can assert the delays taken.
/// </summary>
public sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = start;
    private readonly List<TimeSpan> _delays = [];

    public FakeTimeProvider() : this(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)) { }

    public IReadOnlyList<TimeSpan> Delays
    {
        get { lock (_gate) return _delays.ToList(); }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public void Advance(TimeSpan by)
    {
        lock (_gate) _now += by;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime == Timeout.InfiniteTimeSpan) return new FiredTimer();
        lock (_gate)
        {
            _delays.Add(dueTime);
            _now += dueTime;
        }
        // Fired off the caller's stack: Task.Delay stores its timer after CreateTimer returns.
        ThreadPool.QueueUserWorkItem(_ => callback(state));
        return new FiredTimer();
    }

    private sealed class FiredTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => false;
        public void Dispose() { }
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
