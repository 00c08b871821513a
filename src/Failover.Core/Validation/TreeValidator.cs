using Failover.Core.Diagnostics;
using Failover.Core.Spec;

namespace Failover.Core.Validation;

/// <summary>Enforces Route 53's rules and the tree's shape; reports every error and warning at once.</summary>
public static class TreeValidator
{
    /// <summary>Every problem with <paramref name="spec"/>: errors first, then warnings, each in document order.</summary>
    /// <param name="zones">Which of the tree's zones are private (read from Route 53 by the plan and the apply); without it
    /// the private-zone rules are not checked.</param>
    public static IReadOnlyList<SpecDiagnostic> Validate(TreeSpec spec, ValidationLimits? limits = null, ZonePrivacy? zones = null)
    {
        var context = new ValidationContext(spec, limits ?? ValidationLimits.Default);
        Check(context);
        if (spec.Attachments.Count > 0)
        {
            AttachmentRules.Check(context);
            foreach (var attachment in spec.Attachments) AddAttachmentOnly(context, attachment);
        }
        if (zones is not null) PrivateZoneRules.Check(context, zones);
        return DiagnosticOrder.Sort(context.Diagnostics, spec);
    }

    /// <summary>
    /// What the design gets wrong at one attachment only (an alias into that zone, a check that resolves that name): the
    /// tree as it stands there, checked whole, less what the first attachment's check already said. The attachment's own
    /// fields were checked by <see cref="AttachmentRules"/>.
    /// </summary>
    private static void AddAttachmentOnly(ValidationContext context, TreeAttachment attachment)
    {
        var at = new ValidationContext(context.Spec.At(attachment), context.Limits);
        Check(at);
        var known = context.Diagnostics.Select(d => (d.Path, d.Message)).ToHashSet();
        foreach (var diagnostic in at.Diagnostics)
        {
            if (IsTreeField(diagnostic.Path) || known.Contains((diagnostic.Path, diagnostic.Message))) continue;
            var message = $"at {attachment.RecordName} in {attachment.HostedZoneId} ({attachment.Path}): {diagnostic.Message}";
            if (diagnostic.Severity == Severity.Error) context.Error(diagnostic.Path, message);
            else context.Warning(diagnostic.Path, message);
        }
    }

    /// <summary>The attachment's fields and helper names are <see cref="AttachmentRules"/>' to judge.</summary>
    private static bool IsTreeField(string path) =>
        path is "$.hostedZoneId" or "$.zoneName" or "$.recordName" or "$.recordType"
        || path.EndsWith(".helperName", StringComparison.Ordinal);

    private static void Check(ValidationContext context)
    {
        var spec = context.Spec;
        SizeRules.Check(context);
        TreeFieldRules.Check(context);
        if (spec.HealthCheckDefaults is not null)
            HealthCheckRules.CheckSettings(context, spec.HealthCheckDefaults, "$.healthCheckDefaults", spec.HealthCheckDefaults.Type);
        // Sized once: grown by doubling, a large tree's table is copied into new large-object arrays again and again.
        var ids = new Dictionary<string, string>(context.Nodes.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var visited in context.Nodes)
        {
            NodeShapeRules.Check(context, visited, ids);
            ParentAttributeRules.Check(context, visited);
            if (visited.Node.Endpoint is not null) EndpointRules.Check(context, visited);
            if (visited.Node.Alias is not null) AliasRules.Check(context, visited);
            NodeHealthCheckRules.Check(context, visited);
            if (visited.Node.Routing is RoutingPolicy.Weighted or RoutingPolicy.Multivalue)
                EndpointRules.CheckGroupTtls(context, visited.Node);
        }
        ExplicitNameRules.Check(context);
        CalculatedChildRules.Check(context);
        RiskWarnings.Check(context);
        QuotaWarnings.Check(context);
    }

    /// <summary>
    /// Only the rules that depend on the zones' privacy: what a plan or an apply adds, once it has read the zones, to a spec
    /// that passed <see cref="Validate"/> without them.
    /// </summary>
    public static IReadOnlyList<SpecDiagnostic> ValidateInZones(TreeSpec spec, ZonePrivacy zones)
    {
        var context = new ValidationContext(spec, ValidationLimits.StoredVersion);
        PrivateZoneRules.Check(context, zones);
        return DiagnosticOrder.Sort(context.Diagnostics, spec);
    }

    /// <summary>The hosted zones whose privacy <see cref="ValidateInZones"/> needs: every zone the tree answers in.</summary>
    public static IReadOnlyList<string> ZonesOf(TreeSpec spec) =>
        spec.AllAttachments.Select(a => a.HostedZoneId).Distinct(StringComparer.Ordinal).ToList();
}
