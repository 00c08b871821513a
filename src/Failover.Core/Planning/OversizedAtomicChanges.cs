using Failover.Core.Route53;

namespace Failover.Core.Planning;

/// <summary>
/// Changes that must land in one ChangeResourceRecordSets request but cannot: a name and type switching routing policy
/// (Route 53 refuses two routing policies at one name and type, so its old records go and the new ones come together)
/// whose records hold more than one request takes. API reference, ChangeResourceRecordSets, and the Developer Guide's
/// "Quotas": at most 1,000 ResourceRecord elements and 32,000 value characters per request; Route 53 refuses a larger
/// one (InvalidChangeBatch, "Number of records limit of 1000 exceeded"). Reported as conflicts, so a run stops before
/// any change instead of failing at the record layer after the health checks were made.
/// </summary>
internal static class OversizedAtomicChanges
{
    public static IEnumerable<PlanConflict> Find(IEnumerable<IReadOnlyList<RecordChange>> units, ChangeBatchLimits limits)
    {
        foreach (var unit in units)
        {
            if (unit.Count < 2) continue;
            var cost = ChangeCost.Of(unit);
            if (cost.ResourceRecords <= limits.MaxResourceRecords && cost.ValueCharacters <= limits.MaxValueCharacters
                && unit.Count <= limits.MaxChanges) continue;
            var created = unit.FirstOrDefault(c => c.Action != ChangeAction.Delete) ?? unit[0];
            var record = created.RecordSet;
            yield return new PlanConflict(record.Key,
                $"{record.Name} {record.Type} changes its routing policy (or the record holding a role, region or location) by "
                + $"deleting and creating {unit.Count} record sets in one request, of {cost.ResourceRecords:N0} values and "
                + $"{cost.ValueCharacters:N0} characters; Route 53 takes at most {limits.MaxResourceRecords:N0} and "
                + $"{limits.MaxValueCharacters:N0} (ChangeResourceRecordSets) and allows one routing policy at a name and type, so "
                + "this cannot be applied: first apply a version with fewer values at this rule, then add them back");
        }
    }
}
