using Failover.Core.Compilation;
using Failover.Core.Route53;
using Failover.Core.Spec;

namespace Failover.Core.Planning;

/// <summary>
/// Aliases to records of the tree's own hosted zone that the tree does not write (an alias leaf to another record): Route 53
/// refuses an alias whose target does not exist (InvalidChangeBatch: "Tried to create an alias that targets …, but that
/// target was not found"; API reference, AliasTarget.DNSName: the target record must already exist in the zone), so a
/// target missing from the zone is reported as a conflict and the run stops before any change, instead of failing at the
/// record layer after the health checks were made. A target counts only in the alias's own type ("the alias record must have
/// the same type as the record that you're routing traffic to": API reference, AliasTarget.DNSName), and not when the same
/// plan deletes it (a record the tree owned and no longer writes): the alias would be left pointing at nothing.
/// </summary>
public static class MissingAliasTargets
{
    /// <summary>The names in the tree's zone that its alias leaves point at and it does not write itself: what a reader of the
    /// zone lists besides the tree's names, so the planner can tell whether they exist.</summary>
    public static IReadOnlyList<string> NamesToRead(CompiledTree desired)
    {
        var written = desired.AllRecords.Select(r => r.RecordSet.Name).ToHashSet(StringComparer.Ordinal);
        return desired.AllRecords.Select(r => TargetInZone(r.RecordSet, desired.Spec.HostedZoneId))
            .OfType<string>().Where(name => !written.Contains(name)).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <param name="read">The target names the zone was read at (<see cref="ActualState.AliasTargetNames"/>); null when they
    /// were not read, and nothing is reported.</param>
    /// <param name="deleted">The records the plan deletes (keys as the actual state holds them).</param>
    public static IEnumerable<PlanConflict> Find(IReadOnlyList<DesiredRecord> records, ActualState actual, string hostedZoneId,
        IReadOnlySet<RecordKey>? deleted = null)
    {
        if (actual.AliasTargetNames is not { } read) yield break;
        var written = records.Select(r => (r.RecordSet.Name, r.RecordSet.Type)).ToHashSet();
        var inZone = actual.Records.Where(r => r.Zone is null).ToList();
        var kept = inZone.Where(r => deleted?.Contains(r.Key) != true).Select(r => (r.Name, r.Type)).ToHashSet();
        foreach (var record in records)
        {
            if (TargetInZone(record.RecordSet, hostedZoneId) is not { } target || !read.Contains(target)) continue;
            var type = record.RecordSet.Type;
            if (written.Contains((target, type)) || kept.Contains((target, type))) continue;
            var others = inZone.Where(r => r.Name == target && r.Type != type).Select(r => r.Type).Distinct().Order().ToList();
            var why = inZone.Any(r => r.Name == target && r.Type == type)
                ? "is deleted by this same plan (the tree owned it and no longer writes it), which would leave the alias pointing "
                  + "at nothing: keep that record in the tree, or point the alias elsewhere"
                : others.Count > 0
                    ? $"exists only as {string.Join(", ", others)}, and Route 53 refuses an alias of another type than its target "
                      + "(InvalidChangeBatch; API reference, AliasTarget: the alias record must have the same type as the record "
                      + "it routes traffic to): use the target's type, or point the alias elsewhere"
                    : "does not exist in the hosted zone, and Route 53 refuses an alias to a record that does not exist "
                      + "(InvalidChangeBatch): create that record first, or point the alias elsewhere";
            yield return new PlanConflict(record.RecordSet.Key, $"the alias target {target} ({type}) {why}");
        }
    }

    /// <summary>The record's alias target when it is a name in the tree's own zone (records of other zones are skipped).</summary>
    private static string? TargetInZone(ResourceRecordSet record, string hostedZoneId) =>
        record.Zone is null && record.AliasTarget is { } target
            && string.Equals(target.HostedZoneId, hostedZoneId, StringComparison.OrdinalIgnoreCase)
            ? DnsNames.Normalize(target.DnsName) : null;
}
