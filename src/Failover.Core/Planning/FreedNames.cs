using Failover.Core.Compilation;
using Failover.Core.Route53;

namespace Failover.Core.Planning;

/// <summary>
/// The names a plan deletes every record of, in each zone, that the tree no longer answers for there: an attachment removed
/// or moved to another zone, a nested rule gone. A path that keeps no version history (the direct apply) gives back its
/// name claims on these once the plan has gone through; a claim is only ever on an attachment's name, so the others cost a
/// refused conditional delete each and stay as they are.
/// </summary>
public static class FreedNames
{
    /// <summary>Each freed name once, with its zone spelled out (<paramref name="plan"/>'s zone standing for none).</summary>
    public static IReadOnlyList<(string Zone, string Name)> Of(Plan plan, CompiledTree desired)
    {
        var kept = new HashSet<(string? Zone, string Name)>(NameInZone.Comparer);
        foreach (var record in desired.AllRecords) kept.Add((record.RecordSet.Zone, record.RecordSet.Name));
        var freed = new HashSet<(string? Zone, string Name)>(NameInZone.Comparer);
        var names = new List<(string Zone, string Name)>();
        foreach (var batch in plan.Layers.SelectMany(l => l.ChangeBatches))
        foreach (var change in batch.Changes)
        {
            if (change.Action != ChangeAction.Delete) continue;
            var at = (change.RecordSet.Zone ?? batch.HostedZoneId, change.RecordSet.Name);
            if (!kept.Contains(at) && freed.Add(at)) names.Add((at.Item1 ?? plan.HostedZoneId, at.Name));
        }
        return names;
    }
}
