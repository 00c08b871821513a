using Failover.Core.Diagnostics;
using Failover.Core.Spec;

namespace Failover.Core.Validation;

/// <summary>Enforces Route 53's rules and the tree's shape; reports every error and warning at once.</summary>
public static class TreeValidator
{
    /// <summary>Every problem with <paramref name="spec"/>: errors first, then warnings, each in document order.</summary>
    public static IReadOnlyList<SpecDiagnostic> Validate(TreeSpec spec, ValidationLimits? limits = null)
    {
        var context = new ValidationContext(spec, limits ?? ValidationLimits.Default);
        SizeRules.Check(context);
        TreeFieldRules.Check(context);
        if (spec.HealthCheckDefaults is not null)
            HealthCheckRules.CheckSettings(context, spec.HealthCheckDefaults, "$.healthCheckDefaults", spec.HealthCheckDefaults.Type);
        var ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var visited in context.Nodes)
        {
            NodeShapeRules.Check(context, visited, ids);
            ParentAttributeRules.Check(context, visited);
            if (visited.Node.Endpoint is not null) EndpointRules.Check(context, visited);
            if (visited.Node.Alias is not null) AliasRules.Check(context, visited);
            NodeHealthCheckRules.Check(context, visited);
            if (visited.Node.Routing == RoutingPolicy.Weighted) EndpointRules.CheckWeightedTtls(context, visited.Node);
        }
        ExplicitNameRules.Check(context);
        CalculatedChildRules.Check(context);
        RiskWarnings.Check(context);
        return DiagnosticOrder.Sort(context.Diagnostics, spec);
    }
}
