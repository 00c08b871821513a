using Failover.Core.Compilation;
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

        var ethPath = $"{path}.evaluateTargetHealth";
        var underFailover = visited.ParentRouting == RoutingPolicy.Failover;
        if (kind == AliasTargetKind.CloudFront && underFailover)
            context.Error(path, "a CloudFront alias cannot sit directly under a failover rule: failover aliases must evaluate target health and CloudFront aliases cannot; put it under a weighted rule with this single child");
        else if (kind == AliasTargetKind.CloudFront && alias.EvaluateTargetHealth)
            context.Error(ethPath, "Route 53 cannot evaluate the health of a CloudFront distribution; set evaluateTargetHealth to false");
        else if (underFailover && !alias.EvaluateTargetHealth)
            context.Error(ethPath, "Route 53 requires Evaluate Target Health on failover alias records; set evaluateTargetHealth to true (or leave it out)");
    }

    // The API reference lists the record types each kind of AWS resource can be the alias target of.
    private static void CheckRecordType(ValidationContext context, AliasTargetKind kind, string path)
    {
        var type = context.Spec.RecordType;
        var allowed = kind switch
        {
            AliasTargetKind.S3Website or AliasTargetKind.ApiGateway or AliasTargetKind.VpcEndpoint or AliasTargetKind.ElasticBeanstalk => ["A"],
            AliasTargetKind.CloudFront or AliasTargetKind.LoadBalancer or AliasTargetKind.GlobalAccelerator => ["A", "AAAA"],
            _ => (string[]?)null,
        };
        if (allowed is not null && !allowed.Contains(type))
            context.Error(path, $"an alias to {AliasTargets.Describe(kind)} can only be {string.Join(" or ", allowed)}, and this tree's records are {type}");
    }

    private static void CheckTargetInZone(ValidationContext context, AliasSpec alias, string path)
    {
        var spec = context.Spec;
        // "An alias resource record set can't reference a resource record set in a different hosted zone."
        if (!TreeFieldRules.IsInZone(alias.DnsName, spec.ZoneName))
            context.Error(path, $"an alias in this hosted zone must point at a name in the zone \"{spec.ZoneName}\"; \"{alias.DnsName}\" is outside it");
        else if (alias.DnsName == spec.RecordName)
            context.Error(path, "an alias to the tree's own record name would answer with itself; point it at another record");
        else if (alias.DnsName.StartsWith(HelperNames.Prefix, StringComparison.Ordinal) && alias.DnsName.EndsWith("." + spec.RecordName, StringComparison.Ordinal))
            context.Error(path, $"\"{alias.DnsName}\" is a helper name this tree manages; nest the rule instead of aliasing it");
    }
}
