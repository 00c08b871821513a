using System.Text.Json;
using Failover.Core.Route53;
using Failover.Core.Spec;

namespace Failover.Core.Import;

/// <summary>What the referring rule says about an endpoint: Evaluate Target Health and a health check id.</summary>
internal sealed record ReferenceSettings(string Path, bool? EvaluateTargetHealth, string? HealthCheckId);

/// <summary>
/// Turns a traffic policy endpoint into a leaf: <c>value</c> endpoints into endpoint leaves, AWS resources into alias
/// leaves with the hosted zone id Route 53 requires for that resource in its region.
/// </summary>
internal sealed class EndpointMapping(PolicyValues values, ImportOptions options)
{
    public static readonly IReadOnlyList<string> Types =
        ["value", "cloudfront", "elastic-load-balancer", "application-load-balancer", "network-load-balancer", "elastic-beanstalk",
            "s3-website"];

    private static readonly IReadOnlyList<string> Fields = ["Type", "Region", "Value"];

    /// <summary>The leaf's endpoint or alias, or null after reporting why the endpoint cannot be imported.</summary>
    public (EndpointSpec? Endpoint, AliasSpec? Alias)? Map(string endpointId, JsonElement endpoint, ReferenceSettings reference)
    {
        var path = PolicyPath.Endpoint(endpointId);
        if (endpoint.ValueKind != JsonValueKind.Object)
        {
            values.Error(path, $"an endpoint must be an object, not {PolicyValues.Describe(endpoint)}");
            return null;
        }
        var type = values.String(endpoint, "Type", path, required: true);
        var value = values.String(endpoint, "Value", path, required: true);
        var region = values.String(endpoint, "Region", path);
        if (type is null || value is null) return null;

        if (type == "value")
        {
            return (new EndpointSpec { Values = [value], HealthCheckId = reference.HealthCheckId }, null);
        }
        if (!Types.Contains(type))
        {
            values.Error(PolicyPath.Property(path, "Type"),
                $"unknown endpoint type \"{type}\" (expected one of {string.Join(", ", Types)})");
            return null;
        }
        // The referring rule's HealthCheck on an AWS-resource endpoint goes on the alias leaf (its node's healthCheckId):
        // Route 53 takes a health check on any record set, alias ones too (API reference, ResourceRecordSet.HealthCheckId).
        var alias = type switch
        {
            "cloudfront" => CloudFront(value, reference),
            "s3-website" => S3Website(path, value, region),
            "network-load-balancer" => Regional(path, value, region, AliasHostedZones.NetworkLoadBalancer, "Network Load Balancer"),
            "elastic-beanstalk" => Regional(path, value, region, AliasHostedZones.ElasticBeanstalk, "Elastic Beanstalk"),
            _ => Regional(path, value, region, AliasHostedZones.ApplicationLoadBalancer, "load balancer"),
        };
        if (alias is null) return null;
        if (type != "cloudfront") alias = alias with { EvaluateTargetHealth = reference.EvaluateTargetHealth ?? true };
        return (null, alias);
    }

    public static IReadOnlyList<string> KnownFields => Fields;

    private AliasSpec CloudFront(string value, ReferenceSettings reference)
    {
        // Route 53 cannot evaluate the health of a CloudFront distribution: an alias to one must not ask to.
        if (reference.EvaluateTargetHealth == true)
        {
            values.Warning(PolicyPath.Property(reference.Path, "EvaluateTargetHealth"),
                "CloudFront alias targets cannot evaluate target health; imported with evaluateTargetHealth false");
        }
        return new AliasSpec { DnsName = DnsNames.Normalize(value), HostedZoneId = AliasHostedZones.CloudFront,
            EvaluateTargetHealth = false };
    }

    private AliasSpec? S3Website(string path, string value, string? region)
    {
        if (region is null)
        {
            values.Error(PolicyPath.Property(path, "Region"), "an s3-website endpoint needs the Region its bucket was created in");
            return null;
        }
        if (!AliasHostedZones.S3Website.TryGetValue(region, out var zone))
        {
            values.Error(PolicyPath.Property(path, "Region"), $"no S3 website hosted zone id is known for region {region}");
            return null;
        }
        var bucket = DnsNames.Normalize(value);
        var suffix = bucket.IndexOf(".s3-website", StringComparison.Ordinal);
        if (suffix > 0) bucket = bucket[..suffix];
        // S3 serves the bucket named like the host the client asked for; any other bucket name is never reached.
        if (bucket != DnsNames.Normalize(options.RecordName))
        {
            values.Warning(PolicyPath.Property(path, "Value"),
                $"bucket {bucket} differs from the record name {DnsNames.Normalize(options.RecordName)}: S3 only serves a website from " +
                $"the bucket named like the requested host");
        }
        return new AliasSpec { DnsName = AliasHostedZones.S3WebsiteEndpoint(region), HostedZoneId = zone };
    }

    private AliasSpec? Regional(string path, string value, string? region, IReadOnlyDictionary<string, string> zones, string what)
    {
        var dnsName = DnsNames.Normalize(value);
        var resolved = region ?? AliasHostedZones.RequiredFor(dnsName)?.Region;
        if (resolved is null)
        {
            values.Error(PolicyPath.Property(path, "Value"), $"cannot tell the region of {what} {value}; add a Region to the endpoint");
            return null;
        }
        if (!zones.TryGetValue(resolved, out var zone))
        {
            values.Error(PolicyPath.Property(path, region is null ? "Value" : "Region"),
                $"no {what} hosted zone id is known for region {resolved}");
            return null;
        }
        return new AliasSpec { DnsName = dnsName, HostedZoneId = zone };
    }
}
