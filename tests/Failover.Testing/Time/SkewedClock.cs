namespace Failover.Testing.Time;

/// <summary>
/// The system clock moved forward by a settable offset: the deployment's notion of "now" (the workflow functions, the
/// progress store, the run starter) can be jumped past a lock's expiry without waiting for it. Not a FakeTimeProvider:
/// the stack it runs must keep real time (its timers, Step Functions' waits), only later.
/// </summary>
public sealed class SkewedClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
