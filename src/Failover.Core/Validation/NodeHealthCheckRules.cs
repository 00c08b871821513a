using Failover.Core.Route53;
using Failover.Core.Spec;

namespace Failover.Core.Validation;

/// <summary>
/// <c>healthCheck</c> / <c>healthCheckId</c> on alias leaves and nested rules: the node's record in its parent's group
/// names the check. API reference, ResourceRecordSet.HealthCheckId is a member of every record set, alias or not, and
/// Traffic Flow puts health checks on rule references and alias endpoints alike. Such a record has no address of its
/// own, so a check of an endpoint's kind checks the name in its <c>fqdn</c>.
/// </summary>
internal static class NodeHealthCheckRules
{
    public static void Check(ValidationContext context, VisitedNode visited)
    {
        var node = visited.Node;
        if (node.HealthCheck is null && node.HealthCheckId is null) return;
        var field = node.HealthCheck is not null ? "healthCheck" : "healthCheckId";
        var path = visited.PathOf(field);
        if (node.Endpoint is not null)
        {
            context.Error(path, $"an endpoint's {field} belongs inside its endpoint object");
            return;
        }
        if (node.Routing is not null && visited.Parent is null)
        {
            context.Error(path, "the root rule has no record of its own to check: put the health checks on its children");
            return;
        }
        if (node.HealthCheck is not null && node.HealthCheckId is not null)
            context.Error(visited.PathOf("healthCheckId"),
                "give either healthCheck (a check this tree creates) or healthCheckId (an existing check), not both");
        if (node.HealthCheckId is { } id && !EndpointRules.IsHealthCheckId(id))
            context.Error(visited.PathOf("healthCheckId"), $"\"{TreeFieldRules.Shown(id)}\" is not a Route 53 health check id");
        if (node.HealthCheck is not { } own) return;

        var merged = own.MergedOver(context.Spec.HealthCheckDefaults);
        HealthCheckRules.CheckSettings(context, own, path, merged.Type);
        if (merged.Type is null)
        {
            context.Error($"{path}.type", "the health check has no type: set it here or in healthCheckDefaults");
            return;
        }
        if (!AwsCatalog.HealthCheckTypes.Contains(merged.Type)) return;
        if (!HealthCheckConfig.IsEndpointType(merged.Type))
        {
            OtherKindRules.CheckComplete(context, merged, path);
            return;
        }
        // API reference, HealthCheckConfig.IPAddress and FullyQualifiedDomainName: without an IPAddress Route 53 resolves
        // the FQDN and checks what it answers.
        if (merged.Target == "address")
            context.Error($"{path}.target", "an alias or rule record holds no address to check: use target \"fqdn\" (or leave it out)");
        if (merged.Fqdn is null)
            context.Error($"{path}.fqdn", "an alias or rule record holds no address to check: give the health check an fqdn");
        if (merged.Type is "HTTP_STR_MATCH" or "HTTPS_STR_MATCH" && merged.SearchString is null)
            context.Error($"{path}.searchString", $"a {merged.Type} check needs a searchString to look for in the response");
        if (merged.Type == "TCP" && merged.Port is null)
            context.Error($"{path}.port", "a TCP check needs a port: Route 53 has no default port for TCP");
    }
}
