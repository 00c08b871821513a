using Failover.Core.Diagnostics;

namespace Failover.Core.Planning;

/// <summary>
/// Refuses an update that would delete or replace more than half of the tree's existing record sets unless forced,
/// as octoDNS does: a typo in a spec should not be able to take a whole tree down in one apply.
/// </summary>
public static class ChangeSizeGuard
{
    /// <returns>An error naming the counts, or null when the plan may go ahead.</returns>
    public static SpecDiagnostic? Check(Plan plan, ActualState actual, bool force)
    {
        if (force) return null;
        var existing = Math.Max(plan.Summary.ExistingRecords, actual.Records.Count(r => actual.OwnedRecords.Contains(r.Key)));
        var touched = plan.Summary.ExistingRecordsDeletedOrReplaced;
        if (existing == 0 || touched * 2 <= existing) return null;
        return new SpecDiagnostic(
            "$",
            $"the plan would delete or replace {touched} of the {existing} record sets tree '{plan.Tree}' has now " +
            $"({plan.Summary.RecordsDeleted} deleted, {plan.Summary.RecordsUpdated} replaced), more than half; " +
            "check the spec, then apply again with force to go ahead");
    }
}
