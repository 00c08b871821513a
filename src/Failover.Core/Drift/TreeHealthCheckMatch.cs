using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Route53;

namespace Failover.Core.Drift;

/// <summary>
/// Which existing health check is each desired check of the tree. Runs salt their CallerReferences (Route 53 refuses a
/// deleted check's reference for days), so the exact reference is only one way in: a check tagged with the tree and
/// the node is the node's too. Among several, the one the node's record actually names wins, then the one made with
/// the very reference, then one with the same config.
/// </summary>
internal static class TreeHealthCheckMatch
{
    public static Dictionary<string, ExistingHealthCheck?> Match(
        CompiledTree desired, ActualState actual, IReadOnlyDictionary<RecordKey, ResourceRecordSet> actualByKey)
    {
        var tree = desired.Spec.Name;
        var namedByNode = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var record in desired.Records)
            if (HealthCheckPlaceholder.TryGetNodeId(record.RecordSet.HealthCheckId, out var node)
                && actualByKey.TryGetValue(record.RecordSet.Key, out var current) && current.HealthCheckId is { } id)
                namedByNode.TryAdd(node, id);

        // Indexed once: a tree has thousands of checks, and scanning them all per desired check would be quadratic.
        var byReference = actual.HealthChecks.ToLookup(h => h.CallerReference, StringComparer.Ordinal);
        var byNode = actual.HealthChecks.Where(h => h.TreeTag == tree && h.NodeTag is not null)
            .ToLookup(h => h.NodeTag!, StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var matches = new Dictionary<string, ExistingHealthCheck?>(StringComparer.Ordinal);
        foreach (var check in desired.HealthChecks)
        {
            var candidates = byReference[check.CallerReference].Concat(byNode[check.NodeId])
                .Where(h => !taken.Contains(h.Id))
                .DistinctBy(h => h.Id)
                .OrderBy(h => h.Id, StringComparer.Ordinal)
                .ToList();
            var named = namedByNode.GetValueOrDefault(check.NodeId);
            var match = candidates.FirstOrDefault(h => h.Id == named)
                ?? candidates.FirstOrDefault(h => h.CallerReference == check.CallerReference)
                ?? candidates.FirstOrDefault(h => h.Config.SameAs(check.Config))
                ?? candidates.FirstOrDefault();
            if (match is not null) taken.Add(match.Id);
            matches[check.NodeId] = match;
        }
        return matches;
    }
}
