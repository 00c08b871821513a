using Failover.Core.Route53;

namespace Failover.Service.Apply;

/// <summary>
/// Between the progress store, which keeps every owned record with its hosted zone spelled out, and the core, which
/// sees keys from one tree's zone (null: the zone of the spec in hand). A record the store kept before zones were part of
/// the key has none, and is in the tree's zone.
/// </summary>
public static class OwnedKeys
{
    /// <summary>The store's keys seen from a tree in <paramref name="treeZone"/>.</summary>
    public static IReadOnlySet<RecordKey> Relative(IEnumerable<RecordKey> stored, string treeZone) =>
        stored.Select(k => k.RelativeTo(treeZone)).ToHashSet();

    /// <summary>Keys seen from a tree in <paramref name="treeZone"/>, spelled out for the store.</summary>
    public static IReadOnlyList<RecordKey> Absolute(IEnumerable<RecordKey> keys, string treeZone) =>
        keys.Select(k => k.AbsoluteIn(treeZone)).Distinct().ToList();

    /// <summary>Record sets read from <paramref name="zone"/>, marked with it unless it is the tree's own.</summary>
    public static IEnumerable<ResourceRecordSet> InZone(IEnumerable<ResourceRecordSet> records, string zone, string treeZone) =>
        zone == treeZone ? records : records.Select(r => r with { Zone = zone });
}
