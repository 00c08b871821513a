using Failover.Core.Compilation;
using Failover.Core.Route53;

namespace Failover.Core.Planning;

/// <summary>
/// Plan(desired, actual): a pure function from the tree and the zone's state to ordered layers of changes.
/// Make-before-break: health checks first, then creates and UPSERTs bottom-up (leaf records, then each alias level),
/// then deletions top-down, then the health checks nothing uses any more. When the zone's state was read with the
/// deployment's health check alarms, every check the tree owns gets its alarm in a layer right after the checks, and a
/// check's alarm goes just before the check itself.
/// </summary>
public static class Planner
{
    public static Plan Plan(CompiledTree desired, ActualState actual) => Plan(desired, actual, ChangeBatchLimits.Route53);

    public static Plan Plan(CompiledTree desired, ActualState actual, ChangeBatchLimits limits)
    {
        var plan = PlanOwnZone(desired, actual, limits);
        return desired.Spec.HasAttachments ? plan with { Attachments = desired.Spec.AllAttachments } : plan;
    }

    private static Plan PlanOwnZone(CompiledTree desired, ActualState actual, ChangeBatchLimits limits)
    {
        var tree = desired.Spec.Name;
        var adopt = desired.Spec.Adopt;
        var health = HealthCheckReconciler.Reconcile(tree, desired.HealthChecks, actual, adopt?.HealthChecks);
        var cidr = CidrCollectionReconciler.Reconcile(tree, desired.CidrCollections, actual);
        var records = health.ExistingIdsByNode.Count == 0 && cidr.ExistingIdsByRule.Count == 0
            ? desired.AllRecords
            : desired.AllRecords.Select(r => WithExistingCidrCollection(WithExistingHealthCheck(r, health.ExistingIdsByNode),
                cidr.ExistingIdsByRule)).ToList();
        var alarms = AlarmsToPut(desired, health, actual);
        if (adopt is null)
            return Build(tree, desired.Spec.HostedZoneId, health.ToCreate, records, actual, limits, alarms, cidr.Before, cidr.After);

        // An adopted tree plans as if it already owned what it claims: an unchanged zone then gives an empty plan.
        var claimed = AdoptionClaims.Records(records, actual, health.ToCreate.Count);
        var planned = claimed.Count == 0 ? actual : actual with { OwnedRecords = actual.OwnedRecords.Union(claimed).ToHashSet() };
        var plan = Build(tree, desired.Spec.HostedZoneId, health.ToCreate, records, planned, limits, alarms, cidr.Before, cidr.After);
        return plan with
        {
            Claims = new PlanClaims(claimed, health.ToClaim),
            Conflicts = AdoptionClaims.Explain(plan.Conflicts, records, actual),
        };
    }

    /// <summary>
    /// The alarm of every check the tree owns that lacks one or whose alarm differs; a check this plan creates always
    /// needs one (PutMetricAlarm is idempotent by name, so a retried layer rewrites it harmlessly).
    /// </summary>
    private static IReadOnlyList<PlannedHealthCheckAlarm> AlarmsToPut(CompiledTree desired, HealthCheckReconciliation health,
        ActualState actual)
    {
        if (actual.Alarms is not { } alarms) return [];
        var result = new List<PlannedHealthCheckAlarm>();
        foreach (var check in desired.HealthChecks)
        {
            if (!health.ExistingIdsByNode.TryGetValue(check.NodeId, out var id))
                result.Add(new PlannedHealthCheckAlarm(check.NodeId, null, alarms.Prefix));
            else if (alarms.NeedsPut(id))
                result.Add(new PlannedHealthCheckAlarm(check.NodeId, id, alarms.Prefix));
        }
        return result;
    }

    /// <summary>Removes everything the tree owns: records top-down, then the health checks tagged as the tree's.</summary>
    public static Plan Teardown(string tree, string hostedZoneId, ActualState actual) =>
        Teardown(tree, hostedZoneId, actual, ChangeBatchLimits.Route53);

    public static Plan Teardown(string tree, string hostedZoneId, ActualState actual, ChangeBatchLimits limits) =>
        Build(tree, hostedZoneId, [], [], actual, limits, [], [],
            CidrCollectionReconciler.Unwanted(tree, actual, new HashSet<string>(StringComparer.Ordinal)));

