namespace Failover.Core.Spec;

/// <summary>
/// Health check settings as written in the spec; every field optional so a leaf's settings can be merged over the
/// tree's defaults with <see cref="MergedOver"/>.
/// </summary>
public sealed record HealthCheckSettings
{
    /// <summary>
    /// HTTP, HTTPS, HTTP_STR_MATCH, HTTPS_STR_MATCH or TCP (endpoint checks); CALCULATED, CLOUDWATCH_METRIC or
    /// RECOVERY_CONTROL (checks of other checks, of a CloudWatch alarm, of a routing control).
    /// </summary>
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

    /// <summary>CALCULATED: ids of tree nodes whose own health checks are children of this one.</summary>
    public IReadOnlyList<string>? Children { get; init; }
    /// <summary>CALCULATED: ids of existing health checks (not the tree's) that are children of this one.</summary>
    public IReadOnlyList<string>? ChildHealthCheckIds { get; init; }
    /// <summary>CALCULATED: how many children must be healthy (0–256).</summary>
    public int? HealthThreshold { get; init; }
    /// <summary>CLOUDWATCH_METRIC: the alarm's name (AlarmIdentifier.Name).</summary>
    public string? AlarmName { get; init; }
    /// <summary>CLOUDWATCH_METRIC: the alarm's region (AlarmIdentifier.Region).</summary>
    public string? AlarmRegion { get; init; }
    /// <summary>CLOUDWATCH_METRIC: Healthy, Unhealthy or LastKnownStatus when the alarm has insufficient data.</summary>
    public string? InsufficientDataHealthStatus { get; init; }
    /// <summary>RECOVERY_CONTROL: the Application Recovery Controller routing control's ARN.</summary>
    public string? RoutingControlArn { get; init; }

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
        Children = Children ?? defaults.Children,
        ChildHealthCheckIds = ChildHealthCheckIds ?? defaults.ChildHealthCheckIds,
        HealthThreshold = HealthThreshold ?? defaults.HealthThreshold,
        AlarmName = AlarmName ?? defaults.AlarmName,
        AlarmRegion = AlarmRegion ?? defaults.AlarmRegion,
        InsufficientDataHealthStatus = InsufficientDataHealthStatus ?? defaults.InsufficientDataHealthStatus,
        RoutingControlArn = RoutingControlArn ?? defaults.RoutingControlArn,
    };
}
