using Failover.Core.Spec;

namespace Failover.Core.Drift;

/// <summary>Whether a drift check should start a repair run, from the tree's <c>driftPolicy</c> and the report.</summary>
public static class DriftRepairPolicy
{
    /// <summary>
    /// Null: nothing to do (policy <c>report</c>, or no drift). <see cref="DriftRepairStatus.Blocked"/>: repair was asked
    /// for but a run would be refused. Otherwise a pending decision to start a run (status Started, no run id yet).
    /// </summary>
    public static DriftRepair? Decide(DriftPolicy policy, DriftReport report)
    {
        if (policy != DriftPolicy.Repair || !report.HasDrift) return null;
        var blocking = report.Items.Where(i => i.BlocksRepair).Select(i => i.Record.ToString()).ToList();
        return blocking.Count > 0
            ? new DriftRepair(DriftRepairStatus.Blocked, Reason:
                "the tree's groups hold record sets it does not own, and a run never writes beside them; remove them by hand: "
                + string.Join(", ", blocking))
            : new DriftRepair(DriftRepairStatus.Started);
    }
}
