using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Route53;

namespace Failover.Core.Drift;

/// <summary>
/// Detect(desired, actual): a pure comparison of a compiled tree with what Route 53 holds for it. Reports record sets
/// missing, changed (field by field), extra (someone else's in the tree's groups or at its reserved helper names, and
/// the tree's own left-overs), the tree's health checks missing or changed, and records naming a deleted health check.
/// </summary>
public static class DriftDetector
{
    /// <param name="existingHealthCheckIds">
    /// Every health check id in the account: the tree's checks are in <paramref name="actual"/>, but a leaf may name
    /// any check by id, and only the full list tells a deleted one apart.
    /// </param>
    public static DriftReport Detect(CompiledTree desired, ActualState actual, IReadOnlySet<string> existingHealthCheckIds)
    {
        var spec = desired.Spec;
        var actualByKey = new Dictionary<RecordKey, ResourceRecordSet>();
        foreach (var record in actual.Records) actualByKey.TryAdd(Normalised(record.Key), record);
        var checks = TreeHealthCheckMatch.Match(desired, actual, actualByKey);
        var collections = actual.CidrCollections.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var collectionIds = desired.CidrCollections
            .Where(c => collections.ContainsKey(c.Name)).ToDictionary(c => c.RuleId, c => collections[c.Name].Id, StringComparer.Ordinal);

        var recordItems = new List<DriftItem>();
        // Every attachment's records, in whichever zone: a record name is attached once per tree, so keys stay apart.
        foreach (var wanted in desired.AllRecords)
        {
            var key = wanted.RecordSet.Key;
            var item = key.WithoutZone;
            var zone = wanted.HostedZoneId ?? spec.HostedZoneId;
            if (!actualByKey.TryGetValue(key, out var current))
            {
                recordItems.Add(new DriftItem(DriftKind.RecordMissing) { Record = item, NodeId = wanted.NodeId, HostedZoneId = zone });
                continue;
            }
            var fields = RecordFields.Compare(WithCollectionId(wanted.RecordSet, collectionIds), current);
            if (current.HealthCheckId is { } named && !existingHealthCheckIds.Contains(named))
                recordItems.Add(
                    new DriftItem(DriftKind.RecordHealthCheckDeleted)
                    {
                        Record = item, NodeId = wanted.NodeId, HealthCheckId = named, HostedZoneId = zone,
                    });
            else if (HealthCheckDifference(wanted, current, checks) is { } difference)
                fields.Add(difference);
            if (fields.Count > 0)
                recordItems.Add(new DriftItem(DriftKind.RecordChanged)
                {
                    Record = item, NodeId = wanted.NodeId, Fields = fields, HostedZoneId = zone,
                });
        }
        recordItems.AddRange(Extras(desired, actual));

        var checkItems = new List<DriftItem>();
        foreach (var wanted in desired.HealthChecks)
        {
            var match = checks[wanted.NodeId];
            if (match is null)
                checkItems.Add(
                    new DriftItem(DriftKind.HealthCheckMissing) { NodeId = wanted.NodeId, CallerReference = wanted.CallerReference });
            else if (HealthCheckFields.Compare(WithMatchedChildren(wanted.Config, checks), match.Config) is { Count: > 0 } fields)
                checkItems.Add(
                    new DriftItem(DriftKind.HealthCheckChanged) { NodeId = wanted.NodeId, HealthCheckId = match.Id, Fields = fields });
        }
        if (actual.Alarms is { } alarms)
        {
            checkItems.AddRange(AlarmItems(desired, checks, alarms));
            checkItems.AddRange(alarms.OrphansOf(spec.Name, existingHealthCheckIds).Select(o =>
                new DriftItem(DriftKind.HealthCheckAlarmOrphaned) { HealthCheckId = o.HealthCheckId, AlarmName = o.AlarmName }));
        }

        foreach (var wanted in desired.CidrCollections.OrderBy(c => c.RuleId, StringComparer.Ordinal))
        {
            if (!collections.TryGetValue(wanted.Name, out var found))
                checkItems.Add(new DriftItem(DriftKind.CidrCollectionMissing) { NodeId = wanted.RuleId, CidrCollection = wanted.Name });
            else if (CollectionFields(wanted, found) is { Count: > 0 } fields)
                checkItems.Add(new DriftItem(DriftKind.CidrCollectionChanged)
                {
                    NodeId = wanted.RuleId, CidrCollection = wanted.Name, Fields = fields,
                });
        }

        var items = recordItems
            .OrderBy(i => i.Record!.Value.Name, StringComparer.Ordinal)
            .ThenBy(i => i.Record!.Value.Type, StringComparer.Ordinal)
            .ThenBy(i => i.Record!.Value.SetIdentifier, StringComparer.Ordinal)
            .ThenBy(i => i.HostedZoneId, StringComparer.Ordinal)
            .ThenBy(i => i.Kind)
            .Concat(checkItems.OrderBy(i => i.NodeId, StringComparer.Ordinal))
            .ToList();
        return new DriftReport(spec.Name, spec.HostedZoneId, TreeCompiler.NormaliseName(spec.RecordName), items);
    }

