namespace Failover.Functions.Tests;

/// <summary>A clock that stands still at a chosen moment (timers still run on the system clock).</summary>
public sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
