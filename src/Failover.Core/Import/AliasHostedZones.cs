namespace Failover.Core.Import;

/// <summary>
/// The hosted zone ids Route 53 alias records must name for AWS resources, per region. Sources: AWS General Reference,
/// "Elastic Load Balancing endpoints and quotas" (ALB/Classic and NLB columns), "Amazon S3 endpoints and quotas"
/// (website endpoints), "AWS Elastic Beanstalk endpoints and quotas"; CloudFront's single zone is in the Route 53 API
/// reference (AliasTarget.HostedZoneId). Regions missing here get a diagnostic rather than a guess.
/// </summary>
public static class AliasHostedZones
{
    public const string CloudFront = "Z2FDTNDATAQYW2";

    /// <summary>Application and Classic Load Balancers.</summary>
    public static readonly IReadOnlyDictionary<string, string> ApplicationLoadBalancer = new Dictionary<string, string>
    {
        ["us-east-1"] = "Z35SXDOTRQ7X7K", ["us-east-2"] = "Z3AADJGX6KTTL2", ["us-west-1"] = "Z368ELLRRE2KJ0", ["us-west-2"] = "Z1H1FL5HABSF5",
        ["af-south-1"] = "Z268VQBMOI5EKX", ["ap-east-1"] = "Z3DQVH9N71FHZ0", ["ap-south-1"] = "ZP97RAFLXTNZK", ["ap-south-2"] = "Z0173938T07WNTVAEPZN",
        ["ap-northeast-1"] = "Z14GRHDCWA56QT", ["ap-northeast-2"] = "ZWKZPGTI48KDX", ["ap-northeast-3"] = "Z5LXEXXYW11ES",
        ["ap-southeast-1"] = "Z1LMS91P8CMLE5", ["ap-southeast-2"] = "Z1GM3OXH4ZPM65", ["ap-southeast-3"] = "Z08888821HLRG5A9ZRTER",
        ["ca-central-1"] = "ZQSVJUPU6J1EY", ["eu-central-1"] = "Z215JYRZR1TBD5", ["eu-central-2"] = "Z06391101F2ZOEP8P5EB3",
        ["eu-north-1"] = "Z23TAZ6LKFMNIO", ["eu-south-1"] = "Z3ULH7SSC9OV64", ["eu-south-2"] = "Z0956581394HF5D5LXGAP",
        ["eu-west-1"] = "Z32O12XQLNTSW2", ["eu-west-2"] = "ZHURV8PSTC4K8", ["eu-west-3"] = "Z3Q77PNBQS71R4",
        ["me-central-1"] = "Z08230872XQRWHG2XF6I", ["me-south-1"] = "ZS929ML54UICD", ["sa-east-1"] = "Z2P70J7HTTTPLU",
        ["us-gov-east-1"] = "Z166TLBEWOO7G0", ["us-gov-west-1"] = "Z33AYJ8TM3BH4J",
    };

    public static readonly IReadOnlyDictionary<string, string> NetworkLoadBalancer = new Dictionary<string, string>
    {
        ["us-east-1"] = "Z26RNL4JYFTOTI", ["us-east-2"] = "ZLMOA37VPKANP", ["us-west-1"] = "Z24FKFUX50B4VW", ["us-west-2"] = "Z18D5FSROUN65G",
        ["af-south-1"] = "Z203XCE67M25HM", ["ap-east-1"] = "Z12Y7K3UBGUAD1", ["ap-south-1"] = "ZVDDRBQ08TROA", ["ap-south-2"] = "Z0711778386UTO08407HT",
        ["ap-northeast-1"] = "Z31USIVHYNEOWT", ["ap-northeast-2"] = "ZIBE1TIR4HY56", ["ap-northeast-3"] = "Z1GWIQ4HH19I5X",
        ["ap-southeast-1"] = "ZKVM4W9LS7TM", ["ap-southeast-2"] = "ZCT6FZBF4DROD", ["ap-southeast-3"] = "Z01971771FYVNCOVWJU1G",
        ["ca-central-1"] = "Z2EPGBW3API2WT", ["eu-central-1"] = "Z3F0SRJ5LGBH90", ["eu-central-2"] = "Z02239872DOALSIDCX66S",
        ["eu-north-1"] = "Z1UDT6IFJ4EJM", ["eu-south-1"] = "Z23146JA1KNAFP", ["eu-south-2"] = "Z1011216NVTVYADP1SSV",
        ["eu-west-1"] = "Z2IFOLAFXWLO4F", ["eu-west-2"] = "ZD4D7Y8KGAS4G", ["eu-west-3"] = "Z1CMS0P5QUZ6D5",
        ["me-central-1"] = "Z00282643NTTLPANJJG2P", ["me-south-1"] = "Z3QSRYVP46NYYV", ["sa-east-1"] = "ZTK26PT1VY4CU",
        ["us-gov-east-1"] = "Z1ZSMQQ6Q24QQ8", ["us-gov-west-1"] = "ZMG1MZ2THAWF1",
    };

