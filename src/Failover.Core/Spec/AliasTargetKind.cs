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
}

/// <summary>Recognises alias targets by the names and zones Route 53's API reference gives for each AWS service.</summary>
public static class AliasTargets
{
    /// <summary>The hosted zone of every CloudFront distribution.</summary>
    public const string CloudFrontZone = "Z2FDTNDATAQYW2";
    public const string GlobalAcceleratorZone = "Z2BJ6XQ5FK7U4H";

    public static AliasTargetKind Classify(AliasSpec alias, string treeHostedZoneId)
    {
        var name = alias.DnsName;
        if (alias.HostedZoneId == CloudFrontZone || name.EndsWith(".cloudfront.net", StringComparison.Ordinal)) return AliasTargetKind.CloudFront;
        if (alias.HostedZoneId == GlobalAcceleratorZone || name.EndsWith(".awsglobalaccelerator.com", StringComparison.Ordinal))
            return AliasTargetKind.GlobalAccelerator;
        if (alias.HostedZoneId == treeHostedZoneId) return AliasTargetKind.RecordInZone;
        if (IsAmazonName(name, "s3-website")) return AliasTargetKind.S3Website;
        if (name.Contains(".vpce.amazonaws.com", StringComparison.Ordinal)) return AliasTargetKind.VpcEndpoint;
        if (name.Contains(".elb.", StringComparison.Ordinal) && IsAmazonDomain(name)) return AliasTargetKind.LoadBalancer;
        if (name.Contains(".execute-api.", StringComparison.Ordinal) && IsAmazonDomain(name)) return AliasTargetKind.ApiGateway;
        if (name.EndsWith(".elasticbeanstalk.com", StringComparison.Ordinal)) return AliasTargetKind.ElasticBeanstalk;
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
        AliasTargetKind.RecordInZone => "record in the zone",
        AliasTargetKind.CloudFront => "CloudFront",
        AliasTargetKind.S3Website => "S3 website",
        AliasTargetKind.LoadBalancer => "ELB",
        AliasTargetKind.ApiGateway => "API Gateway",
        AliasTargetKind.VpcEndpoint => "VPC endpoint",
        AliasTargetKind.ElasticBeanstalk => "Elastic Beanstalk",
        AliasTargetKind.GlobalAccelerator => "Global Accelerator",
        _ => "AWS resource",
    };

    // "s3-website-us-east-1.amazonaws.com" (older regions) and "s3-website.eu-west-3.amazonaws.com" (newer ones).
    private static bool IsAmazonName(string name, string service) =>
        IsAmazonDomain(name) && (name.StartsWith(service + "-", StringComparison.Ordinal) || name.StartsWith(service + ".", StringComparison.Ordinal)
            || name.Contains("." + service + "-", StringComparison.Ordinal) || name.Contains("." + service + ".", StringComparison.Ordinal));

    private static bool IsAmazonDomain(string name) =>
        name.EndsWith(".amazonaws.com", StringComparison.Ordinal) || name.EndsWith(".amazonaws.com.cn", StringComparison.Ordinal);
}
