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
        // A check's path is made only for a message: a large tree has tens of thousands of checks and few mistakes.
        var owned = new Dictionary<string, (VisitedNode Node, HealthCheckSettings Merged)>(context.Nodes.Count, StringComparer.Ordinal);
        var allIds = new HashSet<string>(context.Nodes.Count, StringComparer.Ordinal);
        foreach (var visited in context.Nodes)
        {
            allIds.Add(visited.Node.Id);
            if (OwnedCheck(visited, context.Spec) is { } merged) owned.TryAdd(visited.Node.Id, (visited, merged));
        }

        foreach (var (id, (node, merged)) in owned)
        {
            if (merged.Type != "CALCULATED" || merged.Children is not { } children) continue;
            for (var i = 0; i < children.Count; i++)
            {
                var child = children[i];
                var index = i;
                string At() => $"{PathOf(node)}.children[{index}]";
                if (child == id)
                    context.Error(At(), "a CALCULATED check cannot be its own child");
                else if (!owned.ContainsKey(child))
                    context.Error(At(), allIds.Contains(child)
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
                context.Error($"{PathOf(owned[cycle[0]].Node)}.children",
                    $"the CALCULATED checks name each other in a cycle ({string.Join(" → ", cycle)} → {cycle[0]}): Route 53 needs each "
                    + "child to exist before its parent");
                return;
            }
        }
    }

    /// <summary>The check a node asks the tree to create, merged over the defaults.</summary>
    internal static HealthCheckSettings? OwnedCheck(VisitedNode visited, TreeSpec spec) =>
        visited.Node.Endpoint?.HealthCheck is { } own
            ? own.MergedOver(spec.HealthCheckDefaults)
            : visited.Node.Endpoint is null && visited.Node.HealthCheck is { } node
                ? node.MergedOver(spec.HealthCheckDefaults)
                : null;

    /// <summary>The path of the settings of the check <see cref="OwnedCheck"/> found on this node.</summary>
    private static string PathOf(VisitedNode visited) =>
        visited.Node.Endpoint is not null ? $"{visited.PathOf("endpoint")}.healthCheck" : visited.PathOf("healthCheck");

    private static List<string>? FindCycle(string id,
        Dictionary<string, (VisitedNode Node, HealthCheckSettings Merged)> owned, Dictionary<string, int> state,
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
