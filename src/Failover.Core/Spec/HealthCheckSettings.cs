namespace Failover.Core.Spec;

/// <summary>
/// Health check settings as written in the spec; every field optional so a leaf's settings can be merged over the
/// tree's defaults with <see cref="MergedOver"/>.
/// </summary>
public sealed record HealthCheckSettings
{
    /// <summary>HTTP, HTTPS, HTTP_STR_MATCH, HTTPS_STR_MATCH or TCP.</summary>
    public string? Type { get; init; }
    public int? Port { get; init; }
    public string? Path { get; init; }
    public string? Fqdn { get; init; }
    public string? SearchString { get; init; }
    public int? RequestInterval { get; init; }
    public int? FailureThreshold { get; init; }
    public IReadOnlyList<string>? Regions { get; init; }
    public bool? MeasureLatency { get; init; }
    public bool? Inverted { get; init; }
    public bool? EnableSni { get; init; }
    /// <summary>
    /// What Route 53 connects to: <c>address</c> (the endpoint's own value, with <see cref="Fqdn"/> sent as Host header and
    /// SNI) or <c>fqdn</c> (Route 53 resolves <see cref="Fqdn"/> and checks what it answers). Null: <c>address</c> when the
    /// endpoint has one value, <c>fqdn</c> otherwise.
    /// </summary>
    public string? Target { get; init; }

    /// <summary>This leaf's settings, with anything it leaves out taken from <paramref name="defaults"/>.</summary>
    public HealthCheckSettings MergedOver(HealthCheckSettings? defaults) => defaults is null ? this : new HealthCheckSettings
    {
        Type = Type ?? defaults.Type,
        Port = Port ?? defaults.Port,
        Path = Path ?? defaults.Path,
        Fqdn = Fqdn ?? defaults.Fqdn,
        SearchString = SearchString ?? defaults.SearchString,
        RequestInterval = RequestInterval ?? defaults.RequestInterval,
        FailureThreshold = FailureThreshold ?? defaults.FailureThreshold,
        Regions = Regions ?? defaults.Regions,
        MeasureLatency = MeasureLatency ?? defaults.MeasureLatency,
        Inverted = Inverted ?? defaults.Inverted,
        EnableSni = EnableSni ?? defaults.EnableSni,
        Target = Target ?? defaults.Target,
    };
}
