using Failover.Core.Route53;

namespace Failover.Core.Planning;

/// <summary>What is left of a planned batch once the zone has been read again, and what stands in its way.</summary>
/// <param name="Batch">The changes still to submit; null when the zone already holds the batch's outcome.</param>
/// <param name="Conflicts">Record sets the batch would write over that the tree does not own: the batch must not go out.</param>
public sealed record BatchRemainder(ChangeBatch? Batch, IReadOnlyList<PlanConflict> Conflicts);

/// <summary>
/// Re-derives a planned change batch against the zone as it is now, so a layer that is run again — after a crash, a
/// lost answer, a Step Functions retry — submits only what still differs and never fails on a record it already made.
/// A batch is atomic in Route 53, so it is either wholly in the zone or not at all; what can differ is the zone around
/// it (someone else's record at a key, a record already deleted). The zone state is updated with the batch's effect,
/// so the next batch of the layer is checked against the zone as this one leaves it.
/// </summary>
public static class RemainingChanges
{
    public static BatchRemainder Of(ChangeBatch batch, IDictionary<RecordKey, ResourceRecordSet> zone, IReadOnlySet<RecordKey> owned)
    {
        var lastWrite = new Dictionary<RecordKey, ResourceRecordSet>();
        foreach (var change in batch.Changes)
            if (change.Action != ChangeAction.Delete) lastWrite[change.RecordSet.Key] = change.RecordSet;

        // A name+type group that switches routing policy deletes and re-creates a key in one batch; if the zone already
        // holds the new record there, the pair is done.
        var settled = lastWrite
            .Where(w => batch.Changes.Any(c => c.Action == ChangeAction.Delete && c.RecordSet.Key == w.Key)
                        && zone.TryGetValue(w.Key, out var current) && current.SameAs(w.Value))
            .Select(w => w.Key).ToHashSet();

        var remaining = new List<RecordChange>();
        var conflicts = new List<PlanConflict>();
        foreach (var change in batch.Changes)
        {
            var key = change.RecordSet.Key;
            if (settled.Contains(key)) continue;
            zone.TryGetValue(key, out var current);
            if (change.Action == ChangeAction.Delete)
            {
                // Gone already, or no longer ours (ownership is dropped only once a deletion went through, so a record
                // at the key now is someone else's): nothing to do either way.
                if (current is null || !owned.Contains(key)) continue;
                // Route 53 deletes only on an exact match: send the record as the zone holds it.
                remaining.Add(change with { RecordSet = current });
                zone.Remove(key);
                continue;
            }
            if (current is not null && current.SameAs(change.RecordSet)) continue;
            if (current is not null && !owned.Contains(key))
            {
                conflicts.Add(
                    new PlanConflict(key,
                    "the zone holds this record set now and the tree does not own it (written since the plan was made)"));
                continue;
            }
            // A record of ours at the key with other values (a retried layer after a partial run): overwrite it.
            var action = current is null ? change.Action : ChangeAction.Upsert;
            if (action == ChangeAction.Upsert && current is null) action = ChangeAction.Create;
            remaining.Add(change with { Action = action });
            zone[key] = change.RecordSet;
        }
        return new BatchRemainder(remaining.Count == 0 || conflicts.Count > 0 ? null : batch with { Changes = remaining }, conflicts);
    }
}
