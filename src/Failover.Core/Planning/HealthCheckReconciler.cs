using Failover.Core.Compilation;

namespace Failover.Core.Planning;

/// <summary>Which desired health checks already exist (reused, their ids put into the records) and which to create.</summary>
internal sealed record HealthCheckReconciliation(IReadOnlyList<PlannedHealthCheck> ToCreate,
    IReadOnlyDictionary<string, string> ExistingIdsByNode);

internal static class HealthCheckReconciler
{
    public static HealthCheckReconciliation Reconcile(string tree, IReadOnlyList<DesiredHealthCheck> desired, ActualState actual)
    {
        var byReference = new Dictionary<string, ExistingHealthCheck>(StringComparer.Ordinal);
        foreach (var check in actual.HealthChecks) byReference.TryAdd(check.CallerReference, check);

        var taken = new HashSet<string>(StringComparer.Ordinal);
        var toCreate = new List<PlannedHealthCheck>();
        var existing = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var check in desired)
        {
            var match = byReference.GetValueOrDefault(check.CallerReference);
            // A check made under another reference (another salt) with the very same config serves just as well.
            match ??= actual.HealthChecks.FirstOrDefault(h =>
                h.TreeTag == tree && h.NodeTag == check.NodeId && !taken.Contains(h.Id) && h.Config.SameAs(check.Config));
            if (match is not null && taken.Add(match.Id))
                existing[check.NodeId] = match.Id;
            else
                toCreate.Add(new PlannedHealthCheck(check.NodeId, check.CallerReference, check.Config));
        }
        return new HealthCheckReconciliation(toCreate, existing);
    }

    /// <summary>
    /// The tree's own checks (found by tag) that no record will refer to once the plan has run. Checks given by id in
    /// the spec carry no tree tag and are never deleted.
    /// </summary>
    public static IReadOnlyList<HealthCheckDeletion> Unused(string tree, ActualState actual, IReadOnlySet<string> stillReferenced) =>
        actual.HealthChecks
            .Where(h => h.TreeTag == tree && !stillReferenced.Contains(h.Id))
            .OrderBy(h => h.NodeTag, StringComparer.Ordinal).ThenBy(h => h.Id, StringComparer.Ordinal)
            .Select(h => new HealthCheckDeletion(h.Id, h.NodeTag))
            .ToList();
}
