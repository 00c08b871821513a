using Failover.Core.Route53;

namespace Failover.Core.Tests.Planning;

[Trait("Category", "Unit")]
public class HealthCheckConfigSniTests
{
    [Theory]
    [InlineData("HTTP", false)]
    [InlineData("TCP", false)]
    [InlineData("HTTPS", true)]
    [InlineData("HTTPS_STR_MATCH", true)]
    public void A_check_read_back_with_the_resolved_SNI_default_is_the_same_check(string type, bool resolved)
    {
        var compiled = new HealthCheckConfig { Type = type, IpAddress = "192.0.2.1", Port = 80 };

        Assert.True(compiled.SameAs(compiled with { EnableSni = resolved }));
        Assert.False(compiled.SameAs(compiled with { EnableSni = !resolved }));
    }
}