    /// <summary>
    /// The alarm the service keeps on each of the tree's checks that exists (a missing check is reported as such; its
    /// alarm comes with it): missing, or with other settings than <see cref="Alarms.HealthCheckAlarms.For"/>.
    /// </summary>
    private static IEnumerable<DriftItem> AlarmItems(CompiledTree desired, IReadOnlyDictionary<string, ExistingHealthCheck?> checks,
        Alarms.HealthCheckAlarmState alarms)
    {
        foreach (var wanted in desired.HealthChecks)
        {
            if (checks[wanted.NodeId] is not { } match) continue;
            if (alarms.For(match.Id) is not { } alarm)
                yield return new DriftItem(DriftKind.HealthCheckAlarmMissing) { NodeId = wanted.NodeId, HealthCheckId = match.Id };
            else if (Alarms.HealthCheckAlarms.For(alarms.Prefix, match.Id).Differences(alarm) is { Count: > 0 } fields)
                yield return new DriftItem(DriftKind.HealthCheckAlarmChanged)
                {
                    NodeId = wanted.NodeId, HealthCheckId = match.Id, Fields = fields,
                };
        }
    }

    /// <summary>
    /// The record with its rule's collection placeholder replaced by the id of the collection found by name; when there is none,
    /// by words that name it (so the record reads as changed, and the collection as missing).
    /// </summary>
    private static ResourceRecordSet WithCollectionId(ResourceRecordSet record, IReadOnlyDictionary<string, string> ids) =>
        record.CidrRoutingConfig is { } cidr && CidrCollectionPlaceholder.TryGetRuleId(cidr.CollectionId, out var rule)
            ? record with
            {
                CidrRoutingConfig = cidr with { CollectionId = ids.GetValueOrDefault(rule) ?? $"the CIDR collection of rule {rule}" },
            }
            : record;

