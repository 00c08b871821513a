using Failover.Core.Route53;
using Failover.Core.Validation;

namespace Failover.Core.Tests.Route53;

/// <summary>The one alias hosted-zone table against the regions of botocore's route53 model (ResourceRecordSetRegion).</summary>
[Trait("Category", "Unit")]
public class AliasHostedZonesTests
{
    // The European Sovereign Cloud region is in the model, but no published table gives its zone ids yet.
    private static readonly string[] NotPublished = ["eusc-de-east-1"];

    [Fact]
    public void Every_region_of_the_route53_model_has_its_load_balancer_and_s3_website_zones()
    {
        var regions = AwsCatalog.LatencyRegions.Except(NotPublished).ToList();

        var missing = regions.Where(r => !AliasHostedZones.ApplicationLoadBalancer.ContainsKey(r))
            .Concat(regions.Where(r => !AliasHostedZones.NetworkLoadBalancer.ContainsKey(r)))
            .Concat(regions.Where(r => !AliasHostedZones.S3Website.ContainsKey(r)))
            .ToList();

        Assert.True(missing.Count == 0, $"no zone for {string.Join(", ", missing)}");
    }

    [Theory]
    [InlineData("my-lb-1.ap-southeast-4.elb.amazonaws.com", "ap-southeast-4", "Z09517862IB2WZLPXG76F")]
    [InlineData("dualstack.my-lb-1.il-central-1.elb.amazonaws.com", "il-central-1", "Z09170902867EHPV2DABU")]
    [InlineData("net-1.elb.ca-west-1.amazonaws.com", "ca-west-1", "Z02754302KBB00W2LKWZ9")]
    [InlineData("lb-1.cn-north-1.elb.amazonaws.com.cn", "cn-north-1", "Z1GDH35T77C1KE")]
    [InlineData("s3-website.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1", "Z282HJ1KT0DH03")]
    [InlineData("s3-website-us-east-1.amazonaws.com", "us-east-1", "Z3AQBSTGFYJSTF")]
    [InlineData("env.eba-1.eu-west-1.elasticbeanstalk.com", "eu-west-1", "Z2NYPWQ7DFZAZH")]
    public void The_region_in_the_target_name_decides_the_zone_General_Reference_endpoints(string dnsName, string region, string zone)
    {
        var required = AliasHostedZones.RequiredFor(dnsName);

        Assert.NotNull(required);
        Assert.Equal(region, required.Region);
        Assert.Equal(zone, required.Expected);
    }

    [Fact]
    public void Names_without_a_region_ask_for_no_zone() => Assert.Null(AliasHostedZones.RequiredFor("d111111abcdef8.cloudfront.net"));

    [Fact]
    public void China_s3_website_endpoints_end_in_amazonaws_com_cn() =>
        Assert.Equal("s3-website.cn-north-1.amazonaws.com.cn", AliasHostedZones.S3WebsiteEndpoint("cn-north-1"));
}
