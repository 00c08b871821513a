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
    public static DriftRepair? Decide(DriftPolicy policy, DriftReport report, CompiledTree? desired = null)
    {
        if (policy != DriftPolicy.Repair || !report.HasDrift) return null;
        var blocking = report.Items.Where(i => i.BlocksRepair).Select(i => i.Record.ToString()).ToList();
        if (blocking.Count > 0)
            return new DriftRepair(DriftRepairStatus.Blocked, Reason:
                "the tree's groups hold record sets it does not own, and a run never writes beside them; remove them by hand: "
                + string.Join(", ", blocking));
        // When all the drift is what a run cannot change, a run would change nothing and the next cycle would start another.
        var namedById = NamedById(desired);
        return report.Items.All(i => BeyondARun(i, namedById))
            ? new DriftRepair(DriftRepairStatus.Blocked, Reason:
                "a run cannot change what drifted (it deletes only record sets the tree owns, and cannot make a health check of a "
                + "given id); fix it by hand: " + string.Join("; ", report.Items.Select(i => i.Describe())))
            : new DriftRepair(DriftRepairStatus.Started);
    }

    /// <summary>
    /// Someone else's record at a name reserved for the tree's rules (a run deletes only what the tree owns), or a record
    /// naming the deleted check its spec names by id (<c>healthCheckId</c>): Route 53 gives a new check a new id (API
    /// reference, CreateHealthCheck), so only a new spec or a person can mend it.
    /// </summary>
    private static bool BeyondARun(DriftItem item, HashSet<(RecordKey, string)> namedById) => item switch
    {
        { Kind: DriftKind.RecordExtra, Place: ExtraRecordPlace.HelperName, Owned: false } => true,
        { Kind: DriftKind.RecordHealthCheckDeleted, Record: { } key, HealthCheckId: { } id } => namedById.Contains((key.WithoutZone, id)),
        _ => false,
    };

    /// <summary>Each desired record that names an existing check by id (not the tree's own check's placeholder), by key.</summary>
    private static HashSet<(RecordKey, string)> NamedById(CompiledTree? desired) =>
        desired is null ? [] : [.. desired.AllRecords
            .Where(r => r.RecordSet.HealthCheckId is { } id && !HealthCheckPlaceholder.TryGetNodeId(id, out _))
            .Select(r => (r.RecordSet.Key.WithoutZone, r.RecordSet.HealthCheckId!))];
}
