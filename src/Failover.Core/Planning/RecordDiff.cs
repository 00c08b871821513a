using Failover.Core.Compilation;
using Failover.Core.Route53;

namespace Failover.Core.Planning;

/// <summary>The record changes of a plan before packing: creates and updates by level, deletions by actual level.</summary>
internal sealed class RecordDiffResult
{
    public List<PlanConflict> Conflicts { get; } = [];
    /// <summary>Level → groups of changes; each group must land in one request.</summary>
    public SortedDictionary<int, List<IReadOnlyList<RecordChange>>> Writes { get; } = [];
    /// <summary>Level of the record in the zone → its deletion.</summary>
    public SortedDictionary<int, List<RecordChange>> Deletes { get; } = [];
    /// <summary>Record sets written (created or upserted) that did not exist.</summary>
    public int Created { get; set; }
    /// <summary>Existing owned record sets written anew (UPSERT, or deleted and re-created in one batch).</summary>
    public HashSet<RecordKey> Replaced { get; } = [];
    public HashSet<RecordKey> Deleted { get; } = [];
    /// <summary>Owned record sets the zone holds now.</summary>
    public HashSet<RecordKey> Existing { get; } = [];
}

/// <summary>
/// Compares desired record sets with the zone, name+type group by group. Records the tree does not own are never
/// touched: a group that holds any of them is a conflict.
/// </summary>
internal static class RecordDiff
{
    public static RecordDiffResult Compare(string tree, IReadOnlyList<DesiredRecord> desired, ActualState actual)
    {
        var result = new RecordDiffResult();
        var actualByKey = new Dictionary<RecordKey, ResourceRecordSet>();
        // A name is a place within one zone: the same name in another zone is another place (a tree may answer in both).
        var actualByName = new Dictionary<(string? Zone, string Name), List<ResourceRecordSet>>(NameInZone.Comparer);
        foreach (var record in actual.Records)
        {
            if (!actualByKey.TryAdd(record.Key, record)) continue;
            if (!actualByName.TryGetValue((record.Zone, record.Name), out var list)) actualByName[(record.Zone, record.Name)] = list = [];
            list.Add(record);
            if (actual.OwnedRecords.Contains(record.Key)) result.Existing.Add(record.Key);
        }

        var groups = new Dictionary<(string? Zone, string Name, string Type), List<DesiredRecord>>();
        foreach (var record in desired)
        {
            // Nothing at this name yet (every name of a new tree): a plain create, without a group to build. The layer's
            // requests are in key order, so taking these before the groups changes no plan.
            if (!actualByName.ContainsKey((record.RecordSet.Zone, record.RecordSet.Name)))
            {
                AddWrite(result, record.Level, [new RecordChange(ChangeAction.Create, record.RecordSet, record.NodeId)]);
                continue;
            }
            var group = (record.RecordSet.Zone, record.RecordSet.Name, record.RecordSet.Type);
            if (!groups.TryGetValue(group, out var list)) groups[group] = list = [];
            list.Add(record);
        }

        var desiredKeys = result.Existing.Count == 0 ? [] : new HashSet<RecordKey>(desired.Select(d => d.RecordSet.Key));
        var untouchable = new HashSet<(string?, string, string)>();
        var handled = new HashSet<RecordKey>();
        foreach (var ((zone, name, type), records) in groups)
        {
            var atName = actualByName[(zone, name)];
            var foreign = atName.Where(r => !result.Existing.Contains(r.Key) && Blocks(r.Type, type)).ToList();
            if (foreign.Count > 0)
            {
                untouchable.Add((zone, name, type));
                foreach (var record in records) result.Conflicts.Add(
                    new PlanConflict(record.RecordSet.Key, Explain(tree, record.RecordSet, foreign)));
                continue;
            }
            WriteGroup(records, atName, type, actualByKey, desiredKeys, handled, result);
        }

        var stale = new List<ResourceRecordSet>();
        foreach (var key in result.Existing)
        {
            var record = actualByKey[key];
            if (!desiredKeys.Contains(key) && !handled.Contains(key)
                && !untouchable.Contains((record.Zone, record.Name, record.Type))) stale.Add(record);
        }
        if (stale.Count == 0) return result;
        var levels = new ActualLevels(actual.Records.Where(r => result.Existing.Contains(r.Key)));
        foreach (var record in stale) AddDelete(result, levels.LevelOf(record), record);
        return result;
    }

    /// <summary>A CNAME cannot share its name with any other record (RFC 1034), so across types only CNAMEs collide.</summary>
    private static bool Blocks(string existingType, string desiredType) =>
        existingType == desiredType || existingType == "CNAME" || desiredType == "CNAME";

