using Failover.Core.Compilation;
using Failover.Core.Route53;
using Failover.Core.Spec;

namespace Failover.Core.Validation;

/// <summary>Alias leaves: a valid target, a record type the target can have, and Evaluate Target Health as Route 53 demands.</summary>
internal static class AliasRules
{
    /// <summary>Route 53's limit on an alias target's DNS name.</summary>
    public const int MaxDnsNameLength = 1024;

    public static void Check(ValidationContext context, VisitedNode visited)
    {
        var alias = visited.Node.Alias!;
        var path = visited.PathOf("alias");
        var spec = context.Spec;
        if (DnsNameSyntax.Problem(alias.DnsName) is { } problem) context.Error($"{path}.dnsName", $"dnsName {problem}");
        TreeFieldRules.CheckZoneId(context, alias.HostedZoneId, $"{path}.hostedZoneId");

        var kind = AliasTargets.Classify(alias, spec.HostedZoneId);
        CheckRecordType(context, kind, $"{path}.dnsName");
        if (kind == AliasTargetKind.RecordInZone) CheckTargetInZone(context, alias, $"{path}.dnsName");

        CheckHostedZone(context, kind, alias, path);

        var ethPath = $"{path}.evaluateTargetHealth";
        var underFailover = visited.ParentRouting == RoutingPolicy.Failover;
        // API reference, AliasTarget.EvaluateTargetHealth: "You can't set EvaluateTargetHealth to true when the alias
        // target is a CloudFront distribution." AliasTarget.DNSName: "For failover alias records, you can't specify a
        // CloudFront distribution for both the primary and secondary records" (a name can be the alternate domain name of
        // one distribution only), so one of the two may be CloudFront. It is allowed as the SECONDARY, which Route 53
        // answers when the primary is unhealthy without judging the secondary's own health (ResourceRecordSet.Failover:
        // "If you omit the HealthCheckId element for the secondary resource record set ... Route 53 always responds ...
        // with the secondary"). As the PRIMARY nothing could ever mark it unhealthy, so it would never fail over.
        if (kind == AliasTargetKind.CloudFront && alias.EvaluateTargetHealth)
            context.Error(ethPath, "Route 53 cannot evaluate the health of a CloudFront distribution; set evaluateTargetHealth to false");
        else if (kind == AliasTargetKind.CloudFront && visited.IsFailoverPrimary)
            context.Error(path,
                "a CloudFront alias cannot be a failover primary: Route 53 cannot evaluate its health, so the rule would never fail " +
                "over; make it the secondary, or put it under a weighted rule with this single child");
        else if (underFailover && !alias.EvaluateTargetHealth && kind != AliasTargetKind.CloudFront)
            // ResourceRecordSet.Failover: "For failover alias resource record sets, you must also include the
            // EvaluateTargetHealth element and set the value to true."
            context.Error(ethPath,
                "Route 53 requires Evaluate Target Health on failover alias records; set evaluateTargetHealth to true (or leave it out)");
    }

    /// <summary>
    /// API reference, AliasTarget.HostedZoneId: each AWS resource has the hosted zone id of its service in its region;
    /// Route 53 refuses any other ("Tried to create an alias that targets …, but it doesn't exist" / InvalidChangeBatch).
    /// </summary>
    private static void CheckHostedZone(ValidationContext context, AliasTargetKind kind, AliasSpec alias, string path)
    {
        var zonePath = $"{path}.hostedZoneId";
        var given = alias.HostedZoneId;
        if (!TreeFieldRules.IsZoneId(given)) return;
        var owner = AliasHostedZones.Owner(given) is { } o ? $" ({given} is the zone of {o})" : "";
        if (kind == AliasTargetKind.CloudFront && !given.Equals(AliasHostedZones.CloudFront, StringComparison.OrdinalIgnoreCase))
            context.Error(zonePath, $"an alias to a CloudFront distribution names the hosted zone {AliasHostedZones.CloudFront}{owner}");
        else if (kind == AliasTargetKind.GlobalAccelerator
            && !given.Equals(AliasHostedZones.GlobalAccelerator, StringComparison.OrdinalIgnoreCase))
            context.Error(zonePath, $"an alias to a Global Accelerator names the hosted zone {AliasHostedZones.GlobalAccelerator}{owner}");
        else if (kind is AliasTargetKind.LoadBalancer or AliasTargetKind.S3Website or AliasTargetKind.ElasticBeanstalk
            && AliasHostedZones.RequiredFor(alias.DnsName) is { } required)
        {
            if (required.Expected is null)
            {
                if (kind != AliasTargetKind.ElasticBeanstalk && !AwsCatalog.LatencyRegions.Contains(required.Region))
                    context.Error($"{path}.dnsName", $"{required.Region} is not an AWS region Route 53 knows (ResourceRecordSetRegion)");
                else
                    context.Warning(zonePath,
                        $"no {required.What} hosted zone id is known here for {required.Region}; check it against the service's " +
                        $"endpoints page");
            }
            else if (!required.Accepts(given))
                context.Error(zonePath,
                    $"an {required.What} in {required.Region} has the hosted zone {required.Expected}{owner}: Route 53 refuses an alias " +
                    $"whose zone is not its target's");
        }
    }

    // The API reference lists the record types each kind of AWS resource can be the alias target of.
    private static void CheckRecordType(ValidationContext context, AliasTargetKind kind, string path)
    {
        // A dual-stack tree's alias is written as A and as AAAA: the target must answer both.
        var type = context.Spec.DualStack ? "AAAA" : context.Spec.RecordType;
        var allowed = kind switch
        {
            AliasTargetKind.S3Website or AliasTargetKind.ApiGateway or AliasTargetKind.VpcEndpoint
                or AliasTargetKind.ElasticBeanstalk => ["A"],
            AliasTargetKind.CloudFront or AliasTargetKind.LoadBalancer or AliasTargetKind.GlobalAccelerator => ["A", "AAAA"],
            _ => (string[]?)null,
        };
        if (allowed is not null && !allowed.Contains(type))
            context.Error(path,
                $"an alias to {AliasTargets.Describe(kind)} can only be {string.Join(" or ", allowed)}, and this tree's records are " +
                $"{string.Join(" and ", context.Spec.RecordTypes)}");
    }

    private static void CheckTargetInZone(ValidationContext context, AliasSpec alias, string path)
    {
        var spec = context.Spec;
        // "An alias resource record set can't reference a resource record set in a different hosted zone."
        if (!TreeFieldRules.IsInZone(alias.DnsName, spec.ZoneName))
            context.Error(path,
                $"an alias in this hosted zone must point at a name in the zone \"{spec.ZoneName}\"; \"{alias.DnsName}\" is outside it");
        else if (alias.DnsName == spec.RecordName)
            context.Error(path, "an alias to the tree's own record name would answer with itself; point it at another record");
        else if (alias.DnsName.StartsWith(HelperNames.Prefix, StringComparison.Ordinal)
            && alias.DnsName.EndsWith("." + spec.RecordName, StringComparison.Ordinal))
            context.Error(path, $"\"{alias.DnsName}\" is a helper name this tree manages; nest the rule instead of aliasing it");
    }
}
