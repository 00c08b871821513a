using Failover.Core.Compilation;
using Failover.Core.Route53;

namespace Failover.Core.Planning;

/// <summary>
/// Health checks the tree names by id (an endpoint's <c>healthCheckId</c>, a CALCULATED check's
/// <c>childHealthCheckIds</c>) that the account does not hold. Route 53 refuses a record naming a check that does not exist
/// (API reference, ChangeResourceRecordSets: NoSuchHealthCheck, "No health check exists with the specified ID") and a
/// CALCULATED check whose children are not checks of the account (HealthCheckConfig.ChildHealthChecks: the health checks
/// "that you want to associate"): reported as conflicts, the run stops before any change instead of failing after it
/// made other checks. Only what the plan writes is checked: a record left as it is makes no request.
/// </summary>
public static class MissingNamedHealthChecks
{
    /// <param name="records">The tree's records, for their nodes.</param>
    /// <param name="written">The records the plan creates or replaces.</param>
    /// <param name="created">The checks the plan creates.</param>
    /// <param name="actual">Its <see cref="ActualState.AccountHealthCheckIds"/>: null when not read, and nothing is reported.</param>
    public static IEnumerable<PlanConflict> Find(IReadOnlyList<DesiredRecord> records, IReadOnlySet<RecordKey> written,
        IReadOnlyList<PlannedHealthCheck> created, ActualState actual)
    {
        if (actual.AccountHealthCheckIds is not { } account) yield break;
        foreach (var record in records)
        {
            if (record.RecordSet.HealthCheckId is not { } id || HealthCheckPlaceholder.IsPlaceholder(id) || account.Contains(id)
                || !written.Contains(record.RecordSet.Key))
                continue;
            yield return new PlanConflict(record.RecordSet.Key, Reason(record.NodeId, "names", id));
        }
        foreach (var check in created)
        {
            var missing = check.Config.ChildHealthChecks
                .Where(id => !HealthCheckPlaceholder.IsPlaceholder(id) && !account.Contains(id)).Distinct(StringComparer.Ordinal).ToList();
            if (missing.Count == 0) continue;
            // The conflict stands at the node's record (the one its check is attached to), as every conflict names a record.
            var at = (records.FirstOrDefault(r => r.NodeId == check.NodeId) ?? records.FirstOrDefault())?.RecordSet.Key
                ?? new RecordKey(check.NodeId, "", null);
            foreach (var id in missing)
                yield return new PlanConflict(at, Reason(check.NodeId, "has a CALCULATED health check with the child", id));
        }
    }

    private static string Reason(string node, string what, string id) =>
        $"node '{node}' {what} health check {id}, which does not exist in the account, and Route 53 refuses a reference to a "
        + "check that does not exist (NoSuchHealthCheck): create that check first, or name one that exists";
}
