using Failover.Core.Route53;

namespace Failover.Core.Planning;

/// <summary>How much of a request's limits one change uses.</summary>
public readonly record struct ChangeCost(int ResourceRecords, int ValueCharacters)
{
    public static ChangeCost Of(RecordChange change)
    {
        var values = 0;
        foreach (var value in change.RecordSet.ResourceRecords) values += value.Length;
        // Route 53 counts an UPSERT's elements and characters twice: it is a delete and a create.
        var factor = change.Action == ChangeAction.Upsert ? 2 : 1;
        return new ChangeCost(change.RecordSet.ResourceRecords.Count * factor, values * factor);
    }
}

/// <summary>
/// Packs a layer's changes into ChangeResourceRecordSets requests within Route 53's limits, in order, first fit.
/// Changes that must be atomic (a name+type group switching routing policy: delete and create together) are packed
/// as one group and never split across requests.
/// </summary>
public static class ChangeBatchPacker
{
    /// <summary>Each change on its own may go to any request.</summary>
    public static IReadOnlyList<ChangeBatch> Pack(IReadOnlyList<RecordChange> changes, ChangeBatchLimits? limits = null) =>
        PackAtomicGroups(changes.Select(c => (IReadOnlyList<RecordChange>)[c]), limits);

    /// <summary>
    /// Each group lands whole in one request. A group bigger than the limits on its own gets a request to itself
    /// (Route 53 will refuse it; the validator's per-name limits keep real trees far from that).
    /// </summary>
    public static IReadOnlyList<ChangeBatch> PackAtomicGroups(IEnumerable<IReadOnlyList<RecordChange>> groups,
        ChangeBatchLimits? limits = null)
    {
        limits ??= ChangeBatchLimits.Route53;
        var batches = new List<ChangeBatch>();
        var current = new List<RecordChange>();
        int records = 0, characters = 0;

        foreach (var group in groups)
        {
            if (group.Count == 0) continue;
            int groupRecords = 0, groupCharacters = 0;
            foreach (var change in group)
            {
                var cost = ChangeCost.Of(change);
                groupRecords += cost.ResourceRecords;
                groupCharacters += cost.ValueCharacters;
            }

            var fits = records + groupRecords <= limits.MaxResourceRecords
                && characters + groupCharacters <= limits.MaxValueCharacters
                && current.Count + group.Count <= limits.MaxChanges;
            if (!fits && current.Count > 0)
            {
                batches.Add(new ChangeBatch(current));
                current = [];
                records = characters = 0;
            }
            current.AddRange(group);
            records += groupRecords;
            characters += groupCharacters;
        }
        if (current.Count > 0) batches.Add(new ChangeBatch(current));
        return batches;
    }
}
