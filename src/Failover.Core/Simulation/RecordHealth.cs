using Failover.Core.Spec;

namespace Failover.Core.Simulation;

/// <summary>Whether Route 53 considers the record a node becomes healthy, given the leaves the query marks as failing.</summary>
internal sealed class RecordHealth(IReadOnlySet<string> unhealthy)
{
    private readonly Dictionary<TreeNode, bool> _known = new(ReferenceEqualityComparer.Instance);

    public bool IsHealthy(TreeNode node)
    {
        if (_known.TryGetValue(node, out var healthy)) return healthy;
        healthy = node.Kind switch
        {
            // Route 53 considers a record without a health check healthy, always.
            NodeKind.Endpoint => !IsHealthChecked(node) || !unhealthy.Contains(node.Id),
            // An alias to a resource outside the tree is only as healthy as that resource if it evaluates target health.
            NodeKind.Alias => !node.Alias!.EvaluateTargetHealth || !unhealthy.Contains(node.Id),
            // A nested rule is an alias with Evaluate Target Health to its group: healthy while any record there is.
            _ => node.ChildNodes().Any(IsHealthy),
        };
        _known[node] = healthy;
        return healthy;
    }

    public static bool IsHealthChecked(TreeNode node) =>
        node.Endpoint is { } endpoint && (endpoint.HealthCheck is not null || endpoint.HealthCheckId is not null);

    /// <summary>Whether marking the node unhealthy can change anything (a health-checked endpoint, or an alias evaluating its
    /// target).</summary>
    public static bool CanFail(TreeNode node) => node.Kind switch
    {
        NodeKind.Endpoint => IsHealthChecked(node),
        NodeKind.Alias => node.Alias!.EvaluateTargetHealth,
        _ => false,
    };
}