    private static Plan Build(
        string tree, string hostedZoneId, IReadOnlyList<PlannedHealthCheck> healthChecksToCreate, IReadOnlyList<DesiredRecord> records,
        ActualState actual, ChangeBatchLimits limits, IReadOnlyList<PlannedHealthCheckAlarm> alarmsToPut,
        IReadOnlyList<PlannedCidrCollection> collectionsBefore, IReadOnlyList<PlannedCidrCollection> collectionsAfter)
    {
        var diff = RecordDiff.Compare(tree, records, actual);
        diff.Conflicts.AddRange(OversizedAtomicChanges.Find(diff.Writes.Values.SelectMany(units => units), limits));
        diff.Conflicts.AddRange(MissingAliasTargets.Find(records, actual, hostedZoneId, diff.Deleted));
        var written = diff.Writes.Values.SelectMany(units => units).SelectMany(unit => unit)
            .Where(c => c.Action != ChangeAction.Delete).Select(c => c.RecordSet.Key).ToHashSet();
        diff.Conflicts.AddRange(MissingNamedHealthChecks.Find(records, written, healthChecksToCreate, actual));
        var layers = new List<PlanLayer>();
        foreach (var (depth, checks) in HealthCheckLayering.ByDepth(healthChecksToCreate))
            layers.Add(new PlanLayer(LayerNames.ForHealthChecks(depth), PlanLayerKind.HealthChecks) { HealthChecks = checks });
        if (alarmsToPut.Count > 0)
            layers.Add(new PlanLayer(LayerNames.HealthCheckAlarms, PlanLayerKind.HealthCheckAlarms) { HealthCheckAlarms = alarmsToPut });
        layers.Add(new PlanLayer(LayerNames.CidrCollections, PlanLayerKind.CidrCollections) { CidrCollections = collectionsBefore });

        foreach (var (level, units) in diff.Writes)
            layers.Add(RecordLayer(LayerNames.ForCreates(level), RecordLayerPacker.PackGroups(units, limits)));
        foreach (var (level, deletes) in diff.Deletes.Reverse())
            layers.Add(RecordLayer(LayerNames.ForDeletes(level), RecordLayerPacker.PackEach(deletes, limits)));

        // With no check in the account there is nothing to clean up, and no need for a set of every record's check id.
        var stillReferenced = actual.HealthChecks.Count == 0 ? NothingReferenced : StillReferenced(records, actual, diff);
        var unused = HealthCheckReconciler.Unused(tree, actual, stillReferenced)
            .Select(d => actual.Alarms?.For(d.HealthCheckId) is { } alarm ? d with { AlarmName = alarm.Name } : d).ToList();
        var checksDeleted = unused.Count;
        // The tree's alarms on checks it no longer has (deleted out of band) go with the clean-up, and only the alarms.
        if (actual.Alarms is { } alarms)
            unused.AddRange(alarms.OrphansOf(tree, actual.HealthChecks.Select(h => h.Id).ToHashSet(StringComparer.Ordinal))
                .Select(o => new HealthCheckDeletion(o.HealthCheckId, null) { AlarmName = o.AlarmName, AlarmOnly = true }));
        if (unused.Count > 0)
            layers.Add(new PlanLayer(LayerNames.HealthCheckCleanup, PlanLayerKind.HealthCheckCleanup) { HealthCheckDeletions = unused });
        layers.Add(new PlanLayer(LayerNames.CidrCollectionCleanup, PlanLayerKind.CidrCollectionCleanup)
        {
            CidrCollections = collectionsAfter,
        });

        return new Plan(tree, hostedZoneId, layers.Where(l => !l.IsEmpty).ToList())
        {
            Conflicts = diff.Conflicts,
            Summary = new PlanSummary(
                RecordsCreated: diff.Created,
                RecordsUpdated: diff.Replaced.Count,
                RecordsDeleted: diff.Deleted.Count(k => !diff.Replaced.Contains(k)),
                HealthChecksCreated: healthChecksToCreate.Count,
                HealthChecksDeleted: checksDeleted,
                ExistingRecords: diff.Existing.Count)
            {
                CidrCollectionsChanged = collectionsBefore.Select(c => c.Name).Concat(collectionsAfter.Select(c => c.Name))
                    .Distinct(StringComparer.Ordinal).Count(),
            },
        };
    }

    /// <summary>

    private static DesiredRecord WithExistingHealthCheck(DesiredRecord record, IReadOnlyDictionary<string, string> existingIds) =>
        HealthCheckPlaceholder.TryGetNodeId(record.RecordSet.HealthCheckId, out var nodeId) && existingIds.TryGetValue(nodeId, out var id)
            ? record with { RecordSet = record.RecordSet with { HealthCheckId = id } }
            : record;

    private static DesiredRecord WithExistingCidrCollection(DesiredRecord record, IReadOnlyDictionary<string, string> existingIds) =>
        record.RecordSet.CidrRoutingConfig is { } cidr && CidrCollectionPlaceholder.TryGetRuleId(cidr.CollectionId, out var rule)
            && existingIds.TryGetValue(rule, out var id)
            ? record with { RecordSet = record.RecordSet with { CidrRoutingConfig = cidr with { CollectionId = id } } }
            : record;

    private static readonly HashSet<string> NothingReferenced = [];

    /// <summary>Health check ids that records will still carry after the plan: the desired ones and the zone's untouched ones.</summary>
    private static HashSet<string> StillReferenced(IReadOnlyList<DesiredRecord> records, ActualState actual, RecordDiffResult diff)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records)
            if (record.RecordSet.HealthCheckId is { } id) ids.Add(id);
        foreach (var record in actual.Records)
            if (record.HealthCheckId is { } id && !diff.Deleted.Contains(record.Key) && !diff.Replaced.Contains(record.Key)) ids.Add(id);
        return ids;
    }

    private static PlanLayer RecordLayer(string name, IReadOnlyList<ChangeBatch> batches) =>
        new(name, PlanLayerKind.Records) { ChangeBatches = batches };
}
