using Failover.Core.Compilation;
using Failover.Core.Route53;

namespace Failover.Core.Planning;

/// <summary>
/// The names and types a plan deletes every record of, in each zone, that the tree no longer answers for there: an
/// attachment removed or moved to another zone, a nested rule gone, a type dropped (a dual-stack tree made A only). A
/// path that keeps no version history (the direct apply) gives back its name claims on these once the plan has gone
/// through; a claim is only ever on an attachment's name, so the others cost a refused conditional delete each and stay
/// as they are. By type, because a claim is (API reference, ResourceRecordSet: one routing policy per name and type).
/// </summary>
public static class FreedNames
{
    /// <summary>Each freed name and type once, with its zone spelled out (<paramref name="plan"/>'s zone standing for none).</summary>
    public static IReadOnlyList<(string Zone, string Name, string Type)> Of(Plan plan, CompiledTree desired)
    {
        var kept = new Dictionary<string, HashSet<(string? Zone, string Name)>>(StringComparer.OrdinalIgnoreCase);
        foreach (var record in desired.AllRecords)
            Places(kept, record.RecordSet.Type).Add((record.RecordSet.Zone, record.RecordSet.Name));
        var freed = new Dictionary<string, HashSet<(string? Zone, string Name)>>(StringComparer.OrdinalIgnoreCase);
        var names = new List<(string Zone, string Name, string Type)>();
        foreach (var batch in plan.Layers.SelectMany(l => l.ChangeBatches))
        foreach (var change in batch.Changes)
        {
            if (change.Action != ChangeAction.Delete) continue;
            var (at, type) = ((change.RecordSet.Zone ?? batch.HostedZoneId, change.RecordSet.Name), change.RecordSet.Type);
            if (!Places(kept, type).Contains(at) && Places(freed, type).Add(at))
                names.Add((at.Item1 ?? plan.HostedZoneId, at.Name, type));
        }
        return names;
    }

    private static HashSet<(string? Zone, string Name)> Places(
        Dictionary<string, HashSet<(string? Zone, string Name)>> byType, string type)
    {
        if (!byType.TryGetValue(type, out var places))
            byType[type] = places = new HashSet<(string? Zone, string Name)>(NameInZone.Comparer);
        return places;
    }
}
