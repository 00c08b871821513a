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
    public static List<ChangeBatch> PackGroups(IReadOnlyList<IReadOnlyList<RecordChange>> groups, ChangeBatchLimits limits)
    {
        var entries = new Entry[groups.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            var group = groups[i];
            entries[i] = new Entry(group[0].RecordSet, ChangeCost.Of(group))
            {
                Single = group.Count == 1 ? group[0] : null,
            };
        }
        var filler = new BatchFiller(limits);
        foreach (var at in SortedPositions(entries))
        {
            NextZone(filler, entries[at].Zone);
            // Most groups are one change: taking it from the entry spares a visit to the group's list, elsewhere on the heap.
            if (entries[at].Single is { } single) filler.Add(single, entries[at].Cost);
            else filler.Add(groups[at], entries[at].Cost);
        }
        return filler.Finish();
    }

    /// <summary>Changes that may each go to any request (deletions).</summary>
    public static List<ChangeBatch> PackEach(IReadOnlyList<RecordChange> changes, ChangeBatchLimits limits)
    {
        var entries = new Entry[changes.Count];
        for (var i = 0; i < entries.Length; i++)
            entries[i] = new Entry(changes[i].RecordSet, ChangeCost.Of(changes[i]));
        var filler = new BatchFiller(limits);
        foreach (var at in SortedPositions(entries))
        {
            NextZone(filler, entries[at].Zone);
            filler.Add(changes[at], entries[at].Cost);
        }
        return filler.Finish();
    }

    /// <summary>A new zone starts a new request.</summary>
    private static void NextZone(BatchFiller filler, string? zone)
    {
        if (zone == filler.Zone) return;
        filler.Flush();
        filler.Zone = zone;
    }

    /// <summary>
    /// The entries' positions in zone and key order. What moves during the sort is small (a name's first eight characters
    /// and a position); the entry itself is read only when the first characters tie.
    /// </summary>
    private static int[] SortedPositions(Entry[] entries)
    {
        var zoneRanks = ZoneRanks(entries);
        if (zoneRanks is null && AsciiPrefixes(entries) is { } prefixes) return SortedByPrefix(entries, prefixes);
        var order = new SortItem[entries.Length];
        for (var i = 0; i < order.Length; i++)
            order[i] = new SortItem(entries[i], i, entries[i].Zone is { } zone ? zoneRanks![zone] : 0);
        Array.Sort(order, (x, y) =>
        {
            if (x.ZoneRank != y.ZoneRank) return x.ZoneRank < y.ZoneRank ? -1 : 1;
            if (x.NamePrefix != y.NamePrefix) return x.NamePrefix < y.NamePrefix ? -1 : 1;
            if (x.NameNext != y.NameNext) return x.NameNext < y.NameNext ? -1 : 1;
            var byKey = Compare(entries[x.Position], entries[y.Position]);
            // The sort is not stable; the position keeps equal keys in the order given, as the ordered enumeration did.
            return byKey != 0 ? byKey : x.Position.CompareTo(y.Position);
        });
        var positions = new int[order.Length];
        for (var i = 0; i < positions.Length; i++) positions[i] = order[i].Position;
        return positions;
    }

    /// <summary>
    /// The usual case (one zone, names in ASCII as DNS names are): a sort of plain numbers, a name's first eight
    /// characters, then each run of equal numbers (mostly the records of one name) settled by the full compare.
    /// </summary>
    private static int[] SortedByPrefix(Entry[] entries, ulong[] prefixes)
    {
        var positions = new int[entries.Length];
        for (var i = 0; i < positions.Length; i++) positions[i] = i;
        Array.Sort(prefixes, positions);
        var tie = Comparer<int>.Create((x, y) =>
        {
            var byKey = Compare(entries[x], entries[y]);
            return byKey != 0 ? byKey : x.CompareTo(y);
        });
        for (var start = 0; start < prefixes.Length;)
        {
            var end = start + 1;
            while (end < prefixes.Length && prefixes[end] == prefixes[start]) end++;
            if (end - start > 1) Array.Sort(positions, start, end - start, tie);
            start = end;
        }
        return positions;
    }

    /// <summary>
    /// Each name's first eight characters, a byte each, the first in the high bits, missing ones as 0: these numbers
    /// order the names as string.CompareOrdinal does, down to a tie. Null when a name has a character beyond ASCII there.
    /// </summary>
    private static ulong[]? AsciiPrefixes(Entry[] entries)
    {
        var prefixes = new ulong[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            var name = entries[i].Key.Name;
            ulong prefix = 0;
            for (var at = 0; at < 8; at++)
            {
                var c = at < name.Length ? name[at] : 0u;
                if (c > 0x7F) return null;
                prefix = (prefix << 8) | c;
            }
            prefixes[i] = prefix;
        }
        return prefixes;
    }

    /// <summary>The other zones' places after the tree's own (1, 2, … by zone id); null when every entry is in the tree's zone.</summary>
    private static Dictionary<string, int>? ZoneRanks(Entry[] entries)
    {
        var zones = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
            if (entry.Zone is { } zone) zones.Add(zone);
        if (zones.Count == 0) return null;
        var ranks = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var zone in zones) ranks[zone] = ranks.Count + 1;
        return ranks;
    }

    /// <summary>Name, type and set identifier ordinally.</summary>
    private static int Compare(in Entry x, in Entry y)
    {
        var byName = string.CompareOrdinal(x.Key.Name, y.Key.Name);
        if (byName != 0) return byName;
        var byType = string.CompareOrdinal(x.Key.Type, y.Key.Type);
        return byType != 0 ? byType : string.CompareOrdinal(x.Key.SetIdentifier, y.Key.SetIdentifier);
    }

    /// <summary>What the packer needs of one change or group: its key, and its zone (null: the tree's own).</summary>
    private readonly struct Entry(ResourceRecordSet record, ChangeCost cost)
    {
        public readonly RecordKey Key = record.Key;
        public readonly string? Zone = record.Zone;
        public readonly ChangeCost Cost = cost;
        /// <summary>The group's only change, when it has one.</summary>
        public RecordChange? Single { get; init; }
    }

    /// <summary>An entry's position with the first characters of its name, for a compare that reads no string.</summary>
    private readonly struct SortItem(in Entry entry, int position, int zoneRank)
    {
        public readonly int ZoneRank = zoneRank;
        public readonly ulong NamePrefix = PrefixOf(entry.Key.Name, 0);
        public readonly ulong NameNext = PrefixOf(entry.Key.Name, 4);
        public readonly int Position = position;

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
}
