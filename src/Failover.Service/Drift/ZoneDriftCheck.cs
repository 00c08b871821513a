using Failover.Service.Ports.Route53;

namespace Failover.Service.Drift;

/// <summary>
/// What one drift message came to: each tree's result, the trees whose check failed (the message goes back to the
/// queue), and the Route 53 requests the message's reads made.
/// </summary>
public sealed record ZoneDriftResult(
    string? HostedZoneId, IReadOnlyList<DriftCheckResult> Results, IReadOnlyList<ZoneDriftFailure> Failures, DriftRequestCounts Requests)
{
    public ZoneRecordsRead? RecordsRead { get; init; }

    public ZoneChecksRead? ChecksRead { get; init; }
}

public sealed record ZoneDriftFailure(string Tree, Exception Error);

/// <summary>
/// The drift check of a message's trees, all in one hosted zone: each tree is loaded from the progress store (skipped as
/// the per-tree check skips it), the zone and the account's health checks are read once for all of them
/// (<see cref="ZoneSnapshotReader"/>), each tree is read again from the store — one that changed or is held by a run
/// since the first read is skipped, its view of the snapshot being a half-applied tree — and then detected, repaired
/// and reported by the per-tree check's own code (<see cref="TreeDriftCheck"/>). A repair still starts the tree's own
/// locked run with the last run the check saw, which refuses it if the tree moved on.
/// A tree of another zone than the message's (its current version moved) is checked alone, as a per-tree message is; so
/// is a tree attached in other zones too (scheduled with its first zone's trees): its check reads each of its zones.
/// </summary>
public sealed class ZoneDriftCheck(TreeDriftCheck check, IRoute53 route53, DriftMetrics metrics, TimeProvider time)
{
    public async Task<ZoneDriftResult> RunAsync(DriftWorkOrder order, CancellationToken cancellationToken = default)
    {
        var results = new List<DriftCheckResult>();
        var failures = new List<ZoneDriftFailure>();
        var requests = new DriftRequestCounts();
        var prepared = new List<PreparedTree>();
        var alone = new List<string>();
        foreach (var tree in order.Trees.Distinct(StringComparer.Ordinal))
        {
            try
            {
                var (ready, skipped) = await check.PrepareAsync(tree, cancellationToken).ConfigureAwait(false);
                if (skipped is not null) results.Add(skipped);
                else if (order.HostedZoneId is null || ready!.Spec.HostedZoneId != order.HostedZoneId || ready.SpansZones) alone.Add(tree);
                else prepared.Add(ready);
            }
            catch (DriftCheckException failed)
            {
                failures.Add(new ZoneDriftFailure(tree, failed));
            }
        }

        ZoneDriftSnapshot? snapshot = null;
        if (prepared.Count > 0)
        {
            try
            {
                snapshot = await new ZoneSnapshotReader(route53) { Alarms = check.Alarms }
                    .ReadAsync(order.HostedZoneId!, prepared, cancellationToken).ConfigureAwait(false);
            }
            catch (NoSuchHostedZoneException gone)
            {
                failures.AddRange(prepared.Select(t => new ZoneDriftFailure(t.Name, TreeDriftCheck.ZoneGone(t, gone))));
            }
        }
        if (snapshot is not null)
        {
            foreach (var (operation, count) in snapshot.Requests.ByOperation) requests.Add(operation, count);
            foreach (var tree in prepared)
            {
                try
                {
                    if (await check.ChangedSinceAsync(tree, cancellationToken).ConfigureAwait(false) is { } changed)
                        results.Add(changed);
                    else
                        results.Add(await check.FinishAsync(tree, snapshot.Observations[tree.Name], cancellationToken)
                            .ConfigureAwait(false));
                }
                catch (DriftCheckException failed)
                {
                    failures.Add(new ZoneDriftFailure(tree.Name, failed));
                }
            }
        }

        foreach (var tree in alone)
        {
            try
            {
                results.Add(await check.RunAsync(tree, cancellationToken).ConfigureAwait(false));
            }
            catch (DriftCheckException failed)
            {
                failures.Add(new ZoneDriftFailure(tree, failed));
            }
        }
        metrics.WriteRequests(order.HostedZoneId, order.Trees.Count, requests, time.GetUtcNow());
        return new ZoneDriftResult(order.HostedZoneId, results, failures, requests)
        {
            RecordsRead = snapshot?.Records, ChecksRead = snapshot?.Checks,
        };
    }
}
