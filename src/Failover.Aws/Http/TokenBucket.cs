using Failover.Service.Ports;
namespace Failover.Aws.Http;

/// <summary>
/// A client-side token bucket: <see cref="TokensPerSecond"/> refill, up to <see cref="Burst"/> saved. Each caller takes
/// its token at once (the balance may go negative) and waits until its share of the debt is repaid, so callers are
/// served in arrival order with a single wait each. Waiting goes through the <see cref="TimeProvider"/>.
/// </summary>
public sealed class TokenBucket
{
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private double _tokens;
    private long _lastRefill;

    public TokenBucket(double tokensPerSecond, int burst, TimeProvider? time = null)
    {
        if (!(tokensPerSecond > 0) || double.IsInfinity(tokensPerSecond))
            throw new ArgumentOutOfRangeException(nameof(tokensPerSecond), tokensPerSecond,
                "The rate must be a positive number of tokens per second.");
        if (burst < 1)
            throw new ArgumentOutOfRangeException(nameof(burst), burst, "The burst must be at least 1.");
        TokensPerSecond = tokensPerSecond;
        Burst = burst;
        _time = time ?? TimeProvider.System;
        _tokens = burst;
        _lastRefill = _time.GetTimestamp();
    }

    public double TokensPerSecond { get; }
    public int Burst { get; }

    /// <summary>Takes one token, waiting as long as the rate requires.</summary>
    public Task AcquireAsync(CancellationToken cancellationToken = default)
    {
        var wait = Reserve();
        return wait <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(wait, _time, cancellationToken);
    }

    /// <summary>Takes one token and returns how long the caller must wait before using it.</summary>
    public TimeSpan Reserve()
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            var elapsed = _time.GetElapsedTime(_lastRefill, now);
            _lastRefill = now;
            _tokens = Math.Min(Burst, _tokens + elapsed.TotalSeconds * TokensPerSecond);
            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / TokensPerSecond);
        }
    }
}
