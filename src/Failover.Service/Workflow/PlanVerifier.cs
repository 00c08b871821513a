using Failover.Service.Apply;
using Failover.Core.Planning;
using Failover.Core.Route53;

namespace Failover.Service.Workflow;

/// <summary>
/// Checks, after the last layer, that the zone holds what the plan wrote and no longer holds what it deleted — the
/// record sets as a whole, read back from Route 53, not the answers to the requests.
/// </summary>
public static class PlanVerifier
{
    /// <returns>One line per record set that is not as planned; empty when the zone matches.</returns>
    public static IReadOnlyList<string> Differences(
        Plan plan, IReadOnlyDictionary<string, string> healthCheckIds, IEnumerable<ResourceRecordSet> zone, IReadOnlySet<RecordKey> owned)
    {
        var expected = Expected(plan, healthCheckIds);
        var actual = new Dictionary<RecordKey, ResourceRecordSet>();
        foreach (var record in zone) actual[record.Key] = record;
        var differences = new List<string>();
        foreach (var (key, record) in expected)
        {
            actual.TryGetValue(key, out var current);
            if (record is not null && current is null) differences.Add($"{key}: missing");
            else if (record is not null && !current!.SameAs(record)) differences.Add($"{key}: holds other values than planned");
            // A record someone else wrote at a key after the tree deleted its own is not the tree's to judge.
            else if (record is null && current is not null && owned.Contains(key)) differences.Add($"{key}: still there, though deleted");
        }
        return differences;
    }

    /// <summary>Every record set the plan touches → how it must end up (null: absent), later layers overriding earlier.</summary>
    public static IReadOnlyDictionary<RecordKey, ResourceRecordSet?> Expected(Plan plan, IReadOnlyDictionary<string, string> healthCheckIds)
    {
        var expected = new Dictionary<RecordKey, ResourceRecordSet?>();
        foreach (var batch in plan.Layers.SelectMany(l => l.ChangeBatches))
            foreach (var change in PlanApplier.ResolvePlaceholders(batch, healthCheckIds).Changes)
                expected[change.RecordSet.Key] = change.Action == ChangeAction.Delete ? null : change.RecordSet;
        return expected;
    }
}