    /// <summary>One difference per location whose blocks differ: <c>cidr.&lt;location&gt;</c>, blocks sorted, comma-separated.</summary>
    private static List<FieldDifference> CollectionFields(DesiredCidrCollection wanted, ExistingCidrCollection found)
    {
        var fields = new List<FieldDifference>();
        foreach (var location in wanted.Locations.Keys.Concat(found.Locations.Keys).Distinct(StringComparer.Ordinal)
                     .Order(StringComparer.Ordinal))
        {
            var expected = Blocks(wanted.Locations.GetValueOrDefault(location));
            var actual = Blocks(found.Locations.GetValueOrDefault(location));
            if (expected != actual) fields.Add(new FieldDifference($"cidr.{location}", expected, actual));
        }
        return fields;

        static string? Blocks(IReadOnlyList<string>? blocks) => blocks is null or { Count: 0 } ? null
            : string.Join(",", blocks.Select(CidrBlocks.Canonical).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
    }

    /// <summary>A CALCULATED check's children as the ids of the checks matched to their nodes (a missing one stays a
    /// placeholder).</summary>
    private static HealthCheckConfig WithMatchedChildren(HealthCheckConfig config,
        IReadOnlyDictionary<string, ExistingHealthCheck?> checks) =>
        config.ChildHealthChecks.Count == 0 ? config : config with
        {
            ChildHealthChecks = config.ChildHealthChecks.Select(child =>
                HealthCheckPlaceholder.TryGetNodeId(child, out var node) && checks.GetValueOrDefault(node) is { } match ? match.Id : child)
                .ToList(),
        };

    /// <summary>
    /// The health check the record should name, compared with the one it names (known to exist). A placeholder stands
    /// for the node's check as matched; when that check is missing, any id the record names is the wrong one.
    /// </summary>
    private static FieldDifference? HealthCheckDifference(
        DesiredRecord wanted, ResourceRecordSet current, IReadOnlyDictionary<string, ExistingHealthCheck?> checks)
    {
        var expected = wanted.RecordSet.HealthCheckId;
        if (HealthCheckPlaceholder.TryGetNodeId(expected, out var node))
        {
            var match = checks.GetValueOrDefault(node);
            if (match is not null) expected = match.Id;
            else return new FieldDifference("healthCheckId", $"the health check of node {node}", current.HealthCheckId);
        }
        return expected == current.HealthCheckId ? null : new FieldDifference("healthCheckId", expected, current.HealthCheckId);
    }

    private static IEnumerable<DriftItem> Extras(CompiledTree desired, ActualState actual)
    {
        var recordNames = desired.Spec.AllAttachments.Select(a => TreeCompiler.NormaliseName(a.RecordName)).ToList();
        var all = desired.AllRecords;
        var desiredKeys = all.Select(r => r.RecordSet.Key).ToHashSet();
        var groups = all.Select(r => (r.RecordSet.Zone, r.RecordSet.Name, r.RecordSet.Type)).ToHashSet();
        var names = all.Select(r => (r.RecordSet.Zone, r.RecordSet.Name)).ToHashSet();
        var treeType = desired.Spec.RecordType.ToUpperInvariant();
        var owned = actual.OwnedRecords.Select(Normalised).ToHashSet();
        var seen = new HashSet<RecordKey>();

        foreach (var record in actual.Records)
        {
            var key = Normalised(record.Key);
            if (desiredKeys.Contains(key) || !seen.Add(key)) continue;
            var isOwned = owned.Contains(key);
            // A CNAME cannot share its name with other records, so one at a tree name (or the tree's CNAME beside
            // other types) is in the group's way just as a record of the same type is.
            var inGroup = groups.Contains((key.Zone, key.Name, key.Type))
                || (names.Contains((key.Zone, key.Name)) && (key.Type == "CNAME" || treeType == "CNAME"));
            ExtraRecordPlace? place = inGroup ? ExtraRecordPlace.TreeGroup
                : recordNames.Exists(recordName => ReservedNames.IsHelperNameOf(key.Name, recordName)) ? ExtraRecordPlace.HelperName
                : isOwned ? ExtraRecordPlace.LeftOver
                : null;
            if (place is not null)
                yield return new DriftItem(DriftKind.RecordExtra)
                {
                    Record = key.WithoutZone, Place = place, Owned = isOwned,
                    HostedZoneId = key.Zone ?? desired.Spec.HostedZoneId,
                };
        }
    }

    /// <summary>The core holds names lower case without the final dot; a reader that kept either is forgiven.</summary>
    private static RecordKey Normalised(RecordKey key) => key with { Name = TreeCompiler.NormaliseName(key.Name) };
}
