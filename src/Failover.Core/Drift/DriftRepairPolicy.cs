using Failover.Core.Compilation;
using Failover.Core.Route53;
using Failover.Core.Spec;

namespace Failover.Core.Drift;

/// <summary>Whether a drift check should start a repair run, from the tree's <c>driftPolicy</c> and the report.</summary>
public static class DriftRepairPolicy
{
    /// <summary>
    /// Null: nothing to do (policy <c>report</c>, or no drift). <see cref="DriftRepairStatus.Blocked"/>: repair was asked
    /// for but a run would be refused, or would change nothing. Otherwise a pending decision to start a run (status
    /// Started, no run id yet).
    /// </summary>
    /// <param name="desired">The tree the report compares with: tells a check the spec names by id from one the tree makes.</param>
    /// <param name="existingHealthCheckIds">
    /// Every health check id in the account, as the check read it (null: not known; then only the report's items tell a deleted
    /// check the spec names by id).
    /// </param>
    public static DriftRepair? Decide(DriftPolicy policy, DriftReport report, CompiledTree? desired = null,
        IReadOnlySet<string>? existingHealthCheckIds = null)
    {
        if (policy != DriftPolicy.Repair || !report.HasDrift) return null;
        var blocking = report.Items.Where(i => i.BlocksRepair).Select(i => i.Record.ToString()).ToList();
        if (blocking.Count > 0)
            return new DriftRepair(DriftRepairStatus.Blocked, Reason:
                "the tree's groups hold record sets it does not own, and a run never writes beside them; remove them by hand: "
                + string.Join(", ", blocking));
        var namedById = NamedById(desired);
        // Route 53 refuses a change whose record names a health check that does not exist (API reference,
        // ChangeResourceRecordSets, errors: NoSuchHealthCheck, "No health check exists with the specified ID"), and gives a new
        // check a new id (CreateHealthCheck): a run that writes such a record fails at every cycle, whatever else drifted
        // (the record missing, repointed to another check, or changed beside it).
        var gone = DeletedById(namedById, report, existingHealthCheckIds);
        if (gone.Count > 0)
            return new DriftRepair(DriftRepairStatus.Blocked, Reason:
                "the spec names by id (healthCheckId) a health check that no longer exists, and Route 53 refuses a record naming "
                + "it; give the node another check in a new version: "
                + string.Join("; ", gone.Select(g => $"health check {g.Id} of node {g.NodeId}")));
        // When all the drift is what a run cannot change, a run would change nothing and the next cycle would start another.
        return report.Items.All(BeyondARun)
            ? new DriftRepair(DriftRepairStatus.Blocked, Reason:
                "a run cannot change what drifted (it deletes only record sets the tree owns); fix it by hand: "
                + string.Join("; ", report.Items.Select(i => i.Describe())))
            : new DriftRepair(DriftRepairStatus.Started);
    }

    /// <summary>
    /// The checks the spec names by id that no longer exist, with the node naming each: those the account's list lacks, and
    /// those the report finds a record naming while deleted (all that is known without the list).
    /// </summary>
    private static List<(string NodeId, string Id)> DeletedById(Dictionary<(RecordKey, string), string> namedById, DriftReport report,
        IReadOnlySet<string>? existingHealthCheckIds)
    {
        var gone = new List<(string NodeId, string Id)>();
        if (existingHealthCheckIds is not null)
            gone.AddRange(namedById.Where(n => !existingHealthCheckIds.Contains(n.Key.Item2)).Select(n => (n.Value, n.Key.Item2)));
        foreach (var item in report.Items)
            if (item is { Kind: DriftKind.RecordHealthCheckDeleted, Record: { } key, HealthCheckId: { } id }
                && namedById.TryGetValue((key.WithoutZone, id), out var node))
                gone.Add((node, id));
        return [.. gone.Distinct().OrderBy(g => g.NodeId, StringComparer.Ordinal)];
    }

    /// <summary>Someone else's record at a name reserved for the tree's rules: a run deletes only what the tree owns.</summary>
    private static bool BeyondARun(DriftItem item) =>
        item is { Kind: DriftKind.RecordExtra, Place: ExtraRecordPlace.HelperName, Owned: false };

    /// <summary>
    /// Each desired record that names an existing check by id (not the tree's own check's placeholder), by key and id, with
    /// the node it belongs to.
    /// </summary>
    private static Dictionary<(RecordKey, string), string> NamedById(CompiledTree? desired)
    {
        var named = new Dictionary<(RecordKey, string), string>();
        if (desired is null) return named;
        foreach (var record in desired.AllRecords)
            if (record.RecordSet.HealthCheckId is { } id && !HealthCheckPlaceholder.TryGetNodeId(id, out _))
                named.TryAdd((record.RecordSet.Key.WithoutZone, id), record.NodeId);
        return named;
    }
}
