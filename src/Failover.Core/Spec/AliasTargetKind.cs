using Failover.Core.Route53;

namespace Failover.Core.Spec;

/// <summary>What an alias leaf points at, as far as its DNS name and hosted zone tell.</summary>
public enum AliasTargetKind
{
    /// <summary>Not recognised: some other AWS resource, or a name we cannot classify.</summary>
    Other,
    /// <summary>Another record in the tree's own hosted zone.</summary>
    RecordInZone,
    CloudFront,
    S3Website,
    LoadBalancer,
    ApiGateway,
    VpcEndpoint,
    ElasticBeanstalk,
    GlobalAccelerator,
    AppRunner,
}

/// <summary>
/// Recognises alias targets by the names and zones Route 53's API reference gives for each AWS service (AliasTarget.DNSName
/// and AliasTarget.HostedZoneId). The one classifier: validation, the diagram and the risk warnings use it.
/// </summary>
public static class AliasTargets
{
    public static AliasTargetKind Classify(AliasSpec alias, string treeHostedZoneId)
    {
        var name = alias.DnsName.TrimEnd('.').ToLowerInvariant();
        var zone = alias.HostedZoneId;
        if (Is(zone, AliasHostedZones.CloudFront)
            || name.EndsWith(".cloudfront.net", StringComparison.Ordinal)) return AliasTargetKind.CloudFront;
        if (Is(zone, AliasHostedZones.GlobalAccelerator) || name.EndsWith(".awsglobalaccelerator.com", StringComparison.Ordinal))
            return AliasTargetKind.GlobalAccelerator;
        if (Is(zone, treeHostedZoneId)) return AliasTargetKind.RecordInZone;
        if (IsAmazonName(name, "s3-website") || AliasHostedZones.IsS3WebsiteZone(zone)) return AliasTargetKind.S3Website;
        if (name.Contains(".vpce.amazonaws.com", StringComparison.Ordinal)) return AliasTargetKind.VpcEndpoint;
        if ((name.Contains(".elb.", StringComparison.Ordinal) && IsAmazonDomain(name)) || AliasHostedZones.IsLoadBalancerZone(zone))
            return AliasTargetKind.LoadBalancer;
        if (name.Contains(".execute-api.", StringComparison.Ordinal) && IsAmazonDomain(name)) return AliasTargetKind.ApiGateway;
        if (name.EndsWith(".elasticbeanstalk.com", StringComparison.Ordinal) || AliasHostedZones.IsElasticBeanstalkZone(zone))
            return AliasTargetKind.ElasticBeanstalk;
        if (name.EndsWith(".awsapprunner.com", StringComparison.Ordinal)) return AliasTargetKind.AppRunner;
        return AliasTargetKind.Other;
    }

    /// <summary>
    /// Route 53's API reference: S3 buckets, API Gateway and VPC interface endpoints are highly available by design, so
    /// Evaluate Target Health on them "provides no operational benefit" — such an alias answers even when all else fails.
    /// </summary>
    public static bool AlwaysAnswers(AliasTargetKind kind) =>
        kind is AliasTargetKind.S3Website or AliasTargetKind.ApiGateway or AliasTargetKind.VpcEndpoint;

    /// <summary>A short label for diagrams and messages.</summary>
    public static string Describe(AliasTargetKind kind) => kind switch
    {
        AliasTargetKind.RecordInZone => "record in zone",
        AliasTargetKind.CloudFront => "CloudFront",
        AliasTargetKind.S3Website => "S3 website",
        AliasTargetKind.LoadBalancer => "ELB",
        AliasTargetKind.ApiGateway => "API Gateway",
        AliasTargetKind.VpcEndpoint => "VPC endpoint",
        AliasTargetKind.ElasticBeanstalk => "Elastic Beanstalk",
        AliasTargetKind.GlobalAccelerator => "Global Accelerator",
        AliasTargetKind.AppRunner => "App Runner",
        _ => "AWS resource",
    };

    private static bool Is(string zone, string expected) => zone.Equals(expected, StringComparison.OrdinalIgnoreCase);

    // "s3-website-us-east-1.amazonaws.com" (older regions) and "s3-website.eu-west-3.amazonaws.com" (newer ones).
    private static bool IsAmazonName(string name, string service) =>
        IsAmazonDomain(name)
            && (name.StartsWith(service + "-", StringComparison.Ordinal) || name.StartsWith(service + ".", StringComparison.Ordinal)
            || name.Contains("." + service + "-", StringComparison.Ordinal)
                || name.Contains("." + service + ".", StringComparison.Ordinal));

    private static bool IsAmazonDomain(string name) =>
        name.EndsWith(".amazonaws.com", StringComparison.Ordinal) || name.EndsWith(".amazonaws.com.cn", StringComparison.Ordinal);
}
