using Failover.Core.Compilation;
using Failover.Core.Route53;
using Failover.Core.Spec;

namespace Failover.Core.Validation;

/// <summary>
/// The rules of a private hosted zone, checked when the tree answers in one (<see cref="ZonePrivacy"/>): the routing
/// policies Route 53 supports there, which records may carry a health check, and what its health checkers and alias
/// targets can reach from outside the VPC.
/// </summary>
internal static class PrivateZoneRules
{
    /// <summary>The attachments of the tree in a private zone (the top-level one first).</summary>
    public static IReadOnlyList<TreeAttachment> PrivateAttachmentsOf(TreeSpec spec, ZonePrivacy privacy) =>
        spec.AllAttachments.Where(a => privacy.IsPrivate(a.HostedZoneId)).ToList();

    /// <summary>
    /// The rules of the design (routing, checks, alias targets) once for all the tree's private attachments, each message
    /// naming them; the rule that depends on the zone's name once per private attachment.
    /// </summary>
    public static void Check(ValidationContext context, ZonePrivacy privacy)
    {
        var zones = PrivateAttachmentsOf(context.Spec, privacy);
        if (zones.Count == 0) return;
        var which = zones.Count == 1 ? $"the private hosted zone {Describe(zones[0])}"
            : $"the private hosted zones {string.Join(", ", zones.Select(Describe))}";
        foreach (var visited in context.Nodes)
        {
            var node = visited.Node;
            // Developer Guide, "Choosing a routing policy": simple, failover, geolocation, geoproximity, latency, multivalue
            // answer and weighted routing each "can be used to create records in a private hosted zone"; IP-based routing
            // alone is not listed, and "Considerations when working with a private hosted zone": "Creating records in a
            // private hosted zone using other routing policies is not supported."
            if (node.Routing == RoutingPolicy.IpBased)
                context.Error(visited.PathOf("routing"),
                    $"Route 53 does not support IP-based routing in a private hosted zone, and this tree answers in {which}");

            // Developer Guide, "Considerations when working with a private hosted zone": "In a private hosted zone, you can
            // associate Route 53 health checks only with failover, multivalue answer, weighted, latency, geolocation, and
            // geoproximity records" — not with the simple record a leaf at the root becomes.
            if (visited.Parent is null && node.Routing is null && HasHealthCheck(node))
                context.Error(node.Endpoint is not null ? visited.PathOf("endpoint") : node.Path,
                    $"a leaf at the root is a simple record, and in a private hosted zone Route 53 associates health checks only " +
                    $"with failover, multivalue, weighted, latency, geolocation and geoproximity records ({which}); put it under a rule");

            if (node.Alias is { } alias
                && AliasTargets.Classify(alias, context.Spec.HostedZoneId) == AliasTargetKind.CloudFront)
                // Earlier editions of the API reference (AliasTarget, as older SDKs still copy it) said "You can't create an
                // alias resource record set in a private hosted zone to route traffic to a CloudFront distribution"; the
                // current edition dropped the sentence, and CloudFormation's AliasTarget allows alias records "with any routing
                // policy that private hosted zones support". With the sources split, a warning rather than a refusal.
                context.Warning($"{visited.PathOf("alias")}.dnsName",
                    $"an alias to a CloudFront distribution in {which}: earlier editions of Route 53's API reference refused it " +
                    "there, and clients in the VPC reach a distribution only through a route to the internet; "
                    + "check it before relying on it");

            if (node.Endpoint?.HealthCheck is { } check)
                foreach (var zone in zones) CheckReachable(context, visited, node.Endpoint, check, zone);
        }
    }

    private static string Describe(TreeAttachment zone) => $"{zone.HostedZoneId} ({zone.PathOf("hostedZoneId")})";

    /// <summary>
    /// Developer Guide, "Configuring failover in a private hosted zone": "Route 53 health checkers are outside the VPC." A
    /// check that resolves a name inside the private zone asks public DNS, which does not see the private zone's records:
    /// it checks whatever the public answer is (the public face of a split-view name), or fails to resolve. A warning, not
    /// an error, because with split-view DNS that public answer can be exactly what the user means to check.
    /// </summary>
    private static void CheckReachable(ValidationContext context, VisitedNode visited, EndpointSpec endpoint, HealthCheckSettings own,
        TreeAttachment zone)
    {
        var merged = own.MergedOver(context.Spec.HealthCheckDefaults);
        if (merged.Type is not { } type || !HealthCheckConfig.IsEndpointType(type)) return;
        var target = HealthCheckConfigResolver.TargetOf(merged, endpoint, context.Spec.RecordType);
        if (target != HealthCheckConfigResolver.FqdnTarget || merged.Fqdn is not { } fqdn) return;
        if (zone.ZoneName.Length == 0 || !TreeFieldRules.IsInZone(fqdn, zone.ZoneName)) return;
        context.Warning($"{visited.PathOf("endpoint")}.healthCheck.fqdn",
            $"Route 53's health checkers are outside the VPC and resolve {fqdn} in public DNS, which does not see the private "
            + $"hosted zone {Describe(zone)}: "
            + "the check finds the public answer for the name, if any; to check an address inside the VPC use a CloudWatch alarm "
            + "(type CLOUDWATCH_METRIC)");
    }

    private static bool HasHealthCheck(TreeNode node) =>
        node.HealthCheck is not null || node.HealthCheckId is not null
        || node.Endpoint is { } endpoint && (endpoint.HealthCheck is not null || endpoint.HealthCheckId is not null);
}
