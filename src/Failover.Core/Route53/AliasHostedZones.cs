using System.Text.RegularExpressions;

namespace Failover.Core.Route53;

/// <summary>
/// The hosted zone id Route 53 requires in AliasTarget.HostedZoneId for each AWS resource and region: the one table used
/// by validation, the diagram and import. Sources: Route 53 API reference, AliasTarget.HostedZoneId (CloudFront
/// Z2FDTNDATAQYW2; the other services "see the service's endpoints and quotas page"); AWS General Reference,
/// "Elastic Load Balancing endpoints and quotas" (ALB/Classic and NLB columns), "Amazon S3 endpoints and quotas"
/// (website endpoints, Route 53 hosted zone id), "AWS Elastic Beanstalk endpoints and quotas"; Global Accelerator
/// developer guide (Z2BJ6XQ5FK7U4H). The regions are those of ResourceRecordSetRegion in botocore's route53
/// 2013-04-01 model; cross-checked against the tables in the Terraform AWS provider (elb/hosted_zone_id_data_source.go,
/// s3/hosted_zones.go) and the AWS CDK region-info fact tables. A region missing here (eusc-de-east-1) is reported,
/// never guessed.
/// </summary>
public static partial class AliasHostedZones
{
    public const string CloudFront = "Z2FDTNDATAQYW2";
    public const string GlobalAccelerator = "Z2BJ6XQ5FK7U4H";

    /// <summary>Application and Classic Load Balancers (<c>name-id.REGION.elb.amazonaws.com</c>).</summary>
    public static readonly IReadOnlyDictionary<string, string> ApplicationLoadBalancer = new Dictionary<string, string>
    {
        ["us-east-1"] = "Z35SXDOTRQ7X7K", ["us-east-2"] = "Z3AADJGX6KTTL2", ["us-west-1"] = "Z368ELLRRE2KJ0",
            ["us-west-2"] = "Z1H1FL5HABSF5",
        ["af-south-1"] = "Z268VQBMOI5EKX", ["ap-east-1"] = "Z3DQVH9N71FHZ0", ["ap-east-2"] = "Z02789141MW7T1WBU19PO",
        ["ap-south-1"] = "ZP97RAFLXTNZK", ["ap-south-2"] = "Z0173938T07WNTVAEPZN",
        ["ap-northeast-1"] = "Z14GRHDCWA56QT", ["ap-northeast-2"] = "ZWKZPGTI48KDX", ["ap-northeast-3"] = "Z5LXEXXYW11ES",
        ["ap-southeast-1"] = "Z1LMS91P8CMLE5", ["ap-southeast-2"] = "Z1GM3OXH4ZPM65", ["ap-southeast-3"] = "Z08888821HLRG5A9ZRTER",
        ["ap-southeast-4"] = "Z09517862IB2WZLPXG76F", ["ap-southeast-5"] = "Z06010284QMVVW7WO5J",
            ["ap-southeast-6"] = "Z023301818UFJ50CIO0MV",
        ["ap-southeast-7"] = "Z0390008CMBRTHFGWBCB",
        ["ca-central-1"] = "ZQSVJUPU6J1EY", ["ca-west-1"] = "Z06473681N0SF6OS049SD",
        ["cn-north-1"] = "Z1GDH35T77C1KE", ["cn-northwest-1"] = "ZM7IZAIOVVDZF",
        ["eu-central-1"] = "Z215JYRZR1TBD5", ["eu-central-2"] = "Z06391101F2ZOEP8P5EB3",
        ["eu-north-1"] = "Z23TAZ6LKFMNIO", ["eu-south-1"] = "Z3ULH7SSC9OV64", ["eu-south-2"] = "Z0956581394HF5D5LXGAP",
        ["eu-west-1"] = "Z32O12XQLNTSW2", ["eu-west-2"] = "ZHURV8PSTC4K8", ["eu-west-3"] = "Z3Q77PNBQS71R4",
        ["il-central-1"] = "Z09170902867EHPV2DABU", ["me-central-1"] = "Z08230872XQRWHG2XF6I", ["me-south-1"] = "ZS929ML54UICD",
        ["mx-central-1"] = "Z023552324OKD1BB28BH5", ["sa-east-1"] = "Z2P70J7HTTTPLU",
        ["us-gov-east-1"] = "Z166TLBEWOO7G0", ["us-gov-west-1"] = "Z33AYJ8TM3BH4J",
    };

