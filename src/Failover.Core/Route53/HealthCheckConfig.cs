namespace Failover.Core.Route53;

/// <summary>
/// A Route 53 HealthCheckConfig, field for field (the shape <c>aws route53 create-health-check --health-check-config</c>
/// takes). Settings the user left out are resolved to Route 53's defaults so that configs compare reliably.
/// </summary>
public sealed record HealthCheckConfig
{
    public string? IpAddress { get; init; }
    public int? Port { get; init; }
    /// <summary>HTTP, HTTPS, HTTP_STR_MATCH, HTTPS_STR_MATCH, TCP; CALCULATED, CLOUDWATCH_METRIC, RECOVERY_CONTROL.</summary>
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
    /// <summary>CALCULATED: the child checks' ids (or <c>{{healthcheck:node}}</c> placeholders until they exist).</summary>
    public IReadOnlyList<string> ChildHealthChecks { get; init; } = [];
    /// <summary>CALCULATED: how many children must be healthy.</summary>
    public int? HealthThreshold { get; init; }
    /// <summary>CLOUDWATCH_METRIC: the alarm whose state is the check's.</summary>
    public AlarmIdentifier? AlarmIdentifier { get; init; }
    /// <summary>CLOUDWATCH_METRIC: Healthy, Unhealthy or LastKnownStatus.</summary>
    public string? InsufficientDataHealthStatus { get; init; }
    /// <summary>RECOVERY_CONTROL: the routing control's ARN.</summary>
    public string? RoutingControlArn { get; init; }

    /// <summary>
    /// Whether Route 53's checkers connect to an endpoint (HTTP, HTTPS, *_STR_MATCH, TCP). API reference,
    /// HealthCheckConfig.Type: CALCULATED, CLOUDWATCH_METRIC and RECOVERY_CONTROL take their status from other checks,
    /// an alarm or a routing control, and have no address, port, interval or threshold of their own.
    /// </summary>
    public bool IsEndpointCheck => IsEndpointType(Type);

    public static bool IsEndpointType(string type) => type is "HTTP" or "HTTPS" or "HTTP_STR_MATCH" or "HTTPS_STR_MATCH" or "TCP";

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
    /// <remarks>Child checks compare as a set too: ChildHealthChecks is "one ChildHealthCheck element for each health check".</remarks>
    public bool SameAs(HealthCheckConfig other)
    {
        var (left, right) = (OwnFields(), other.OwnFields());
        return left with { Regions = [], ChildHealthChecks = [], EnableSni = left.EffectiveEnableSni }
                == right with { Regions = [], ChildHealthChecks = [], EnableSni = right.EffectiveEnableSni }
            && SameSet(left.Regions, right.Regions)
            && SameSet(left.ChildHealthChecks, right.ChildHealthChecks);
    }

    /// <summary>
    /// The fields this kind of check has: an endpoint check as it is; for the other kinds only their own members, so
    /// whatever a reader reports for the endpoint members (moto lists a port and an interval) does not tell them apart.
    /// </summary>
    public HealthCheckConfig OwnFields() => IsEndpointCheck ? this : new HealthCheckConfig
    {
        Type = Type,
        Inverted = Inverted,
        ChildHealthChecks = Type == "CALCULATED" ? ChildHealthChecks : [],
        HealthThreshold = Type == "CALCULATED" ? HealthThreshold : null,
        AlarmIdentifier = Type == "CLOUDWATCH_METRIC" ? AlarmIdentifier : null,
        InsufficientDataHealthStatus = Type == "CLOUDWATCH_METRIC" ? InsufficientDataHealthStatus : null,
        RoutingControlArn = Type == "RECOVERY_CONTROL" ? RoutingControlArn : null,
    };

    private static bool SameSet(IReadOnlyList<string> left, IReadOnlyList<string> right) =>
        left.Count == right.Count && left.ToHashSet(StringComparer.Ordinal).SetEquals(right);
}

/// <summary>API reference, AlarmIdentifier: the CloudWatch alarm of a CLOUDWATCH_METRIC check, by region and name.</summary>
public sealed record AlarmIdentifier(string Region, string Name);
