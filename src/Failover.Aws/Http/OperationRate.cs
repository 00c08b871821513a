using Failover.Service.Ports.Route53;

namespace Failover.Aws.Http;

/// <summary>
/// The client's copy of one API operation's own bucket (Route 53: "Throttling for Amazon Route 53 API requests", a
/// bucket per operation besides the account's), so the operation's requests go at its rate and not the account's.
/// </summary>
/// <remarks>
/// A <c>Throttling</c> answer does not say which bucket was empty. When this operation's own pacing is what holds its
/// requests back (less than a token left once one was taken), the operation's bucket is the likely one: its rate is
/// cut, and the account's rate, which every other operation shares, is left alone. Otherwise the account's bucket is the
/// likely one and the caller cuts that. So 1,000 CreateHealthCheck throttles at 0.5/s no longer drag reads and record
/// changes down to the create rate. The rate adapts within [a tenth of the documented rate, the documented rate] by a
/// tenth of it a second: another tool creating checks in the account gets room, and nothing probes above a limit the
/// page states (a raised quota is configured, <c>Route53ClientOptions.OperationLimits</c>).
/// </remarks>
public sealed class OperationRate
{
    public OperationRate(string operation, OperationLimit limit, bool adaptive, TimeProvider? time = null)
    {
        limit.Validate(operation);
        Operation = operation;
        Limit = limit;
        Bucket = new TokenBucket(limit.PerSecond, limit.Burst, time);
        Adaptive = adaptive ? new AdaptiveRate(Bucket, AdaptiveOptions(limit), time) : null;
    }

    public string Operation { get; }
    public OperationLimit Limit { get; }
    public TokenBucket Bucket { get; }

    /// <summary>Null when the client's rates are fixed (<c>Route53ClientOptions.AdaptiveRate</c> off).</summary>
    public AdaptiveRate? Adaptive { get; }

    public static AdaptiveRateOptions AdaptiveOptions(OperationLimit limit) => new()
    {
        MinRequestsPerSecond = limit.PerSecond / 10, MaxRequestsPerSecond = limit.PerSecond, Increase = limit.PerSecond / 10,
    };

    /// <summary>Takes the operation's token, waiting as its rate requires; a read never goes into debt.</summary>
    public Task AcquireAsync(bool isRead, CancellationToken cancellationToken = default) =>
        isRead ? Bucket.AcquireReadAsync(cancellationToken) : Bucket.AcquireAsync(cancellationToken);

    /// <summary>Whether the operation's own pacing holds its requests back now: less than one token left.</summary>
    public bool IsBinding => Bucket.Balance < 1;

    public void OnAccepted() => Adaptive?.OnAccepted();

    /// <summary>A full bucket at the documented rate: the process's buckets outlive a measurement on a fresh account.</summary>
    public void Restart()
    {
        Bucket.Fill();
        Adaptive?.Resume(Limit.PerSecond);
    }

    /// <summary>
    /// The copy as of <paramref name="now"/> if a fresh process's would differ (not full, or refilling below the documented
    /// rate); else null. A debt left by a request that was never sent is no debt of Route 53's bucket: the balance kept is
    /// at least 0.
    /// </summary>
    public OperationBucket? Snapshot(DateTimeOffset now)
    {
        var (balance, rate) = (Bucket.Balance, Bucket.TokensPerSecond);
        return balance < Bucket.Burst || rate < Limit.PerSecond ? new OperationBucket(Operation, Math.Max(balance, 0), rate, now) : null;
    }

    /// <summary>
    /// Continues from the state a run's earlier step kept (another process): its rate, and at most its balance refilled at
    /// that rate until <paramref name="now"/>. A copy that holds less keeps what it holds (this process spent it since).
    /// </summary>
    public void Resume(OperationBucket kept, DateTimeOffset now)
    {
        if (!kept.IsUsable) return;
        Adaptive?.Resume(kept.PerSecond);
        Bucket.SpendDownTo(kept.BalanceAt(now, Bucket.Burst));
    }

    /// <summary>
    /// A request of this operation was throttled. True when this operation's bucket explains it (<paramref name="wasBinding"/>:
    /// its pacing was what held the request back) and its rate took the cut; false: the account's rate should.
    /// </summary>
    public bool OnThrottled(bool wasBinding)
    {
        if (!wasBinding)
        {
            // This copy held tokens, yet the service's bucket may be the empty one: another process of the account (a
            // second Lambda container, the CLI) spent it. Spend this copy too, so the operation's next requests go at its
            // rate and a throttle among them cuts that rate: else each of up to Burst requests sent on the copy's tokens
            // is throttled and cuts the account's rate (50 creates: 30 cuts of it, simulated).
            Bucket.Empty();
            return false;
        }
        Adaptive?.OnThrottled();
        return true;
    }
}
