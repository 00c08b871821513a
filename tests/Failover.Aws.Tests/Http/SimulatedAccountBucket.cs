namespace Failover.Aws.Tests.Http;

/// <summary>
/// Route 53's account-wide bucket as the realism layer models it ("Throttling for Amazon Route 53 API requests": a
/// request takes a token, and one that finds the bucket empty is answered <c>Throttling</c>). The tests that replay the
/// client against an account on a fake clock share it, so they all throttle by the same rule.
/// </summary>
internal sealed class SimulatedAccountBucket(double perSecond, int burst, TimeProvider time)
{
    private double _tokens = burst;
    private long _last = time.GetTimestamp();

    public bool TryTake()
    {
        var now = time.GetTimestamp();
        _tokens = Math.Min(burst, _tokens + time.GetElapsedTime(_last, now).TotalSeconds * perSecond);
        _last = now;
        if (_tokens < 1) return false;
        _tokens -= 1;
        return true;
    }
}
