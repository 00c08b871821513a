namespace Failover.Core.Validation;

/// <summary>
/// The value lists Route 53 accepts, taken from its API model (botocore route53 2013-04-01 service-2.json):
/// ResourceRecordSetRegion, HealthCheckRegion, RRType. Geolocation codes live in Geography/GeoLocationCatalog.
/// </summary>
internal static class AwsCatalog
{
    public static readonly HashSet<string> LatencyRegions = new(StringComparer.Ordinal)
    {
        "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "eu-west-1", "eu-west-2", "eu-west-3",
        "eu-central-1", "eu-central-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-northeast-1",
        "ap-northeast-2", "ap-northeast-3", "eu-north-1", "sa-east-1", "cn-north-1", "cn-northwest-1", "ap-east-1",
        "me-south-1", "me-central-1", "ap-south-1", "ap-south-2", "af-south-1", "eu-south-1", "eu-south-2",
        "ap-southeast-4", "il-central-1", "ca-west-1", "ap-southeast-5", "mx-central-1", "ap-southeast-7",
        "us-gov-east-1", "us-gov-west-1", "ap-east-2", "ap-southeast-6", "eusc-de-east-1",
    };

    public static readonly IReadOnlyList<string> HealthCheckerRegions =
        ["us-east-1", "us-west-1", "us-west-2", "eu-west-1", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "sa-east-1"];

    /// <summary>Only these types can carry a Route 53 endpoint health check; the others need no endpoint.</summary>
    public static readonly IReadOnlyList<string> HealthCheckTypes =
        ["HTTP", "HTTPS", "HTTP_STR_MATCH", "HTTPS_STR_MATCH", "TCP", "CALCULATED", "CLOUDWATCH_METRIC", "RECOVERY_CONTROL"];

    /// <summary>CloudWatchRegion: the regions an AlarmIdentifier may name (a CLOUDWATCH_METRIC check's alarm).</summary>
    public static readonly HashSet<string> CloudWatchRegions = new(StringComparer.Ordinal)
    {
        "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2",
        "eu-west-3", "ap-east-1", "me-south-1", "me-central-1", "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2",
        "ap-southeast-3", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "eu-north-1", "sa-east-1", "cn-northwest-1",
        "cn-north-1", "af-south-1", "eu-south-1", "eu-south-2", "us-gov-west-1", "us-gov-east-1", "us-iso-east-1", "us-iso-west-1",
        "us-isob-east-1", "ap-southeast-4", "il-central-1", "ca-west-1", "ap-southeast-5", "mx-central-1", "us-isof-south-1",
        "us-isof-east-1", "ap-southeast-7", "ap-east-2", "eu-isoe-west-1", "ap-southeast-6", "us-isob-west-1", "eusc-de-east-1",
    };

    /// <summary>InsufficientDataHealthStatus.</summary>
    public static readonly IReadOnlyList<string> InsufficientDataHealthStatuses = ["Healthy", "Unhealthy", "LastKnownStatus"];

    /// <summary>"Values for weighted, latency, geolocation, and failover resource record sets" (NS, SOA and DS cannot route).</summary>
    public static readonly IReadOnlyList<string> RoutableRecordTypes =
        ["A", "AAAA", "CAA", "CNAME", "MX", "NAPTR", "PTR", "SPF", "SRV", "TXT", "TLSA", "SSHFP", "SVCB", "HTTPS"];
}