    /// <summary>Network Load Balancers (<c>name-id.elb.REGION.amazonaws.com</c>).</summary>
    public static readonly IReadOnlyDictionary<string, string> NetworkLoadBalancer = new Dictionary<string, string>
    {
        ["us-east-1"] = "Z26RNL4JYFTOTI", ["us-east-2"] = "ZLMOA37VPKANP", ["us-west-1"] = "Z24FKFUX50B4VW",
            ["us-west-2"] = "Z18D5FSROUN65G",
        ["af-south-1"] = "Z203XCE67M25HM", ["ap-east-1"] = "Z12Y7K3UBGUAD1", ["ap-east-2"] = "Z09176273OC2HWIAUNYW",
        ["ap-south-1"] = "ZVDDRBQ08TROA", ["ap-south-2"] = "Z0711778386UTO08407HT",
        ["ap-northeast-1"] = "Z31USIVHYNEOWT", ["ap-northeast-2"] = "ZIBE1TIR4HY56", ["ap-northeast-3"] = "Z1GWIQ4HH19I5X",
        ["ap-southeast-1"] = "ZKVM4W9LS7TM", ["ap-southeast-2"] = "ZCT6FZBF4DROD", ["ap-southeast-3"] = "Z01971771FYVNCOVWJU1G",
        ["ap-southeast-4"] = "Z01156963G8MIIL7X90IV", ["ap-southeast-5"] = "Z026317210H9ACVTRO6FB",
            ["ap-southeast-6"] = "Z01392953RKV2Q3RBP0KU",
        ["ap-southeast-7"] = "Z054363131YWATEMWRG5L",
        ["ca-central-1"] = "Z2EPGBW3API2WT", ["ca-west-1"] = "Z02754302KBB00W2LKWZ9",
        ["cn-north-1"] = "Z3QFB96KMJ7ED6", ["cn-northwest-1"] = "ZQEIKTCZ8352D",
        ["eu-central-1"] = "Z3F0SRJ5LGBH90", ["eu-central-2"] = "Z02239872DOALSIDCX66S",
        ["eu-north-1"] = "Z1UDT6IFJ4EJM", ["eu-south-1"] = "Z23146JA1KNAFP", ["eu-south-2"] = "Z1011216NVTVYADP1SSV",
        ["eu-west-1"] = "Z2IFOLAFXWLO4F", ["eu-west-2"] = "ZD4D7Y8KGAS4G", ["eu-west-3"] = "Z1CMS0P5QUZ6D5",
        ["il-central-1"] = "Z0313266YDI6ZRHTGQY4", ["me-central-1"] = "Z00282643NTTLPANJJG2P", ["me-south-1"] = "Z3QSRYVP46NYYV",
        ["mx-central-1"] = "Z02031231H3ID6HYJ9A7U", ["sa-east-1"] = "ZTK26PT1VY4CU",
        ["us-gov-east-1"] = "Z1ZSMQQ6Q24QQ8", ["us-gov-west-1"] = "ZMG1MZ2THAWF1",
    };

    /// <summary>S3 website endpoints.</summary>
    public static readonly IReadOnlyDictionary<string, string> S3Website = new Dictionary<string, string>
    {
        ["us-east-1"] = "Z3AQBSTGFYJSTF", ["us-east-2"] = "Z2O1EMRO9K5GLX", ["us-west-1"] = "Z2F56UZL2M1ACD",
            ["us-west-2"] = "Z3BJ6K6RIION7M",
        ["af-south-1"] = "Z83WF9RJE8B12", ["ap-east-1"] = "ZNB98KWMFR0R6", ["ap-east-2"] = "Z064739330DAH7WJVOO93",
        ["ap-south-1"] = "Z11RGJOFQNVJUP", ["ap-south-2"] = "Z02976202B4EZMXIPMXF7",
        ["ap-northeast-1"] = "Z2M4EHUR26P7ZW", ["ap-northeast-2"] = "Z3W03O7B5YMIYP", ["ap-northeast-3"] = "Z2YQB5RD63NC85",
        ["ap-southeast-1"] = "Z3O0J2DXBE1FTB", ["ap-southeast-2"] = "Z1WCIGYICN2BYD", ["ap-southeast-3"] = "Z01846753K324LI26A3VV",
        ["ap-southeast-4"] = "Z0312387243XT5FE14WFO", ["ap-southeast-5"] = "Z08660063OXLMA7F1FJHU",
            ["ap-southeast-6"] = "Z05686083R66JX5C163TC",
        ["ap-southeast-7"] = "Z0031014GXUMRZG6I14G",
        ["ca-central-1"] = "Z1QDHH18159H29", ["ca-west-1"] = "Z03565811Z33SLEZTHOUL",
        ["cn-north-1"] = "Z5CN8UMXT92WN", ["cn-northwest-1"] = "Z282HJ1KT0DH03",
        ["eu-central-1"] = "Z21DNDUVLTQW6Q", ["eu-central-2"] = "Z030506016YDQGETNASS", ["eu-north-1"] = "Z3BAZG2TWCNX0D",
        ["eu-south-1"] = "Z30OZKI7KPW7MI", ["eu-south-2"] = "Z0081959F7139GRJC19J", ["eu-west-1"] = "Z1BKCTXD74EZPE",
        ["eu-west-2"] = "Z3GKZC51ZF0DB4", ["eu-west-3"] = "Z3R1K369G5AVDG", ["il-central-1"] = "Z09640613K4A3MN55U7GU",
        ["me-central-1"] = "Z06143092I8HRXZRUZROF", ["me-south-1"] = "Z1MPMWCPA7YB62", ["mx-central-1"] = "Z057606446ZNVQJJ8WOP",
        ["sa-east-1"] = "Z7KQH4QJS55SO", ["us-gov-east-1"] = "Z2NIFVYYW2VKV1", ["us-gov-west-1"] = "Z31GFT0UA1I2HV",
    };

