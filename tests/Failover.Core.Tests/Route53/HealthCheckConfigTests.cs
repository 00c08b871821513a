using Failover.Core.Route53;

namespace Failover.Core.Tests.Route53;

/// <summary>When two health check configs are the same check: what the planner reuses and drift leaves alone.</summary>
[Trait("Category", "Unit")]
public sealed class HealthCheckConfigTests
{
    private static readonly HealthCheckConfig Check = new()
    {
        Type = "HTTPS", IpAddress = "192.0.2.10", Port = 443, ResourcePath = "/health",
        Regions = ["us-east-1", "eu-west-1", "ap-southeast-2"],
    };

    [Fact]
    public void Regions_read_back_in_another_order_are_the_same_check()
    {
        Assert.True(Check.SameAs(Check with { Regions = ["ap-southeast-2", "us-east-1", "eu-west-1"] }));
        // SNI left out resolves to true for HTTPS, as Route 53 reports it.
        Assert.True(Check.SameAs(Check with { EnableSni = true }));
    }

    [Fact]
    public void Other_regions_or_settings_are_another_check()
    {
        Assert.False(Check.SameAs(Check with { Regions = ["us-east-1", "eu-west-1", "us-west-2"] }));
        Assert.False(Check.SameAs(Check with { Regions = ["us-east-1", "eu-west-1", "ap-southeast-2", "us-west-2"] }));
        Assert.False(Check.SameAs(Check with { Regions = ["us-east-1", "eu-west-1", "eu-west-1"] }));
        Assert.False(Check.SameAs(Check with { Regions = [] }));
        Assert.False(Check.SameAs(Check with { ResourcePath = "/ready" }));
        Assert.False(Check.SameAs(Check with { EnableSni = false }));
    }
}
