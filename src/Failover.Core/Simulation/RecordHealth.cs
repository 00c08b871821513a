using Failover.Core.Spec;

namespace Failover.Core.Simulation;

/// <summary>Whether Route 53 considers the record a node becomes healthy, given the leaves the query marks as failing.</summary>
internal sealed class RecordHealth(IReadOnlySet<string> unhealthy, TreeSpec? spec = null)
{
    private readonly Dictionary<TreeNode, bool> _known = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, bool> _checks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TreeNode> _byId = spec is null ? new(StringComparer.Ordinal)
        : spec.Root.DescendantsAndSelf().GroupBy(n => n.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(),
            StringComparer.Ordinal);

    public bool IsHealthy(TreeNode node)
    {
        if (_known.TryGetValue(node, out var healthy)) return healthy;
        healthy = node.Kind switch
        {
            // Route 53 considers a record without a health check healthy, always.
            NodeKind.Endpoint => !IsHealthChecked(node) || CheckIsHealthy(node, 0),
            // An alias to a resource outside the tree is only as healthy as that resource if it evaluates target health;
            // with a check of its own (API reference, ResourceRecordSet.HealthCheckId), only while that check is healthy too.
            // Marked failing without a check of its own, it is the target that fails.
            NodeKind.Alias => OwnCheckIsHealthy(node)
                && (!node.Alias!.EvaluateTargetHealth || node.HasHealthCheck || !unhealthy.Contains(node.Id)),
            // A nested rule is an alias with Evaluate Target Health to its group: healthy while any record there is, and
            // while its own check, if it has one, is.
            _ => OwnCheckIsHealthy(node) && node.ChildNodes().Any(IsHealthy),
        };
        _known[node] = healthy;
        return healthy;
    }

    /// <summary>
    /// The status of the node's own health check. Marked failing: unhealthy. A CALCULATED check: API reference,
    /// HealthCheckConfig.Type — Route 53 "adds up the number of health checks that Route 53 health checkers consider to
    /// be healthy and compares that number with the value of HealthThreshold"; Inverted turns the result over. Children
    /// given by id (outside the tree) count as healthy.
    /// </summary>
    private bool CheckIsHealthy(TreeNode node, int depth)
    {
        if (unhealthy.Contains(node.Id)) return false;
        if (_checks.TryGetValue(node.Id, out var known)) return known;
        var settings = node.OwnHealthCheck?.MergedOver(spec?.HealthCheckDefaults);
        var healthy = true;
        if (settings is { Type: "CALCULATED" } && depth < _byId.Count)
        {
            var children = settings.Children ?? [];
            var healthyChildren = children.Count(child =>
                    !_byId.TryGetValue(child, out var childNode) || CheckIsHealthy(childNode, depth + 1))
                + (settings.ChildHealthCheckIds?.Count ?? 0);
            var threshold = settings.HealthThreshold ?? children.Count + (settings.ChildHealthCheckIds?.Count ?? 0);
            healthy = (healthyChildren >= threshold) != (settings.Inverted ?? false);
        }
        _checks[node.Id] = healthy;
        return healthy;
    }

    public static bool IsHealthChecked(TreeNode node) => node.HasHealthCheck;

    private bool OwnCheckIsHealthy(TreeNode node) => !node.HasHealthCheck || CheckIsHealthy(node, 0);

    /// <summary>Whether marking the node unhealthy can change anything (a health-checked endpoint, or an alias evaluating its
    /// target).</summary>
    public static bool CanFail(TreeNode node) => node.Kind switch
    {
        NodeKind.Endpoint => IsHealthChecked(node),
        NodeKind.Alias => node.Alias!.EvaluateTargetHealth || node.HasHealthCheck,
        _ => node.HasHealthCheck,
    };
}
