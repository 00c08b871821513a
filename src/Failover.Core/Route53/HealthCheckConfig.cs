namespace Failover.Core.Route53;

/// <summary>
/// A Route 53 HealthCheckConfig, field for field (the shape <c>aws route53 create-health-check --health-check-config</c>
/// takes). Settings the user left out are resolved to Route 53's defaults so that configs compare reliably.
/// </summary>
public sealed record HealthCheckConfig
{
    public string? IpAddress { get; init; }
    public int? Port { get; init; }
    /// <summary>HTTP, HTTPS, HTTP_STR_MATCH, HTTPS_STR_MATCH, TCP.</summary>
    public required string Type { get; init; }
    public string? ResourcePath { get; init; }
    public string? FullyQualifiedDomainName { get; init; }
    public string? SearchString { get; init; }
    public int RequestInterval { get; init; } = 30;
    public int FailureThreshold { get; init; } = 3;
    public bool MeasureLatency { get; init; }
    public bool Inverted { get; init; }
    public bool? EnableSni { get; init; }
    public IReadOnlyList<string> Regions { get; init; } = [];

    /// <summary>
    /// Whether Route 53 sends SNI: when EnableSNI is left out it defaults to true for HTTPS types and false otherwise,
    /// and Route 53 (and moto) report the resolved value when a check is read back.
    /// </summary>
    public bool EffectiveEnableSni => EnableSni ?? Type.StartsWith("HTTPS", StringComparison.Ordinal);

    /// <summary>
    /// Field-by-field equality (the generated one compares <see cref="Regions"/> by reference), SNI as resolved, and the
    /// regions as a set: API reference, HealthCheckConfig.Regions — "one Region element for each region from which you
    /// want Amazon Route 53 health checkers to check"; the order means nothing, and Route 53 need not answer in the order
    /// it was sent, so a re-read check in another order is the same check (no new check, no drift).
    /// </summary>
    public bool SameAs(HealthCheckConfig other) =>
        this with { Regions = [], EnableSni = EffectiveEnableSni } == other with { Regions = [], EnableSni = other.EffectiveEnableSni }
        && Regions.Count == other.Regions.Count
        && Regions.ToHashSet(StringComparer.Ordinal).SetEquals(other.Regions);
}
