namespace Failover.Local.Realism;

/// <summary>
/// Route 53's account-wide request rate as a token bucket: <c>burst</c> tokens, refilled at <c>perSecond</c>, one per
/// request; a request finding the bucket empty is answered <c>Throttling</c>. Time comes from the injected
/// <see cref="TimeProvider"/>, so tests decide when tokens come back.
/// </summary>
public sealed class RequestRateLimiter(TimeProvider time)
{
    private readonly Lock _gate = new();
    private RateLimitSettings _settings = new();
    private double _tokens = new RateLimitSettings().Burst;
    private long _lastRefill = time.GetTimestamp();

    /// <summary>Applies new limits; a changed limit (or <paramref name="restart"/>) starts from a full bucket.</summary>
    public void Configure(RateLimitSettings settings, bool restart = false)
    {
        lock (_gate)
        {
            if (settings == _settings && !restart) return;
            _settings = settings;
            _tokens = settings.Burst;
            _lastRefill = time.GetTimestamp();
        }
    }

    /// <summary>Takes a token when one is there; false means the request is over the rate.</summary>
    public bool TryAcquire()
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            var elapsed = time.GetElapsedTime(_lastRefill, now);
            _lastRefill = now;
            _tokens = Math.Min(_settings.Burst, _tokens + elapsed.TotalSeconds * _settings.PerSecond);
            if (_tokens < 1) return false;
            _tokens -= 1;
            return true;
        }
    }
}
