using Failover.Core.Import;
using Failover.Core.Spec;

namespace Failover.Core.Diagram;

/// <summary>Recognises what an alias leaf points at, from its DNS name and the hosted zone id Route 53 requires for it.</summary>
public static class AliasTargetKind
{
    public static string Of(AliasSpec alias, TreeSpec spec)
    {
        var name = alias.DnsName.TrimEnd('.').ToLowerInvariant();
        var zone = alias.HostedZoneId;
        if (zone.Equals(AliasHostedZones.CloudFront, StringComparison.OrdinalIgnoreCase) || name.EndsWith(".cloudfront.net", StringComparison.Ordinal))
        {
            return "CloudFront";
        }
        if (name.Contains(".execute-api.", StringComparison.Ordinal)) return "API Gateway";
        if (name.StartsWith("s3-website", StringComparison.Ordinal) || name.Contains(".s3-website", StringComparison.Ordinal) || AliasHostedZones.IsS3WebsiteZone(zone))
        {
            return "S3 website";
        }
        if (name.EndsWith(".elb.amazonaws.com", StringComparison.Ordinal) || IsNetworkLoadBalancerName(name) || AliasHostedZones.IsLoadBalancerZone(zone))
        {
            return "ELB";
        }
        if (name.EndsWith(".elasticbeanstalk.com", StringComparison.Ordinal) || AliasHostedZones.IsElasticBeanstalkZone(zone)) return "Elastic Beanstalk";
        if (name.EndsWith(".vpce.amazonaws.com", StringComparison.Ordinal)) return "VPC endpoint";
        if (name.EndsWith(".awsglobalaccelerator.com", StringComparison.Ordinal)) return "Global Accelerator";
        if (name.EndsWith(".awsapprunner.com", StringComparison.Ordinal)) return "App Runner";
        if (zone.Equals(spec.HostedZoneId, StringComparison.OrdinalIgnoreCase) || IsWithin(name, spec.ZoneName)) return "record in zone";
        return "AWS resource";
    }

    /// <summary>Network Load Balancers are named <c>name-id.elb.&lt;region&gt;.amazonaws.com</c>.</summary>
    private static bool IsNetworkLoadBalancerName(string name)
    {
        var at = name.IndexOf(".elb.", StringComparison.Ordinal);
        return at > 0 && name.EndsWith(".amazonaws.com", StringComparison.Ordinal);
    }

    private static bool IsWithin(string name, string zone)
    {
        var apex = zone.TrimEnd('.').ToLowerInvariant();
        return name == apex || name.EndsWith("." + apex, StringComparison.Ordinal);
    }
}
