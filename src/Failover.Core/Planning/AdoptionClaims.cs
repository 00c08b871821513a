using Failover.Core.Compilation;
using Failover.Core.Route53;

namespace Failover.Core.Planning;

/// <summary>
/// Which records an adopted tree claims: all or nothing. Only when every record the tree writes is already in the zone
/// exactly (or already the tree's) and no check has to be made does the zone hold what <c>failover adopt</c> read; then
/// the records not yet owned become the tree's and the plan is empty. If anything changed since, nothing is claimed, the
/// zone's records stay someone else's, and the conflicts stop the run before any change.
/// </summary>
internal static class AdoptionClaims
{
    public const string ChangedSinceAdoption =
        "changed since it was adopted (the adopted spec claims the zone's records only while every one of them is exactly " +
        "what it describes; run failover adopt again)";

    public static IReadOnlyList<RecordKey> Records(IReadOnlyList<DesiredRecord> desired, ActualState actual, int healthChecksToCreate)
    {
        if (healthChecksToCreate > 0) return [];
        var zone = new Dictionary<RecordKey, ResourceRecordSet>();
        foreach (var record in actual.Records) zone.TryAdd(record.Key, record);
        var claimed = new List<RecordKey>();
        foreach (var record in desired)
        {
            var key = record.RecordSet.Key;
            if (actual.OwnedRecords.Contains(key)) continue;
            if (!zone.TryGetValue(key, out var there) || !there.SameAs(record.RecordSet)) return [];
            claimed.Add(key);
        }
        return claimed;
    }

    /// <summary>The conflicts, each on a record that differs from the adopted spec saying so.</summary>
    public static IReadOnlyList<PlanConflict> Explain(IReadOnlyList<PlanConflict> conflicts, IReadOnlyList<DesiredRecord> desired,
        ActualState actual)
    {
        var wanted = desired.GroupBy(d => d.RecordSet.Key).ToDictionary(g => g.Key, g => g.First().RecordSet);
        var zone = actual.Records.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.First());
        return conflicts.Select(c => zone.TryGetValue(c.Key, out var there) && wanted.TryGetValue(c.Key, out var record)
                && !there.SameAs(record)
            ? c with { Reason = ChangedSinceAdoption }
            : c).ToList();
    }
}
