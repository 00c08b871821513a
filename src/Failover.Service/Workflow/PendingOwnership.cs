using System.Text.Json;
using Failover.Core.Contracts;
using Failover.Core.Route53;
using Failover.Service.Ports.Route53;
using Failover.Service.Ports.Store;

namespace Failover.Service.Workflow;

/// <summary>
/// Pending ownership: a record set a change is about to create is claimed pending, with the text of what the change
/// writes, and owned only once Route 53 accepted the change. A function that dies in between leaves the claim pending;
/// whoever acts on the tree next (the retried layer, the next run's plan, a rollback) settles it against the zone:
/// the zone holding exactly what the change wrote means it landed (a change batch is atomic: all of it or none), so the
/// record is the tree's; anything else there is someone else's, and nothing there is nobody's. Either way the pending
/// claim never lets a rollback or a teardown delete a record the tree did not create.
/// </summary>
public static class PendingOwnership
{
    /// <summary>The text a pending claim keeps of the record set its change writes.</summary>
    public static string Text(ResourceRecordSet record) =>
        JsonSerializer.Serialize(PlanJson.ToShape(record), FailoverJson.Default.ResourceRecordSetShape);

    /// <summary>Claims pending ownership of what <paramref name="writes"/> create in a hosted zone (spelled out, as the store keeps
    /// it).</summary>
    public static Task ClaimAsync(IProgressStore store, string tree, string hostedZoneId, IEnumerable<ResourceRecordSet> writes,
        CancellationToken cancellationToken) =>
        store.AddPendingOwnedRecordsAsync(tree, hostedZoneId,
            writes.GroupBy(r => r.Key.WithoutZone).ToDictionary(g => g.Key, g => Text(g.Last())), cancellationToken);

    /// <summary>
    /// Settles every pending claim of the tree against the zone it was made in: owned where the zone holds exactly what its
    /// change wrote, dropped otherwise. Only the run holding the tree's lock calls this, so no change of the tree is in
    /// flight.
    /// </summary>
    public static async Task SettleAsync(IRoute53 route53, IProgressStore store, string tree, string hostedZoneId,
        CancellationToken cancellationToken)
    {
        var pending = await store.GetPendingOwnedRecordsAsync(tree, cancellationToken).ConfigureAwait(false);
        if (pending.Count == 0) return;
        // A pending key names its zone; one kept before zones were part of the key is in the tree's.
        foreach (var inZone in pending.GroupBy(p => p.Key.Zone ?? hostedZoneId, StringComparer.Ordinal))
        {
            var names = inZone.Select(p => p.Key.Name).Distinct(StringComparer.Ordinal).ToList();
            var zone = new Dictionary<RecordKey, ResourceRecordSet>();
            foreach (var record in await route53.ListResourceRecordSetsAtNamesAsync(inZone.Key, names,
                         cancellationToken: cancellationToken).ConfigureAwait(false))
                zone[record.Key] = record;

            var landed = inZone.Where(p => zone.TryGetValue(p.Key.WithoutZone, out var there) && Wrote(p.Value, there))
                .Select(p => p.Key).ToList();
            var dropped = inZone.Select(p => p.Key).Except(landed).ToList();
            if (landed.Count > 0) await store.AddOwnedRecordsAsync(tree, null, landed, cancellationToken).ConfigureAwait(false);
            if (dropped.Count > 0) await store.RemoveOwnedRecordsAsync(tree, dropped, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool Wrote(string pendingText, ResourceRecordSet there)
    {
        var shape = JsonSerializer.Deserialize(pendingText, FailoverJson.Default.ResourceRecordSetShape);
        return shape is not null && PlanJson.ToRecordSet(shape, "pending").SameAs(there);
    }
}
