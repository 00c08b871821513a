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

    /// <summary>The cost of a group of changes that goes into one request.</summary>
    public static ChangeCost Of(IReadOnlyList<RecordChange> group)
    {
        int records = 0, characters = 0;
        for (var i = 0; i < group.Count; i++)
        {
            var cost = Of(group[i]);
            records += cost.ResourceRecords;
            characters += cost.ValueCharacters;
        }
        return new ChangeCost(records, characters);
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
        var filler = new BatchFiller(limits ?? ChangeBatchLimits.Route53);
        foreach (var group in groups) filler.Add(group, ChangeCost.Of(group));
        return filler.Finish();
    }
}

/// <summary>
/// Fills requests in order, first fit: a group goes whole into the current request, or opens the next one. Shared by
/// <see cref="ChangeBatchPacker"/> and <see cref="RecordLayerPacker"/>, which hands in costs it computed beforehand.
/// </summary>
internal sealed class BatchFiller(ChangeBatchLimits limits)
{
    private readonly List<ChangeBatch> _batches = [];
    private List<RecordChange> _current = [];
    private int _records, _characters;

    /// <summary>The zone of the requests filled from now on (null: the plan's own); call <see cref="Flush"/> first.</summary>
    public string? Zone { get; set; }

    public void Add(IReadOnlyList<RecordChange> group, ChangeCost cost)
    {
        if (group.Count == 0) return;
        MakeRoom(group.Count, cost);
        _current.AddRange(group);
    }

    /// <summary>A change on its own (a deletion): the same as a group of one, without making the group.</summary>
    public void Add(RecordChange change, ChangeCost cost)
    {
        MakeRoom(1, cost);
        _current.Add(change);
    }

    private void MakeRoom(int changes, ChangeCost cost)
    {
        var fits = _records + cost.ResourceRecords <= limits.MaxResourceRecords
            && _characters + cost.ValueCharacters <= limits.MaxValueCharacters
            && _current.Count + changes <= limits.MaxChanges;
        if (!fits) Flush();
        _records += cost.ResourceRecords;
        _characters += cost.ValueCharacters;
    }

    /// <summary>Closes the current request, if it holds anything.</summary>
    public void Flush()
    {
        if (_current.Count == 0) return;
        _batches.Add(new ChangeBatch(_current) { HostedZoneId = Zone });
        _current = [];
        _records = _characters = 0;
    }

    public List<ChangeBatch> Finish()
    {
        Flush();
        return _batches;
    }
}
