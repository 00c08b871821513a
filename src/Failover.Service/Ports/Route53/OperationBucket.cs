namespace Failover.Service.Ports.Route53;

/// <summary>
/// One Route 53 operation's bucket as a client's copy held it at <see cref="At"/>: <see cref="Balance"/> tokens, refilling
/// at <see cref="PerSecond"/> (Developer Guide, "Throttling for Amazon Route 53 API requests": a bucket per operation besides
/// the account's, throttled when empty). What one step of a run hands to the next (<see cref="Workflow.RunRequestRate"/>).
/// </summary>
public sealed record OperationBucket(string Operation, double Balance, double PerSecond, DateTimeOffset At)
{
    /// <summary>
    /// Finite numbers, a balance of at least 0 and a positive rate: a kept state anything else is ignored (the copy stays as
    /// it is). Route 53's bucket holds no debt, and a step keeps none (<c>OperationRate.Snapshot</c>): a negative balance is
    /// a damaged item, and resumed it would be a debt the next step's writes wait out (-1,000 tokens: 2,000 s a create).
    /// </summary>
    public bool IsUsable =>
        Operation.Length > 0 && double.IsFinite(Balance) && Balance >= 0 && PerSecond > 0 && double.IsFinite(PerSecond);

    /// <summary>
    /// The most the bucket can hold at <paramref name="now"/>: the balance refilled at the kept rate for the time since,
    /// never above <paramref name="burst"/>. A kept time in the future counts as now: two Lambda processes' clocks differ,
    /// and a copy that believes it holds more than Route 53's bucket sends into throttles, while one that holds less only
    /// waits a little longer.
    /// </summary>
    public double BalanceAt(DateTimeOffset now, int burst)
    {
        var since = Math.Max(0, (now - At).TotalSeconds);
        return Math.Min(burst, Balance + since * PerSecond);
    }
}
