using Failover.Service.Ports;
namespace Failover.Aws.Http;

/// <summary>
/// A client-side token bucket: <see cref="TokensPerSecond"/> refill, up to <see cref="Burst"/> saved. A write takes its
/// token at once (the balance may go negative) and waits until its share of the debt is repaid, so writes are served in
/// arrival order with a single wait each. A read yields to writes: it takes a token only while the bucket holds more
/// than <see cref="ReadReserve"/> and never goes into debt, so reads queued behind each other (a dashboard left open,
/// plans, drift checks) never delay a write that comes after them. Waiting goes through the <see cref="TimeProvider"/>.
/// </summary>
public sealed class TokenBucket
{
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private double _tokens;
    private long _lastRefill;
    private double _tokensPerSecond;
    private long _taken;

    /// <param name="readReserve">Tokens only writes may use (0 to <paramref name="burst"/> - 1).</param>
    public TokenBucket(double tokensPerSecond, int burst, TimeProvider? time = null, int readReserve = 0)
    {
        if (!(tokensPerSecond > 0) || double.IsInfinity(tokensPerSecond))
            throw new ArgumentOutOfRangeException(nameof(tokensPerSecond), tokensPerSecond,
                "The rate must be a positive number of tokens per second.");
        if (burst < 1)
            throw new ArgumentOutOfRangeException(nameof(burst), burst, "The burst must be at least 1.");
        if (readReserve < 0 || readReserve >= burst)
            throw new ArgumentOutOfRangeException(nameof(readReserve), readReserve,
                $"The read reserve must be at least 0 and below the burst ({burst}): reads need a token to themselves.");
        _tokensPerSecond = tokensPerSecond;
        Burst = burst;
        ReadReserve = readReserve;
        _time = time ?? TimeProvider.System;
        _tokens = burst;
        _lastRefill = _time.GetTimestamp();
    }

    /// <summary>The refill rate; <see cref="SetRate"/> changes it (<see cref="AdaptiveRate"/> does).</summary>
    public double TokensPerSecond
    {
        get
        {
            lock (_gate) return _tokensPerSecond;
        }
    }

    /// <summary>Refills at <paramref name="tokensPerSecond"/> from now on; what was refilled until now stays.</summary>
    public void SetRate(double tokensPerSecond)
    {
        if (!(tokensPerSecond > 0) || double.IsInfinity(tokensPerSecond))
            throw new ArgumentOutOfRangeException(nameof(tokensPerSecond), tokensPerSecond,
                "The rate must be a positive number of tokens per second.");
        lock (_gate)
        {
            Refill();
            _tokensPerSecond = tokensPerSecond;
        }
    }
    public int Burst { get; }

    /// <summary>Full again, as after a long quiet spell (a measurement that starts on a fresh account).</summary>
    public void Fill()
    {
        lock (_gate)
        {
            Refill();
            _tokens = Burst;
        }
    }

    /// <summary>
    /// Nothing left to spend (a debt stays as it is): the service's copy of the bucket proved empty while this copy
    /// still held tokens.
    /// </summary>
    public void Empty() => SpendDownTo(0);

    /// <summary>
    /// At most <paramref name="tokens"/> left (a lower balance or a debt stays as it is): the service's bucket is known to
    /// hold no more, as a run's earlier step left it (<see cref="OperationRate.Resume"/>).
    /// </summary>
    public void SpendDownTo(double tokens)
    {
        lock (_gate)
        {
            Refill();
            _tokens = Math.Min(_tokens, tokens);
        }
    }

    /// <summary>Tokens taken since the bucket was made, by writes and reads alike.</summary>
    public long Taken
    {
        get
        {
            lock (_gate) return _taken;
        }
    }

    /// <summary>Tokens in the bucket now (below 0 while writes wait for theirs).</summary>
    public double Balance
    {
        get
        {
            lock (_gate)
            {
                Refill();
                return _tokens;
            }
        }
    }

    /// <summary>The tokens a read leaves in the bucket for writes.</summary>
    public int ReadReserve { get; }

    /// <summary>Takes one token for a write, waiting as long as the rate requires.</summary>
    public Task AcquireAsync(CancellationToken cancellationToken = default)
    {
        var wait = Reserve();
        return wait <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(wait, _time, cancellationToken);
    }

    /// <summary>Takes one token for a write and returns how long the caller must wait before using it.</summary>
    public TimeSpan Reserve()
    {
        lock (_gate)
        {
            Refill();
            _tokens -= 1;
            _taken++;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _tokensPerSecond);
        }
    }

    /// <summary>Takes one token for a read once the bucket holds more than <see cref="ReadReserve"/>, waiting until then.</summary>
    public async Task AcquireReadAsync(CancellationToken cancellationToken = default)
    {
        // A write that arrives while a read waits goes first; the read then waits again for what is left.
        while (TryTakeRead() is var wait && wait > TimeSpan.Zero)
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes a token for a read if one is above the reserve (answers zero); else how long until one will be.</summary>
    public TimeSpan TryTakeRead()
    {
        lock (_gate)
        {
            Refill();
            // The tolerance absorbs the rounding of a wait computed from the same balance.
            if (_tokens - 1 >= ReadReserve - 1e-9)
            {
                _tokens -= 1;
                _taken++;
                return TimeSpan.Zero;
            }
            return TimeSpan.FromSeconds(Math.Max(ReadReserve + 1 - _tokens, 1e-3) / _tokensPerSecond);
        }
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_lastRefill, now);
        _lastRefill = now;
        _tokens = Math.Min(Burst, _tokens + elapsed.TotalSeconds * _tokensPerSecond);
    }
}
