using Microsoft.Extensions.Time.Testing;

namespace Failover.Testing.Time;

/// <summary>
/// A <see cref="FakeTimeProvider"/> whose timers fire at once: each timer moves the clock forward by its due time, and
/// every wait is recorded, so backoff and rate-limit tests run instantly and can assert the delays taken. The one
/// thing FakeTimeProvider does not do itself (its timers wait for <see cref="FakeTimeProvider.Advance"/>).
/// </summary>
public sealed class InstantTimeProvider : FakeTimeProvider
{
    public static readonly DateTimeOffset DefaultStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _delays = [];

    public InstantTimeProvider() : this(DefaultStart)
    {
    }

    public InstantTimeProvider(DateTimeOffset start) : base(start)
    {
    }

    /// <summary>The due time of every timer created, in order.</summary>
    public IReadOnlyList<TimeSpan> Delays
    {
        get { lock (_gate) return _delays.ToList(); }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime == Timeout.InfiniteTimeSpan) return timer;
        lock (_gate) _delays.Add(dueTime);
        // Moved off the caller's stack: Task.Delay keeps its timer only once CreateTimer has returned.
        ThreadPool.QueueUserWorkItem(_ => Advance(dueTime));
        return timer;
    }
}