    /// <summary>
    /// Where the published tables disagree (the Terraform provider and the General Reference page against the CDK fact
    /// table for af-south-1 and eu-south-1 S3 websites), both ids are accepted rather than refusing a working spec.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> S3WebsiteAlternates = new Dictionary<string, string>
    {
        ["af-south-1"] = "Z11KHD8FBVPUYU", ["eu-south-1"] = "Z3IXVV8C73GIO3",
    };

    public static readonly IReadOnlyDictionary<string, string> ElasticBeanstalk = new Dictionary<string, string>
    {
        ["us-east-1"] = "Z117KPS5GTRQ2G", ["us-east-2"] = "Z14LCN19Q5QHIC", ["us-west-1"] = "Z1LQECGX5PH1X",
            ["us-west-2"] = "Z38NKT9BP95V3O",
        ["af-south-1"] = "Z1EI3BVKMKK4AM", ["ap-east-1"] = "ZPWYUBWRU171A", ["ap-south-1"] = "Z18NTBI3Y7N9TZ",
        ["ap-northeast-1"] = "Z1R25G3KIG2GBW", ["ap-northeast-2"] = "Z3JE5OI70TWKCP", ["ap-northeast-3"] = "ZNE5GEY1TIAGY",
        ["ap-southeast-1"] = "Z16FZ9L249IFLT", ["ap-southeast-2"] = "Z2PCDNR3VC2G1N", ["ap-southeast-3"] = "Z05913172VM7EAZB40TA8",
        ["ca-central-1"] = "ZJFCZL7SSZB5I", ["eu-central-1"] = "Z1FRNW7UH4DEZJ", ["eu-north-1"] = "Z23GO28BZ5AETM",
        ["eu-south-1"] = "Z10VDYYOA2JFKM", ["eu-west-1"] = "Z2NYPWQ7DFZAZH", ["eu-west-2"] = "Z1GKAAAUGATPF1",
        ["eu-west-3"] = "Z5WN6GAYWG5OB", ["il-central-1"] = "Z02941091PERNCB1MI5H7", ["me-south-1"] = "Z2BBTEKR2I36N2",
        ["sa-east-1"] = "Z10X7K2B4QSOFV", ["us-gov-east-1"] = "Z35TSARG0EJ4VU", ["us-gov-west-1"] = "Z4KAURWC4UUUG",
    };

    /// <summary>
    /// Regions whose S3 website endpoint is written with a dash (<c>s3-website-us-east-1.amazonaws.com</c>); every other
    /// region uses a dot (<c>s3-website.eu-central-1.amazonaws.com</c>). Amazon S3 User Guide, "Website endpoints".
    /// </summary>
    private static readonly HashSet<string> S3WebsiteDashRegions =
        ["us-east-1", "us-west-1", "us-west-2", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "eu-west-1", "sa-east-1",
            "us-gov-west-1"];

    public static string S3WebsiteEndpoint(string region) =>
        S3WebsiteDashRegions.Contains(region) ? $"s3-website-{region}.amazonaws.com"
        : region.StartsWith("cn-", StringComparison.Ordinal) ? $"s3-website.{region}.amazonaws.com.cn"
        : $"s3-website.{region}.amazonaws.com";

    private static readonly Lazy<HashSet<string>> LoadBalancerZones = new(() =>
        ApplicationLoadBalancer.Values.Concat(NetworkLoadBalancer.Values).ToHashSet(StringComparer.OrdinalIgnoreCase));
    private static readonly Lazy<HashSet<string>> S3WebsiteZones = new(() =>
        S3Website.Values.Concat(S3WebsiteAlternates.Values).ToHashSet(StringComparer.OrdinalIgnoreCase));
    private static readonly Lazy<HashSet<string>> ElasticBeanstalkZones =
        new(() => ElasticBeanstalk.Values.ToHashSet(StringComparer.OrdinalIgnoreCase));