    /// <summary>S3 website endpoints.</summary>
    public static readonly IReadOnlyDictionary<string, string> S3Website = new Dictionary<string, string>
    {
        ["us-east-1"] = "Z3AQBSTGFYJSTF", ["us-east-2"] = "Z2O1EMRO9K5GLX", ["us-west-1"] = "Z2F56UZL2M1ACD", ["us-west-2"] = "Z3BJ6K6RIION7M",
        ["af-south-1"] = "Z83WF9RJE8B12", ["ap-east-1"] = "ZNB98KWMFR0R6", ["ap-south-1"] = "Z11RGJOFQNVJUP", ["ap-south-2"] = "Z02976202B4EZMXIPMXF7",
        ["ap-northeast-1"] = "Z2M4EHUR26P7ZW", ["ap-northeast-2"] = "Z3W03O7B5YMIYP", ["ap-northeast-3"] = "Z2YQB5RD63NC85",
        ["ap-southeast-1"] = "Z3O0J2DXBE1FTB", ["ap-southeast-2"] = "Z1WCIGYICN2BYD", ["ap-southeast-3"] = "Z01846753K324LI26A3VV",
        ["ap-southeast-4"] = "Z0312387243XT5FE14WFO", ["ca-central-1"] = "Z1QDHH18159H29", ["ca-west-1"] = "Z03565811Z33SLEZTHOUL",
        ["eu-central-1"] = "Z21DNDUVLTQW6Q", ["eu-central-2"] = "Z030506016YDQGETNASS", ["eu-north-1"] = "Z3BAZG2TWCNX0D",
        ["eu-south-1"] = "Z30OZKI7KPW7MI", ["eu-south-2"] = "Z0081959F7139GRJC19J", ["eu-west-1"] = "Z1BKCTXD74EZPE",
        ["eu-west-2"] = "Z3GKZC51ZF0DB4", ["eu-west-3"] = "Z3R1K369G5AVDG", ["il-central-1"] = "Z09640613K4A3MN55U7GU",
        ["me-central-1"] = "Z06143092I8HRXZRUZROF", ["me-south-1"] = "Z1MPMWCPA7YB62", ["sa-east-1"] = "Z7KQH4QJS55SO",
        ["us-gov-east-1"] = "Z2NIFVYYW2VKV1", ["us-gov-west-1"] = "Z31GFT0UA1I2HV",
    };

    public static readonly IReadOnlyDictionary<string, string> ElasticBeanstalk = new Dictionary<string, string>
    {
        ["us-east-1"] = "Z117KPS5GTRQ2G", ["us-east-2"] = "Z14LCN19Q5QHIC", ["us-west-1"] = "Z1LQECGX5PH1X", ["us-west-2"] = "Z38NKT9BP95V3O",
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
        ["us-east-1", "us-west-1", "us-west-2", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "eu-west-1", "sa-east-1", "us-gov-west-1"];

    public static string S3WebsiteEndpoint(string region) =>
        S3WebsiteDashRegions.Contains(region) ? $"s3-website-{region}.amazonaws.com" : $"s3-website.{region}.amazonaws.com";

    private static readonly Lazy<HashSet<string>> LoadBalancerZones = new(() =>
        ApplicationLoadBalancer.Values.Concat(NetworkLoadBalancer.Values).ToHashSet(StringComparer.OrdinalIgnoreCase));
    private static readonly Lazy<HashSet<string>> S3WebsiteZones = new(() => S3Website.Values.ToHashSet(StringComparer.OrdinalIgnoreCase));
    private static readonly Lazy<HashSet<string>> ElasticBeanstalkZones = new(() => ElasticBeanstalk.Values.ToHashSet(StringComparer.OrdinalIgnoreCase));

    public static bool IsLoadBalancerZone(string hostedZoneId) => LoadBalancerZones.Value.Contains(hostedZoneId);
    public static bool IsS3WebsiteZone(string hostedZoneId) => S3WebsiteZones.Value.Contains(hostedZoneId);
    public static bool IsElasticBeanstalkZone(string hostedZoneId) => ElasticBeanstalkZones.Value.Contains(hostedZoneId);
}
