using Failover.Core.Spec;

namespace Failover.Core.Validation;

/// <summary>Shapes Route 53 accepts but that rarely do what their author wants; reported as warnings.</summary>
internal static class RiskWarnings
{
    public static void Check(ValidationContext context)
    {
        foreach (var visited in context.Nodes)
        {
            var node = visited.Node;
            if (node.Routing == RoutingPolicy.Geolocation && node.Children.Count > 0
                && !node.Children.Any(c => c.Location?.IsDefault == true))
                context.Warning($"{node.Path}.children",
                    "no child has the default location ({\"default\": true}): Route 53 gives no answer to queries from unlisted places " +
                        "or from addresses it cannot locate");
            if (node.Routing == RoutingPolicy.Weighted && node.Children.Count > 1 && node.Children.All(c => c.Weight == 0))
                context.Warning($"{node.Path}.children",
                    "every weight is 0: Route 53 then spreads queries evenly, as if all weights were equal; give the children real " +
                    "weights");
        }
        var leaves = context.Nodes.Where(n => n.Node.Routing is null && (n.Node.Endpoint is not null || n.Node.Alias is not null)).ToList();
        if (leaves.Count > 0 && leaves.All(n => IsHealthChecked(n.Node, context.Spec)))
            context.Warning("$.root",
                "every leaf is health-checked and none is a last resort: when all checks fail Route 53 answers with unhealthy endpoints " +
                    "anyway; add a leaf without a health check (a static site, an S3 sorry page)");
    }

    /// <summary>Whether Route 53 can stop answering with this leaf because of a health check.</summary>
    private static bool IsHealthChecked(TreeNode leaf, TreeSpec spec)
    {
        if (leaf.Endpoint is { } endpoint) return endpoint.HealthCheck is not null || endpoint.HealthCheckId is not null;
        var alias = leaf.Alias!;
        if (leaf.HasHealthCheck) return true;
        return alias.EvaluateTargetHealth && !AliasTargets.AlwaysAnswers(AliasTargets.Classify(alias, spec.HostedZoneId));
    }
}
