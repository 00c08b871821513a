using Failover.Core.Compilation;

namespace Failover.Core.Planning;

/// <summary>
/// Orders health checks by what they name: a CALCULATED check is made after its children (Route 53 refuses a child id
/// that does not exist) and deleted before them. Depth 0: a check naming no check of the same set.
/// </summary>
internal static class HealthCheckLayering
{
    /// <summary>The checks to create, grouped by depth, shallowest first; within a depth in the order given.</summary>
    /// <remarks>
    /// By position, not by node: one table from node id to position (children found by the id inside their placeholder,
    /// without cutting it out as a string), depths in an array and the groups filled in one pass. A hundred thousand
    /// leaves gave this method four tables and a sort of 60,000 entries; it cost five times as much per leaf as at
    /// a thousand.
    /// </remarks>
    public static IEnumerable<(int Depth, IReadOnlyList<PlannedHealthCheck> Checks)> ByDepth(IReadOnlyList<PlannedHealthCheck> checks)
    {
        if (checks.Count == 0) return [];
        var positions = new Dictionary<string, int>(checks.Count, StringComparer.Ordinal);
        for (var i = 0; i < checks.Count; i++) positions.Add(checks[i].NodeId, i);
        var byNode = positions.GetAlternateLookup<ReadOnlySpan<char>>();
        var depths = new int[checks.Count];
        Array.Fill(depths, -1);
        int DepthOf(int at, int guard)
        {
            if (depths[at] >= 0) return depths[at];
            var depth = 0;
            // The guard stops a cycle the validator should have refused from recursing forever.
            if (guard < checks.Count)
                foreach (var child in checks[at].Config.ChildHealthChecks)
                    if (HealthCheckPlaceholder.TryGetNodeIdChars(child, out var node) && byNode.TryGetValue(node, out var childAt))
                        depth = Math.Max(depth, 1 + DepthOf(childAt, guard + 1));
            depths[at] = depth;
            return depth;
        }
        var deepest = 0;
        for (var i = 0; i < checks.Count; i++) deepest = Math.Max(deepest, DepthOf(i, 0));

        var groups = new List<PlannedHealthCheck>?[deepest + 1];
        for (var i = 0; i < checks.Count; i++) (groups[depths[i]] ??= []).Add(checks[i]);
        var result = new List<(int, IReadOnlyList<PlannedHealthCheck>)>();
        for (var depth = 0; depth <= deepest; depth++)
            if (groups[depth] is { } group) result.Add((depth, group));
        return result;
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
