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

        var diagnostic = Assert.Single(DocumentationAddresses.Aside(SpecLoader.Load(text).Diagnostics));

        Assert.Equal("$.root.primary.children[1].endpoint.values[0]", diagnostic.Path);
        Assert.Contains(reason, diagnostic.Message);
        Assert.Contains("health checkers cannot reach it and refuse the check", diagnostic.Message);
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

        var diagnostic = Assert.Single(DocumentationAddresses.Aside(SpecLoader.Load(text).Diagnostics));

        Assert.Equal("$.root.primary.endpoint.values[0]", diagnostic.Path);
        Assert.Contains(reason, diagnostic.Message);
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    public void Health_checks_accept_public_IPv4(string address)
    {
        var text = SpecDocument.Www().Set("root.primary.children[1].endpoint.values", $"[\"{address}\"]").Text;

        Assert.DoesNotContain(SpecLoader.Load(text).Diagnostics, d => d.Path == "$.root.primary.children[1].endpoint.values[0]");
    }

    // API reference, HealthCheckConfig.IPAddress cites RFC 5735 (which lists the TEST-NETs) and RFC 5156 (2001:db8::/32).
    [Theory]
    [InlineData("192.0.2.1", "TEST-NET-1 (RFC 5737)")]
    [InlineData("198.51.100.200", "TEST-NET-2 (RFC 5737)")]
    [InlineData("203.0.113.254", "TEST-NET-3 (RFC 5737)")]
    public void Health_checks_of_documentation_IPv4_are_a_warning_that_Route53_refuses_them(string address, string range)
    {
        var text = SpecDocument.Www().Set("root.primary.children[1].endpoint.values", $"[\"{address}\"]").Text;

        var result = SpecLoader.Load(text);

        var warning = Assert.Single(result.Diagnostics, d => d.Path == "$.root.primary.children[1].endpoint.values[0]");
        Assert.True(DocumentationAddresses.IsWarning(warning));
        Assert.Contains(range, warning.Message);
        Assert.NotNull(result.Spec);
    }

    [Theory]
    [InlineData("2600:1f18:abcd::1")]
    [InlineData("::ffff:8.8.8.8")]
    public void Health_checks_accept_public_IPv6(string address)
    {
        var text = SpecDocument.SimpleFailover().Remove("root.primary.endpoint.healthCheck.fqdn")
            .Remove("root.primary.endpoint.healthCheck.enableSni")
            .Set("root.primary.endpoint.values", $"[\"{address}\"]").Text;

        Assert.Empty(SpecLoader.Load(text).Diagnostics);
    }

    [Theory]
    [InlineData("2001:db8::1")]
    [InlineData("2001:db8:ffff::1")]
    public void Health_checks_of_documentation_IPv6_are_a_warning_RFC_3849(string address)
    {
        var text = SpecDocument.SimpleFailover().Remove("root.primary.endpoint.healthCheck.fqdn")
            .Remove("root.primary.endpoint.healthCheck.enableSni")
            .Set("root.primary.endpoint.values", $"[\"{address}\"]").Text;

        var warning = Assert.Single(SpecLoader.Load(text).Diagnostics);

        Assert.True(DocumentationAddresses.IsWarning(warning));
        Assert.Contains("RFC 3849", warning.Message);
    }

    // Before, an fqdn made the check resolve the name and the address went unchecked; now the address stays the target.
    [Fact]
    public void An_fqdn_no_longer_hides_an_unreachable_address_HealthCheckConfig_IPAddress()
    {
        var text = SpecDocument.SimpleFailover().Set("root.primary.endpoint.values", "[\"fd00::10\"]").Text;

        var diagnostic = Assert.Single(SpecLoader.Load(text).Diagnostics);

        Assert.Equal("$.root.primary.endpoint.values[0]", diagnostic.Path);
        Assert.Contains("unique local", diagnostic.Message);
    }

    [Fact]
    public void Unchecked_endpoints_may_hold_private_addresses()
    {
        var text = SpecDocument.SimpleFailover().Set("root.secondary.endpoint.values", "[\"fd00::20\"]").Text;

        Assert.Empty(DocumentationAddresses.Aside(SpecLoader.Load(text).Diagnostics));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("01.2.3.4")]
    [InlineData("1.2.3")]
    [InlineData(" 192.0.2.1")]
    public void A_records_want_dotted_quads(string value)
    {
        var text = SpecDocument.Www().Set("root.primary.children[1].endpoint.values", $"[\"{value}\"]").Text;

        var diagnostic = Assert.Single(DocumentationAddresses.Aside(SpecLoader.Load(text).Diagnostics));

        Assert.Contains("not an IPv4 address", diagnostic.Message);
    }
}
