using Failover.Core.Compilation;
using Failover.Core.Drift;
using Failover.Core.Spec;

namespace Failover.Core.Tests.Drift;

/// <summary>
/// A check made when an fqdn replaced the endpoint's address (no IPAddress) differs from what the tree now wants: the
/// address as IPAddress and the fqdn as Host header (API reference, HealthCheckConfig.IPAddress). Drift names the field.
/// </summary>
[Trait("Category", "Unit")]
public class HealthCheckTargetDriftTests
{
    private static readonly EndpointSpec Endpoint = new() { Values = ["192.0.2.10"] };

    [Fact]
    public void A_check_without_the_endpoint_address_drifts_on_ipAddress()
    {
        var settings = new HealthCheckSettings { Type = "HTTPS", Fqdn = "api.example.com" };
        var wanted = HealthCheckConfigResolver.Resolve(settings, null, Endpoint, "A");
        var old = wanted with { IpAddress = null };

        var difference = Assert.Single(HealthCheckFields.Compare(wanted, old));

        Assert.Equal(("ipAddress", "192.0.2.10", null), (difference.Field, difference.Expected, difference.Actual));
    }

    [Fact]
    public void Target_fqdn_wants_no_address()
    {
        var settings = new HealthCheckSettings { Type = "HTTPS", Fqdn = "api.example.com", Target = "fqdn" };
        var wanted = HealthCheckConfigResolver.Resolve(settings, null, Endpoint, "A");

        Assert.Empty(HealthCheckFields.Compare(wanted, wanted with { IpAddress = null }));
    }
}
