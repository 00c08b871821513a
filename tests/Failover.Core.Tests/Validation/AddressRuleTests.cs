using Failover.Core.Spec;

namespace Failover.Core.Tests.Validation;

/// <summary>Route 53 health checkers reach only public addresses; the documentation ranges stay usable for examples.</summary>
[Trait("Category", "Unit")]
public class AddressRuleTests
{
    [Theory]
    [InlineData("10.1.2.3", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.254", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("100.64.0.1", "shared address space")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("239.255.255.250", "multicast")]
    [InlineData("240.0.0.1", "reserved")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("198.18.0.1", "benchmarking")]
    [InlineData("192.0.0.8", "IETF")]
    public void Health_checks_refuse_unreachable_IPv4(string address, string reason)
    {
        var text = SpecDocument.Www().Set("root.primary.children[1].endpoint.values", $"[\"{address}\"]").Text;

        var diagnostic = Assert.Single(SpecLoader.Load(text).Diagnostics);

        Assert.Equal("$.root.primary.children[1].endpoint.values[0]", diagnostic.Path);
        Assert.Contains(reason, diagnostic.Message);
        Assert.Contains("health checkers cannot reach it", diagnostic.Message);
    }

    [Theory]
    [InlineData("::1", "loopback")]
    [InlineData("::", "unspecified")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("fc00::1", "unique local")]
    [InlineData("fd12:3456::1", "unique local")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("::ffff:10.0.0.1", "private")]
    [InlineData("2001::1", "IETF")]
    [InlineData("2002:c000:0201::1", "6to4")]
    [InlineData("fec0::1", "site-local")]
    public void Health_checks_refuse_unreachable_IPv6(string address, string reason)
    {
        var text = SpecDocument.SimpleFailover().Remove("root.primary.endpoint.healthCheck.fqdn")
            .Remove("root.primary.endpoint.healthCheck.enableSni")
            .Set("root.primary.endpoint.values", $"[\"{address}\"]").Text;

        var diagnostic = Assert.Single(SpecLoader.Load(text).Diagnostics);

        Assert.Equal("$.root.primary.endpoint.values[0]", diagnostic.Path);
        Assert.Contains(reason, diagnostic.Message);
    }

    [Theory]
    [InlineData("192.0.2.1")]
    [InlineData("198.51.100.200")]
    [InlineData("203.0.113.254")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    public void Health_checks_accept_public_and_documentation_IPv4(string address)
    {
        var text = SpecDocument.Www().Set("root.primary.children[1].endpoint.values", $"[\"{address}\"]").Text;

        Assert.Empty(SpecLoader.Load(text).Diagnostics);
    }

    [Theory]
    [InlineData("2001:db8::1")]
    [InlineData("2001:db8:ffff::1")]
    [InlineData("2600:1f18:abcd::1")]
    [InlineData("::ffff:8.8.8.8")]
    public void Health_checks_accept_public_and_documentation_IPv6(string address)
    {
        var text = SpecDocument.SimpleFailover().Remove("root.primary.endpoint.healthCheck.fqdn")
            .Remove("root.primary.endpoint.healthCheck.enableSni")
            .Set("root.primary.endpoint.values", $"[\"{address}\"]").Text;

        Assert.Empty(SpecLoader.Load(text).Diagnostics);
    }

    [Fact]
    public void Unchecked_endpoints_may_hold_private_addresses()
    {
        var text = SpecDocument.SimpleFailover().Set("root.secondary.endpoint.values", "[\"fd00::20\"]").Text;

        Assert.Empty(SpecLoader.Load(text).Diagnostics);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("01.2.3.4")]
    [InlineData("1.2.3")]
    [InlineData(" 192.0.2.1")]
    public void A_records_want_dotted_quads(string value)
    {
        var text = SpecDocument.Www().Set("root.primary.children[1].endpoint.values", $"[\"{value}\"]").Text;

        var diagnostic = Assert.Single(SpecLoader.Load(text).Diagnostics);

        Assert.Contains("not an IPv4 address", diagnostic.Message);
    }
}
