using Failover.Core.Compilation;
using Failover.Core.Planning;

namespace Failover.Core.Health;

/// <summary>A node of the tree and the health check Route 53 evaluates for it.</summary>
public sealed record NodeHealthCheck(string NodeId, string HealthCheckId);

/// <summary>
/// Which health check is each endpoint's, from the checks found for the tree: the check whose CallerReference is the
/// one the compiler derives for the node's current settings, else a check tagged with the node (its settings changed
/// since, e.g. a run is replacing it), and for an endpoint that names an existing check by id, that check.
/// </summary>
public static class NodeHealthChecks
{
    public static IReadOnlyList<NodeHealthCheck> Locate(CompiledTree desired, IReadOnlyList<ExistingHealthCheck> found)
    {
        var byReference = found.GroupBy(c => c.CallerReference, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
        var byNode = found.Where(c => c.NodeTag is not null).GroupBy(c => c.NodeTag!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
        var result = new List<NodeHealthCheck>();
        foreach (var check in desired.HealthChecks)
        {
            var id = byReference.GetValueOrDefault(check.CallerReference) ?? byNode.GetValueOrDefault(check.NodeId);
            if (id is not null) result.Add(new NodeHealthCheck(check.NodeId, id));
        }
        foreach (var node in desired.Spec.Root.DescendantsAndSelf())
            if (node.Endpoint?.HealthCheckId is { } named && result.All(r => r.NodeId != node.Id))
                result.Add(new NodeHealthCheck(node.Id, named));
        return result;
    }

    /// <summary>Whether any endpoint of the tree is health-checked: a tree without checks needs no Route 53 call.</summary>
    public static bool Any(CompiledTree desired) =>
        desired.HealthChecks.Count > 0 || desired.Spec.Root.DescendantsAndSelf().Any(n => n.Endpoint?.HealthCheckId is not null);
}
