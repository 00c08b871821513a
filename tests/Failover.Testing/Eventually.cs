using System.Diagnostics;

namespace Failover.Testing;

/// <summary>
/// Waiting for something the system does on its own time — a run ending, a report stored, a message arriving: read,
/// test, pause, read again, for a bounded time, so a condition never reached fails (or ends a count) instead of hanging
/// the suite. The bound is patience, not a speed check.
/// </summary>
public static class Eventually
{
    /// <summary>
    /// Reads until <paramref name="done"/> holds of what was read and returns it; once <paramref name="within"/> has
    /// passed, throws a <see cref="TimeoutException"/> naming <paramref name="what"/> and the last value read.
    /// </summary>
    public static async Task<T> ReachAsync<T>(string what, Func<CancellationToken, Task<T>> read, Func<T, bool> done,
        TimeSpan within, TimeSpan every, CancellationToken cancellationToken = default)
    {
        var polled = await PollAsync(read, done, within, every, cancellationToken);
        return polled.Reached
            ? polled.Value
            : throw new TimeoutException(
                $"{what}: not reached within {within.TotalSeconds:0.#} s; last read:{Environment.NewLine}{polled.Value}");
    }

    /// <summary>
    /// Reads until <paramref name="done"/> holds or <paramref name="within"/> has passed, pausing <paramref name="every"/>
    /// between reads (zero for reads that wait themselves, such as an SQS long poll); returns the last value either way.
    /// </summary>
    public static async Task<Polled<T>> PollAsync<T>(Func<CancellationToken, Task<T>> read, Func<T, bool> done,
        TimeSpan within, TimeSpan every, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var value = await read(cancellationToken);
            if (done(value)) return new Polled<T>(value, Reached: true);
            if (Stopwatch.GetElapsedTime(started) >= within) return new Polled<T>(value, Reached: false);
            if (every > TimeSpan.Zero) await Task.Delay(every, cancellationToken);
        }
    }
}

/// <summary>The last value <see cref="Eventually.PollAsync{T}"/> read, and whether the condition held of it.</summary>
public readonly record struct Polled<T>(T Value, bool Reached);
