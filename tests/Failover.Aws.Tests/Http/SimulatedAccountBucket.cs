namespace Failover.Aws.Tests.Http;

/// <summary>
/// Route 53's account-wide bucket as the realism layer models it ("Throttling for Amazon Route 53 API requests": a
/// request takes a token, and one that finds the bucket empty is answered <c>Throttling</c>). The tests that replay the
/// client against an account on a fake clock share it, so they all throttle by the same rule; <see cref="SimulatedAccount"/>
/// uses it for the per-operation buckets too.
/// </summary>
internal sealed class SimulatedAccountBucket(double perSecond, int burst, TimeProvider time)
{
    private double _tokens = burst;
    private long _last = time.GetTimestamp();

    public bool TryTake()
    {
        if (!HasToken()) return false;
        Take();
        return true;
    }

    /// <summary>Whether a token is there now (refilled up to now), without taking it.</summary>
    public bool HasToken()
    {
        var now = time.GetTimestamp();
        _tokens = Math.Min(burst, _tokens + time.GetElapsedTime(_last, now).TotalSeconds * perSecond);
        _last = now;
        return _tokens >= 1;
    }

    /// <summary>Takes the token <see cref="HasToken"/> found.</summary>
    public void Take() => _tokens -= 1;
}
