namespace Failover.Core.Simulation;

/// <summary>
/// What to simulate: which health-checked leaves are failing, and where the query comes from.
/// </summary>
/// <param name="Unhealthy">Ids of endpoint leaves (with a health check) or alias leaves (evaluating target health) that fail.</param>
/// <param name="Region">The AWS region with the lowest latency for the client; latency rules answer from it (default: their first
/// child).</param>
/// <param name="Location">
/// Where the client is, for geolocation rules: a country code (<c>DE</c>), a country subdivision (<c>US-CA</c>), a continent
/// (<c>continent:EU</c>, or bare <c>EU</c>, <c>OC</c>, <c>AN</c>), or <c>*</c> for an address Route 53 cannot place.
/// </param>
public sealed record SimulationQuery(IReadOnlySet<string> Unhealthy, string? Region = null, string? Location = null)
{
    /// <summary>Where the client is, for geoproximity rules: <c>lat,lon</c> in degrees. Without it, geoproximity places the
    /// client at <see cref="Location"/>'s representative point.</summary>
    public string? Coordinates { get; init; }
    /// <summary>The client's address (or the EDNS client subnet's), for ip-based rules.</summary>
    public string? ClientIp { get; init; }
    /// <summary>Where the client is, for az-affinity rules: its Availability Zone ID (<c>use1-az1</c>), or a Zone Group, region
    /// or partition when only that is known. Without it, Route 53 does not know the query's zone and only the global location
    /// matches.</summary>
    public string? Az { get; init; }
    /// <summary>The record type queried, for a dual-stack tree (A or AAAA; default A): the answers carry that family's
    /// addresses.</summary>
    public string? RecordType { get; init; }

    public static SimulationQuery AllHealthy { get; } = new(new HashSet<string>());
}
