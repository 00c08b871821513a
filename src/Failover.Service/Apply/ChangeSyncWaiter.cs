using Failover.Service.Ports.Route53;

namespace Failover.Service.Apply;

/// <summary>
/// Waits until Route 53 reports changes INSYNC (propagated to every authoritative server), polling GetChange on the
/// injected clock. Called once per run, after the last layer: waiting between layers would buy nothing, since an alias
/// target only has to exist, not to have propagated.
/// </summary>
public sealed class ChangeSyncWaiter(IRoute53 route53, TimeProvider time)
{
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <returns>How many GetChange calls it took.</returns>
    public async Task<int> WaitAsync(IEnumerable<string> changeIds, CancellationToken cancellationToken = default)
    {
        var pending = new Queue<string>(changeIds.Distinct(StringComparer.Ordinal));
        var started = time.GetUtcNow();
        var polls = 0;
        while (pending.Count > 0)
        {
            // Changes to a zone propagate in order, so the newest one is the last to go INSYNC: ask about it first and
            // the older ones cost one call each only once it is done.
            var newest = pending.Last();
            polls++;
            var change = await route53.GetChangeAsync(newest, cancellationToken).ConfigureAwait(false);
            if (change.IsInSync)
            {
                pending = new Queue<string>(pending.Where(id => id != newest));
                continue;
            }
            if (time.GetUtcNow() - started > Timeout)
                throw new TimeoutException($"Route 53 change {newest} was still {change.Status} after {Timeout.TotalSeconds:0} s");
            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
        return polls;
    }
}
