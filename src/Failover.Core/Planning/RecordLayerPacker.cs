using Failover.Core.Route53;

namespace Failover.Core.Planning;

/// <summary>
/// A record layer's requests: one zone at a time (the tree's own first, then by zone id), each zone's changes in key
/// order (so plans read the same whatever order the zone listed its records in), packed first fit. A request changes
/// one hosted zone (API reference, ChangeResourceRecordSets: Id), and every attachment's helper records sit in its own
/// zone, since an alias target must be in the same hosted zone as the alias record (API reference, AliasTarget
/// HostedZoneId). Requests to the tree's own zone carry no zone, so a tree of one zone plans as it always did.
/// </summary>
/// <remarks>
/// Built for large trees: one pass over the changes in the order they were made (close together in memory) reads all
/// a change's packer needs — key, zone, cost — into a flat array, which is then sorted once. Sorting the changes
/// themselves and costing them afterwards visited them in key order, scattered over the heap, and missed the caches
/// for every change from ten thousand leaves on.
/// </remarks>
internal static class RecordLayerPacker
{
    /// <summary>Groups of changes that must each land in one request, ordered by their first change's key.</summary>
    public static List<ChangeBatch> PackGroups(IReadOnlyList<IReadOnlyList<RecordChange>> groups,
        IReadOnlyDictionary<RecordKey, string> zones, ChangeBatchLimits limits)
    {
        var entries = new Entry[groups.Count];
        for (var i = 0; i < entries.Length; i++)
            entries[i] = new Entry(groups[i][0].RecordSet, ZoneOf(groups[i][0], zones), i, ChangeCost.Of(groups[i]));
        Sort(entries);
        var filler = new BatchFiller(limits);
        foreach (ref readonly var entry in entries.AsSpan())
        {
            NextZone(filler, entry.Zone);
            filler.Add(groups[entry.Index], entry.Cost);
        }
        return filler.Finish();
    }

    /// <summary>Changes that may each go to any request (deletions).</summary>
    public static List<ChangeBatch> PackEach(IReadOnlyList<RecordChange> changes, IReadOnlyDictionary<RecordKey, string> zones,
        ChangeBatchLimits limits)
    {
        var entries = new Entry[changes.Count];
        for (var i = 0; i < entries.Length; i++)
            entries[i] = new Entry(changes[i].RecordSet, ZoneOf(changes[i], zones), i, ChangeCost.Of(changes[i]));
        Sort(entries);
        var filler = new BatchFiller(limits);
        foreach (ref readonly var entry in entries.AsSpan())
        {
            NextZone(filler, entry.Zone);
            filler.Add(changes[entry.Index], entry.Cost);
        }
        return filler.Finish();
    }

    // Most trees have no attachment in another zone: no lookup (and no hashing of the key) at all then.
    private static string? ZoneOf(RecordChange change, IReadOnlyDictionary<RecordKey, string> zones) =>
        zones.Count == 0 ? null : zones.GetValueOrDefault(change.RecordSet.Key);

    /// <summary>A new zone starts a new request.</summary>
    private static void NextZone(BatchFiller filler, string? zone)
    {
        if (zone == filler.Zone) return;
        filler.Flush();
        filler.Zone = zone;
    }

    private static void Sort(Entry[] entries) => entries.AsSpan().Sort(new EntryOrder());

    /// <summary>What the packer needs of one change or group, with the first characters of its name for a cheap first compare.</summary>
    private readonly struct Entry(ResourceRecordSet record, string? zone, int index, ChangeCost cost)
    {
        public readonly ulong NamePrefix = PrefixOf(record.Name, 0);
        public readonly ulong NameNext = PrefixOf(record.Name, 4);
        public readonly RecordKey Key = record.Key;
        public readonly string? Zone = zone;
        public readonly int Index = index;
        public readonly ChangeCost Cost = cost;

        /// <summary>
        /// Four UTF-16 units from <paramref name="start"/>, the first in the high bits, missing ones as 0: ordering these
        /// numbers orders the names as string.CompareOrdinal does, down to a tie the full compare settles.
        /// </summary>
        private static ulong PrefixOf(string name, int start)
        {
            ulong prefix = 0;
            for (var i = start; i < start + 4; i++) prefix = (prefix << 16) | (i < name.Length ? name[i] : 0u);
            return prefix;
        }
    }

    /// <summary>Zone (the tree's own, null, first), then name, type and set identifier ordinally, then the order given.</summary>
    private readonly struct EntryOrder : IComparer<Entry>
    {
        public int Compare(Entry x, Entry y)
        {
            if (!ReferenceEquals(x.Zone, y.Zone))
            {
                var byZone = string.CompareOrdinal(x.Zone ?? "", y.Zone ?? "");
                if (byZone != 0) return byZone;
            }
            if (x.NamePrefix != y.NamePrefix) return x.NamePrefix < y.NamePrefix ? -1 : 1;
            if (x.NameNext != y.NameNext) return x.NameNext < y.NameNext ? -1 : 1;
            var byName = string.CompareOrdinal(x.Key.Name, y.Key.Name);
            if (byName != 0) return byName;
            var byType = string.CompareOrdinal(x.Key.Type, y.Key.Type);
            if (byType != 0) return byType;
            var bySet = string.CompareOrdinal(x.Key.SetIdentifier, y.Key.SetIdentifier);
            // The sort is not stable; the index keeps equal keys in the order given, as the ordered enumeration did.
            return bySet != 0 ? bySet : x.Index.CompareTo(y.Index);
        }
    }
}
