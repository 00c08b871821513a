using Failover.Core.Compilation;

namespace Failover.Core.Planning;

/// <summary>
/// Orders health checks by what they name: a CALCULATED check is made after its children (Route 53 refuses a child id
/// that does not exist) and deleted before them. Depth 0: a check naming no check of the same set.
/// </summary>
internal static class HealthCheckLayering
{
    /// <summary>The checks to create, grouped by depth, shallowest first; within a depth in the order given.</summary>
    public static IEnumerable<(int Depth, IReadOnlyList<PlannedHealthCheck> Checks)> ByDepth(IReadOnlyList<PlannedHealthCheck> checks)
    {
        if (checks.Count == 0) return [];
        var byNode = checks.ToDictionary(c => c.NodeId, StringComparer.Ordinal);
        var depths = new Dictionary<string, int>(StringComparer.Ordinal);
        int DepthOf(PlannedHealthCheck check, int guard)
        {
            if (depths.TryGetValue(check.NodeId, out var known)) return known;
            var depth = 0;
            // The guard stops a cycle the validator should have refused from recursing forever.
            if (guard < checks.Count)
                foreach (var child in check.Config.ChildHealthChecks)
                    if (HealthCheckPlaceholder.TryGetNodeId(child, out var node) && byNode.TryGetValue(node, out var childCheck))
                        depth = Math.Max(depth, 1 + DepthOf(childCheck, guard + 1));
            depths[check.NodeId] = depth;
            return depth;
        }
        foreach (var check in checks) DepthOf(check, 0);
        return checks.GroupBy(c => depths[c.NodeId]).OrderBy(g => g.Key)
            .Select(g => (g.Key, (IReadOnlyList<PlannedHealthCheck>)g.ToList()));
    }

    /// <summary>Existing checks by id → how many levels of children below them are in the same set.</summary>
    public static Dictionary<string, int> DepthsById(IReadOnlyList<ExistingHealthCheck> checks)
    {
        var byId = checks.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var depths = new Dictionary<string, int>(StringComparer.Ordinal);
        int DepthOf(ExistingHealthCheck check, int guard)
        {
            if (depths.TryGetValue(check.Id, out var known)) return known;
            var depth = 0;
            if (guard < checks.Count)
                foreach (var child in check.Config.ChildHealthChecks)
                    if (byId.TryGetValue(child, out var childCheck)) depth = Math.Max(depth, 1 + DepthOf(childCheck, guard + 1));
            depths[check.Id] = depth;
            return depth;
        }
        foreach (var check in checks) DepthOf(check, 0);
        return depths;
    }
}
