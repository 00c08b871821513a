using Failover.Core.Compilation;
using Failover.Core.Spec;

namespace Failover.Core.Diagram;

/// <summary>
/// What a node becomes in Route 53, in words: the kind of record (decided by the parent's routing and the node's kind),
/// the name it lives at, what it routes to and how its health is known.
/// </summary>
internal static class NodeDescription
{
    public static IReadOnlyList<string> Lines(TreeNode node, TreeNode? parent, TreeSpec spec)
    {
        var lines = new List<string> { node.Id };
        if (parent is null && node.Kind == NodeKind.Rule)
        {
            lines.Add($"{Policy(node.Routing)} rule");
            lines.Add($"records at {spec.RecordName}");
            return lines;
        }

        var recordName = parent is null || ReferenceEquals(parent, spec.Root) ? spec.RecordName
            : HelperNames.Of(parent, spec.RecordName);
        lines.Add(RecordKind(node, parent, spec));
        lines.Add(node.Kind == NodeKind.Rule ? $"{recordName} → {HelperNames.Of(node, spec.RecordName)}" : recordName);
        lines.Add(node.Kind switch
        {
            NodeKind.Endpoint => HealthCheck(node.Endpoint!, spec),
            NodeKind.Alias => node.HasHealthCheck
                ? HealthCheck(new EndpointSpec { HealthCheck = node.HealthCheck, HealthCheckId = node.HealthCheckId }, spec)
                    + (node.Alias!.EvaluateTargetHealth ? ", evaluates target health" : "")
                : node.Alias!.EvaluateTargetHealth ? "evaluates target health" : "no health check",
            _ => $"{Policy(node.Routing)} rule, evaluates target health"
                + (node.HasHealthCheck && parent is not null
                    ? ", " + HealthCheck(new EndpointSpec { HealthCheck = node.HealthCheck, HealthCheckId = node.HealthCheckId }, spec)
                    : ""),
        });
        return lines;
    }

    /// <summary>The record a node becomes, e.g. "weighted alias (w=50)", "failover record (SECONDARY)", "alias to ELB".</summary>
    public static string RecordKind(TreeNode node, TreeNode? parent, TreeSpec spec)
    {
        var record = node.Kind == NodeKind.Endpoint ? "record" : "alias";
        var target = node.Alias is { } alias ? $" to {AliasTargets.Describe(AliasTargets.Classify(alias, spec.HostedZoneId))}" : "";
        if (parent?.Routing is not { } routing) return node.Kind == NodeKind.Endpoint ? "simple record" : $"alias{target}";
        var attribute = EdgeLabel(node, parent);
        var kind = routing == RoutingPolicy.Multivalue ? $"multivalue {record}" : $"{Policy(routing)} {record} ({attribute})";
        return kind + target;
    }

    /// <summary>The policy attribute the child carries for its parent: PRIMARY/SECONDARY, w=50, a region, a location.</summary>
    public static string EdgeLabel(TreeNode node, TreeNode parent) => parent.Routing switch
    {
        RoutingPolicy.Failover => ReferenceEquals(node, parent.Primary) ? "PRIMARY" : "SECONDARY",
        RoutingPolicy.Weighted => $"w={node.Weight?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}",
        RoutingPolicy.Latency => node.Region ?? "no region",
        RoutingPolicy.Geolocation => Location(node.Location),
        RoutingPolicy.Geoproximity => node.Geoproximity?.ToString() ?? "no place",
        RoutingPolicy.IpBased => node.Cidr?.ToString() ?? "no CIDR location",
        RoutingPolicy.AzAffinity => node.AzAffinity?.ToString() ?? "no location",
        _ => "multivalue",
    };

    private static string Location(GeoLocationSpec? location) => location switch
    {
        null => "no location",
        { IsDefault: true } or { Country: "*" } => "default",
        { Continent: { } continent } => $"continent {continent}",
        { Subdivision: { } subdivision } => $"{location.Country}-{subdivision}",
        _ => location.Country ?? "no location",
    };

    private static string HealthCheck(EndpointSpec endpoint, TreeSpec spec)
    {
        if (endpoint.HealthCheckId is { } id) return $"health check {id}";
        if (endpoint.HealthCheck is null) return "no health check";
        var settings = endpoint.HealthCheck.MergedOver(spec.HealthCheckDefaults);
        var parts = new List<string> { settings.Type ?? "health check" };
        switch (settings.Type)
        {
            case "CALCULATED":
                var children = (settings.Children ?? []).Concat(settings.ChildHealthCheckIds ?? []).ToList();
                parts.Add($"{settings.HealthThreshold ?? children.Count} of {string.Join(", ", children)}");
                return string.Join(" ", parts);
            case "CLOUDWATCH_METRIC":
                parts.Add($"alarm {settings.AlarmName} ({settings.AlarmRegion})");
                return string.Join(" ", parts);
            case "RECOVERY_CONTROL":
                parts.Add($"routing control {settings.RoutingControlArn?.Split('/').LastOrDefault()}");
                return string.Join(" ", parts);
        }
        if (settings.Port is { } port) parts.Add($":{port}");
        if (settings.Fqdn is { } fqdn) parts.Add(fqdn);
        if (settings.Path is { } path) parts.Add(path);
        if (settings.SearchString is { } search) parts.Add($"'{search}'");
        return string.Join(" ", parts);
    }

    private static string Policy(RoutingPolicy? routing) => routing?.ToString().ToLowerInvariant() ?? "unknown";
}
