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
    public static DriftRepair? Decide(DriftPolicy policy, DriftReport report)
    {
        if (policy != DriftPolicy.Repair || !report.HasDrift) return null;
        var blocking = report.Items.Where(i => i.BlocksRepair).Select(i => i.Record.ToString()).ToList();
        if (blocking.Count > 0)
            return new DriftRepair(DriftRepairStatus.Blocked, Reason:
                "the tree's groups hold record sets it does not own, and a run never writes beside them; remove them by hand: "
                + string.Join(", ", blocking));
        // A run deletes only what the tree owns, so someone else's record at a name reserved for the tree's rules stays: when
        // that is all the drift, a run would change nothing and the next cycle would start another one.
        return report.Items.All(BeyondARun)
            ? new DriftRepair(DriftRepairStatus.Blocked, Reason:
                "only record sets the tree does not own drifted, at names reserved for its rules, and a run never deletes them; "
                + "remove them by hand: " + string.Join(", ", report.Items.Select(i => i.Record.ToString())))
            : new DriftRepair(DriftRepairStatus.Started);
    }

    private static bool BeyondARun(DriftItem item) =>
        item is { Kind: DriftKind.RecordExtra, Place: ExtraRecordPlace.HelperName, Owned: false };
}
