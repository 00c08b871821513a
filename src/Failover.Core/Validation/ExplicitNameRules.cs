using Failover.Core.Compilation;
using Failover.Core.Spec;

namespace Failover.Core.Validation;

/// <summary>
/// The names an adopted tree keeps from the zone instead of deriving them: a nested rule's <c>helperName</c> and a
/// record's <c>setIdentifier</c>, and the health checks its <c>adopt</c> section takes over.
/// </summary>
internal static class ExplicitNameRules
{
    /// <summary>API reference, ResourceRecordSet.SetIdentifier: 1–128 characters.</summary>
    public const int MaxSetIdentifierLength = 128;

    public static void Check(ValidationContext context)
    {
        var spec = context.Spec;
        var helpers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (spec.RecordName.Length > 0) helpers[spec.RecordName] = "$.recordName";
        foreach (var visited in context.Nodes)
        {
            var node = visited.Node;
            CheckSetIdentifier(context, visited);
            if (node.HelperName is { } explicitName)
            {
                var path = visited.PathOf("helperName");
                if (visited.Parent is null || node.Routing is null)
                {
                    context.Error(path, visited.Parent is null
                        ? "the root rule answers at recordName; only nested rules have a helper name"
                        : "only nested rules have a helper name (their records live there); this node is a leaf");
                    continue;
                }
                // The Developer Guide's "DNS domain name format": letters, digits, '-' and '_' per label, 253 characters in all.
                if (DnsNameSyntax.Problem(explicitName) is { } problem)
                {
                    context.Error(path, $"the helper name {problem}");
                    continue;
                }
                if (spec.ZoneName.Length > 0 && !TreeFieldRules.IsInZone(explicitName, spec.ZoneName))
                {
                    context.Error(path,
                        $"\"{explicitName}\" is not inside the zone \"{spec.ZoneName}\": the rule's records go in the tree's zone");
                    continue;
                }
            }
            if (visited.Parent is not null && node.Routing is not null && spec.RecordName.Length > 0)
            {
                var helper = HelperNames.Of(node, spec.RecordName);
                if (helpers.TryGetValue(helper, out var first))
                    context.Error(node.HelperName is null ? visited.PathOf("id") : visited.PathOf("helperName"),
                        $"\"{helper}\" already holds the records of {first}: every rule needs a name of its own");
                else helpers[helper] = node.Path;
            }
        }
        if (spec.Adopt is { } adopt)
            foreach (var (node, id) in adopt.HealthChecks)
                if (id.Length is 0 or > 64)
                    context.Error($"$.adopt.healthChecks.{node}", "a health check id has 1–64 characters (API reference, HealthCheck.Id)");
    }

    private static void CheckSetIdentifier(ValidationContext context, VisitedNode visited)
    {
        if (visited.Node.SetIdentifier is not { } setIdentifier) return;
        var path = visited.PathOf("setIdentifier");
        if (visited.Parent is null)
            context.Error(path, "the root rule has no record of its own, so no set identifier");
        else if (setIdentifier.Length is 0 or > MaxSetIdentifierLength)
            context.Error(path,
                $"a set identifier has 1–{MaxSetIdentifierLength} characters (API reference, ResourceRecordSet.SetIdentifier)");
        else
        {
            // Route 53 tells the records of one name and type apart by SetIdentifier alone.
            var siblings = visited.Parent.ChildNodes().Where(c => !ReferenceEquals(c, visited.Node));
            if (siblings.FirstOrDefault(c => (c.SetIdentifier ?? c.Id) == setIdentifier) is { } clash)
                context.Error(path, $"the set identifier \"{TreeFieldRules.Shown(setIdentifier)}\" is also the one of {clash.Path}: " +
                    "it must be unique among the records of one name and type (API reference, ResourceRecordSet.SetIdentifier)");
        }
    }
}