    public static bool IsLoadBalancerZone(string hostedZoneId) => LoadBalancerZones.Value.Contains(hostedZoneId);
    public static bool IsS3WebsiteZone(string hostedZoneId) => S3WebsiteZones.Value.Contains(hostedZoneId);
    public static bool IsElasticBeanstalkZone(string hostedZoneId) => ElasticBeanstalkZones.Value.Contains(hostedZoneId);

    /// <summary>
    /// The region a regional alias target's DNS name carries and the zone id Route 53 requires for it there, or null
    /// when the name carries no region. <c>Expected</c> is null when the region is not in the table.
    /// </summary>
    public static RegionalZone? RequiredFor(string dnsName)
    {
        var name = dnsName.TrimEnd('.').ToLowerInvariant();
        if (ApplicationLoadBalancerName().Match(name) is { Success: true } alb)
            return Regional(alb, "Application/Classic Load Balancer", ApplicationLoadBalancer);
        if (NetworkLoadBalancerName().Match(name) is { Success: true } nlb)
            return Regional(nlb, "Network Load Balancer", NetworkLoadBalancer);
        if (S3WebsiteName().Match(name) is { Success: true } s3)
        {
            var zone = Regional(s3, "S3 website endpoint", S3Website);
            return S3WebsiteAlternates.TryGetValue(zone.Region, out var alternate) ? zone with { Alternate = alternate } : zone;
        }
        if (ElasticBeanstalkName().Match(name) is { Success: true } eb)
            return Regional(eb, "Elastic Beanstalk environment", ElasticBeanstalk);
        return null;
    }

    /// <summary>Which resource and region <paramref name="hostedZoneId"/> belongs to, for messages; null if unknown.</summary>
    public static string? Owner(string hostedZoneId)
    {
        if (hostedZoneId.Equals(CloudFront, StringComparison.OrdinalIgnoreCase)) return "CloudFront";
        if (hostedZoneId.Equals(GlobalAccelerator, StringComparison.OrdinalIgnoreCase)) return "Global Accelerator";
        foreach (var (what, table) in Tables)
            foreach (var (region, zone) in table)
                if (zone.Equals(hostedZoneId, StringComparison.OrdinalIgnoreCase)) return $"{what} in {region}";
        return null;
    }

    private static readonly (string What, IReadOnlyDictionary<string, string> Table)[] Tables =
    [
        ("Application/Classic Load Balancers", ApplicationLoadBalancer), ("Network Load Balancers", NetworkLoadBalancer),
        ("S3 website endpoints", S3Website), ("S3 website endpoints", S3WebsiteAlternates), ("Elastic Beanstalk", ElasticBeanstalk),
    ];

    private static RegionalZone Regional(Match match, string what, IReadOnlyDictionary<string, string> table)
    {
        var region = match.Groups["region"].Value;
        return new RegionalZone(what, region, table.GetValueOrDefault(region));
    }

    // name-123.us-east-1.elb.amazonaws.com, dualstack.name-123.us-east-1.elb.amazonaws.com, ….cn-north-1.elb.amazonaws.com.cn
    [GeneratedRegex(@"\.(?<region>[a-z]{2}(-gov)?-[a-z]+-\d)\.elb\.amazonaws\.com(\.cn)?\z")]
    private static partial Regex ApplicationLoadBalancerName();

    // name-74f87b114e21682a.elb.us-east-1.amazonaws.com
    [GeneratedRegex(@"\.elb\.(?<region>[a-z]{2}(-gov)?-[a-z]+-\d)\.amazonaws\.com(\.cn)?\z")]
    private static partial Regex NetworkLoadBalancerName();

    // s3-website-us-east-1.amazonaws.com, s3-website.eu-central-1.amazonaws.com, bucket.s3-website….
    [GeneratedRegex(@"(\A|\.)s3-website[.-](?<region>[a-z]{2}(-gov)?-[a-z]+-\d)\.amazonaws\.com(\.cn)?\z")]
    private static partial Regex S3WebsiteName();

    // env.eba-ns4qrife.us-east-1.elasticbeanstalk.com
    [GeneratedRegex(@"\.(?<region>[a-z]{2}(-gov)?-[a-z]+-\d)\.elasticbeanstalk\.com\z")]
    private static partial Regex ElasticBeanstalkName();
}

/// <summary>A regional alias target: what it is, the region its name carries, and the zone id(s) Route 53 accepts there.</summary>
public sealed record RegionalZone(string What, string Region, string? Expected)
{
    public string? Alternate { get; init; }

    public bool Accepts(string hostedZoneId) =>
        hostedZoneId.Equals(Expected, StringComparison.OrdinalIgnoreCase)
            || hostedZoneId.Equals(Alternate, StringComparison.OrdinalIgnoreCase);
}