    private static void WriteGroup(
        List<DesiredRecord> records, List<ResourceRecordSet> atName, string type, Dictionary<RecordKey, ResourceRecordSet> actualByKey,
        HashSet<RecordKey> desiredKeys, HashSet<RecordKey> handled, RecordDiffResult result)
    {
        List<ResourceRecordSet> owned = [], otherTypes = [];
        foreach (var record in atName)
        {
            if (!result.Existing.Contains(record.Key)) continue;
            if (record.Type == type) owned.Add(record);
            else if (Blocks(record.Type, type)) otherTypes.Add(record);
        }
        var desiredPolicy = RecordRouting.PolicyOf(records[0].RecordSet);
        var policySwitch = owned.Exists(r => RecordRouting.PolicyOf(r) != desiredPolicy);

        var changed = new List<(DesiredRecord Desired, ResourceRecordSet? Actual)>();
        foreach (var record in records)
        {
            var current = actualByKey.GetValueOrDefault(record.RecordSet.Key);
            if (current is null || !result.Existing.Contains(current.Key)) changed.Add((record, null));
            else if (!current.SameAs(record.RecordSet)) changed.Add((record, current));
        }

        // Route 53 keeps one failover role, latency region or location per name+type: moving one to a new set
        // identifier has to remove the old holder in the same request.
        var slotClash = false;
        if (changed.Count > 0 && !policySwitch)
        {
            var holders = new Dictionary<string, RecordKey>();
            foreach (var record in owned)
                if (RecordRouting.SlotOf(record) is { } slot) holders.TryAdd(slot, record.Key);
            slotClash = changed.Exists(c => RecordRouting.SlotOf(c.Desired.RecordSet) is { } slot
                && holders.TryGetValue(slot, out var holder) && holder != c.Desired.RecordSet.Key);
        }

        if (!policySwitch && !slotClash && otherTypes.Count == 0)
        {
            foreach (var (record, current) in changed)
                AddWrite(result, record.Level,
                    [new RecordChange(current is null ? ChangeAction.Create : ChangeAction.Upsert, record.RecordSet, record.NodeId)]);
            return;
        }

        // One atomic request: Route 53 forbids two routing policies (or a CNAME beside other types) at one name, even
        // for a moment, so the old records go and the new ones come in the same batch, deletions first.
        List<ResourceRecordSet> removed;
        List<DesiredRecord> added;
        if (policySwitch)
        {
            removed = owned.Where(o => !records.Any(r => o.SameAs(r.RecordSet))).ToList();
            added = records.Where(r => !owned.Any(o => o.SameAs(r.RecordSet))).ToList();
        }
        else
        {
            var replaced = changed.Where(c => c.Actual is not null).Select(c => c.Actual!.Key).ToHashSet();
            removed = owned.Where(o => !desiredKeys.Contains(o.Key) || replaced.Contains(o.Key)).ToList();
            added = changed.Select(c => c.Desired).ToList();
        }

        var unit = new List<RecordChange>();
        foreach (var old in removed.Concat(otherTypes))
        {
            unit.Add(new RecordChange(ChangeAction.Delete, old, old.SetIdentifier));
            handled.Add(old.Key);
            result.Deleted.Add(old.Key);
        }
        foreach (var record in added) unit.Add(new RecordChange(ChangeAction.Create, record.RecordSet, record.NodeId));
        if (unit.Count > 0) AddWrite(result, records.Max(r => r.Level), unit);
    }

    private static void AddWrite(RecordDiffResult result, int level, IReadOnlyList<RecordChange> unit)
    {
        if (!result.Writes.TryGetValue(level, out var units)) result.Writes[level] = units = [];
        units.Add(unit);
        for (var i = 0; i < unit.Count; i++)
        {
            var change = unit[i];
            if (change.Action == ChangeAction.Delete) continue;
            if (result.Existing.Contains(change.RecordSet.Key)) result.Replaced.Add(change.RecordSet.Key);
            else result.Created++;
        }
    }

    private static void AddDelete(RecordDiffResult result, int level, ResourceRecordSet record)
    {
        if (!result.Deletes.TryGetValue(level, out var deletes)) result.Deletes[level] = deletes = [];
        // Route 53 deletes only on an exact match of the current record, so the zone's own copy is sent back.
        deletes.Add(new RecordChange(ChangeAction.Delete, record, record.SetIdentifier));
        result.Deleted.Add(record.Key);
    }

    private static string Explain(string tree, ResourceRecordSet wanted, List<ResourceRecordSet> foreign)
    {
        if (foreign.Any(f => f.Key == wanted.Key))
            return $"the zone already holds this record set and tree '{tree}' does not own it";
        var examples = string.Join(", ", foreign.Take(3).Select(f => f.Key.ToString())) + (foreign.Count > 3 ? ", …" : "");
        return foreign.Any(f => f.Type != wanted.Type)
            ? $"a CNAME cannot share its name with other records, and tree '{tree}' does not own {examples}"
            : $"the name and type already hold record sets tree '{tree}' does not own ({examples})";
    }
}
