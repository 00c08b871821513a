using Failover.Core.Spec;

namespace Failover.Core.Validation;

/// <summary>
/// The children a CALCULATED check names by node id: nodes of this tree with a check the tree creates, never itself,
/// and no cycle. API reference, HealthCheckConfig.ChildHealthChecks takes ids of health checks that exist, so the tree
/// creates the children first; a cycle could never be created at all.
/// </summary>
internal static class CalculatedChildRules
{
    public static void Check(ValidationContext context)
    {
        var owned = new Dictionary<string, (VisitedNode Node, HealthCheckSettings Merged, string Path)>(StringComparer.Ordinal);
        var allIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var visited in context.Nodes)
        {
            allIds.Add(visited.Node.Id);
            if (OwnedCheck(visited, context.Spec) is { } check) owned.TryAdd(visited.Node.Id, (visited, check.Merged, check.Path));
        }

        foreach (var (id, (_, merged, path)) in owned)
        {
            if (merged.Type != "CALCULATED" || merged.Children is not { } children) continue;
            for (var i = 0; i < children.Count; i++)
            {
                var child = children[i];
                var at = $"{path}.children[{i}]";
                if (child == id)
                    context.Error(at, "a CALCULATED check cannot be its own child");
                else if (!owned.ContainsKey(child))
                    context.Error(at, allIds.Contains(child)
                        ? $"node {child} has no health check this tree creates; give it a healthCheck, or name an existing check "
                            + "in childHealthCheckIds"
                        : $"no node of this tree has the id {TreeFieldRules.Shown(child)}");
            }
        }

        // Depth-first over the children graph; a node met again while still on the path closes a cycle.
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in owned.Keys)
        {
            var cycle = FindCycle(id, owned, state, []);
            if (cycle is not null)
            {
                context.Error($"{owned[cycle[0]].Path}.children",
                    $"the CALCULATED checks name each other in a cycle ({string.Join(" → ", cycle)} → {cycle[0]}): Route 53 needs each "
                    + "child to exist before its parent");
                return;
            }
        }
    }

    /// <summary>The check a node asks the tree to create, merged over the defaults, with the path of its settings.</summary>
    internal static (HealthCheckSettings Merged, string Path)? OwnedCheck(VisitedNode visited, TreeSpec spec) =>
        visited.Node.Endpoint?.HealthCheck is { } own
            ? (own.MergedOver(spec.HealthCheckDefaults), $"{visited.PathOf("endpoint")}.healthCheck")
            : visited.Node.Endpoint is null && visited.Node.HealthCheck is { } node
                ? (node.MergedOver(spec.HealthCheckDefaults), visited.PathOf("healthCheck"))
                : null;

    private static List<string>? FindCycle(string id,
        Dictionary<string, (VisitedNode Node, HealthCheckSettings Merged, string Path)> owned, Dictionary<string, int> state,
        List<string> path)
    {
        if (state.GetValueOrDefault(id) == 2) return null;
        if (state.GetValueOrDefault(id) == 1) return path[path.IndexOf(id)..];
        state[id] = 1;
        path.Add(id);
        var merged = owned[id].Merged;
        if (merged.Type == "CALCULATED")
            foreach (var child in merged.Children ?? [])
                if (child != id && owned.ContainsKey(child) && FindCycle(child, owned, state, path) is { } cycle) return cycle;
        path.RemoveAt(path.Count - 1);
        state[id] = 2;
        return null;
    }
}
