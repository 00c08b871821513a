using Failover.Core.Route53;

namespace Failover.Core.Planning;

/// <summary>
/// Levels of the record sets the zone holds, found from the records themselves (the tree that made them may have
/// changed since): an alias to a name that holds owned records sits one above the highest of them. Deletions run
/// top-down by these levels, so no alias is left pointing at a name that has already gone.
/// </summary>
internal sealed class ActualLevels
{
    private readonly Dictionary<(string? Zone, string Name), List<ResourceRecordSet>> byName;
    private readonly Dictionary<RecordKey, int> levels = [];
    private readonly HashSet<RecordKey> visiting = [];

    public ActualLevels(IEnumerable<ResourceRecordSet> ownedRecords)
    {
        // An alias points into its own zone (API reference, AliasTarget.HostedZoneId), so targets are looked up there.
        byName = new Dictionary<(string? Zone, string Name), List<ResourceRecordSet>>(NameInZone.Comparer);
        foreach (var record in ownedRecords)
        {
            if (!byName.TryGetValue((record.Zone, record.Name), out var list)) byName[(record.Zone, record.Name)] = list = [];
            list.Add(record);
        }
    }

    public int LevelOf(ResourceRecordSet record)
    {
        if (levels.TryGetValue(record.Key, out var known)) return known;
        if (record.AliasTarget is not { } alias
            || !byName.TryGetValue((record.Zone, alias.DnsName.TrimEnd('.')), out var targets)) return 0;
        // A cycle cannot come from a tree; if the zone holds one anyway, break it rather than recurse forever.
        if (!visiting.Add(record.Key)) return 0;
        var level = 1 + targets.Max(LevelOf);
        visiting.Remove(record.Key);
        levels[record.Key] = level;
        return level;
    }
}
