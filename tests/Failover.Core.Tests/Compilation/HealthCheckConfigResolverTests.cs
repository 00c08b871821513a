using Failover.Core.Compilation;
using Failover.Core.Spec;

namespace Failover.Core.Tests.Compilation;

[Trait("Category", "Unit")]
public class HealthCheckConfigResolverTests
{
    private static readonly EndpointSpec Ipv4 = new() { Values = ["192.0.2.10"] };

    [Theory]
    [InlineData("HTTP", 80)]
    [InlineData("HTTP_STR_MATCH", 80)]
    [InlineData("HTTPS", 443)]
    [InlineData("HTTPS_STR_MATCH", 443)]
    public void The_port_defaults_by_type(string type, int port)
    {
        var config = HealthCheckConfigResolver.Resolve(new HealthCheckSettings { Type = type }, null, Ipv4, "A");

        Assert.Equal(port, config.Port);
    }

    [Fact]
    public void Route53_defaults_are_written_out()
    {
        var config = HealthCheckConfigResolver.Resolve(new HealthCheckSettings(), null, Ipv4, "A");

        Assert.Equal("HTTP", config.Type);
        Assert.Equal(30, config.RequestInterval);
        Assert.Equal(3, config.FailureThreshold);
        Assert.False(config.MeasureLatency);
        Assert.False(config.Inverted);
        Assert.Empty(config.Regions);
        Assert.Equal("192.0.2.10", config.IpAddress);
    }

    [Fact]
    public void Leaf_settings_win_over_the_defaults()
    {
        var defaults = new HealthCheckSettings { Type = "HTTPS", Path = "/health", FailureThreshold = 3, RequestInterval = 10 };

        var config =
            HealthCheckConfigResolver.Resolve(new HealthCheckSettings { Path = "/ready", FailureThreshold = 5 }, defaults, Ipv4, "A");

        Assert.Equal(("/ready", 5, 10, "HTTPS"), (config.ResourcePath, config.FailureThreshold, config.RequestInterval, config.Type));
    }

    [Fact]
    // API reference, HealthCheckConfig.IPAddress: "Route 53 ... passes the value of FullyQualifiedDomainName in the Host header".
    public void An_fqdn_with_one_address_keeps_the_ip_as_the_target_and_sends_the_name_as_host_and_sni()
    {
        var settings = new HealthCheckSettings { Type = "HTTPS", Fqdn = "App.Example.com." };

        var config = HealthCheckConfigResolver.Resolve(settings, null, Ipv4, "A");

        Assert.Equal("192.0.2.10", config.IpAddress);
        Assert.Equal("app.example.com", config.FullyQualifiedDomainName);
        Assert.True(config.EnableSni);
    }

    [Fact]
    public void Target_fqdn_checks_the_name_alone()
    {
        var settings = new HealthCheckSettings { Fqdn = "app.example.com", Target = "fqdn" };

        var config = HealthCheckConfigResolver.Resolve(settings, null, Ipv4, "A");

        Assert.Null(config.IpAddress);
        Assert.Equal("app.example.com", config.FullyQualifiedDomainName);
    }

    [Fact]
    public void Several_values_check_the_fqdn_alone()
    {
        var endpoint = new EndpointSpec { Values = ["192.0.2.10", "192.0.2.11"] };

        var config = HealthCheckConfigResolver.Resolve(new HealthCheckSettings { Fqdn = "app.example.com" }, null, endpoint, "A");

        Assert.Null(config.IpAddress);
        Assert.Equal("app.example.com", config.FullyQualifiedDomainName);
    }

    [Fact]
    public void A_cname_tree_checks_the_target_name()
    {
        var config =
            HealthCheckConfigResolver.Resolve(new HealthCheckSettings(), null, new EndpointSpec { Values = ["origin.example.net."] },
            "CNAME");

        Assert.Null(config.IpAddress);
        Assert.Equal("origin.example.net", config.FullyQualifiedDomainName);
    }

    [Fact]
    public void Settings_that_do_not_apply_to_the_type_are_left_out()
    {
        var tcp =
            HealthCheckConfigResolver.Resolve(new HealthCheckSettings { Type = "TCP", Port = 22, SearchString = "x" },
            new HealthCheckSettings { Path = "/health" }, Ipv4, "A");
        var http =
            HealthCheckConfigResolver.Resolve(new HealthCheckSettings { Type = "HTTP", SearchString = "x", EnableSni = true }, null, Ipv4,
            "A");

        Assert.Equal((22, null, null, null), (tcp.Port, tcp.ResourcePath, tcp.SearchString, tcp.EnableSni));
        Assert.Equal((null, null), (http.SearchString, http.EnableSni));
    }

    [Fact]
    public void Search_strings_stay_on_string_matching_checks()
    {
        var config =
            HealthCheckConfigResolver.Resolve(
            new HealthCheckSettings { Type = "HTTPS_STR_MATCH", SearchString = "OK", Fqdn = "a.example.com" }, null, Ipv4, "A");

        Assert.Equal("OK", config.SearchString);
        Assert.True(config.EnableSni);
    }
}
