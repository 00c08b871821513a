using System.Net;
using Failover.Core.Route53;
using Failover.Core.Spec;

namespace Failover.Core.Compilation;

/// <summary>
/// Turns a leaf's health check settings (merged over the tree's defaults) into the exact config Route 53 will hold,
/// with Route 53's own defaults written out so that two configs compare reliably.
/// </summary>
public static class HealthCheckConfigResolver
{
    public const string DefaultType = "HTTP";
    public const string AddressTarget = "address";
    public const string FqdnTarget = "fqdn";

    /// <summary>
    /// What the check connects to: the spec's <c>target</c>, or by default the endpoint's address when it has exactly one
    /// value that is an address (an A/AAAA value, or a CNAME's name when no fqdn is given), and the fqdn otherwise.
    /// </summary>
    public static string TargetOf(HealthCheckSettings merged, EndpointSpec endpoint, string recordType)
    {
        if (merged.Target is { } target) return target;
        if (endpoint.Values.Count != 1) return FqdnTarget;
        var type = recordType.ToUpperInvariant();
        if (type is "A" or "AAAA") return AddressTarget;
        return type == "CNAME" && merged.Fqdn is null ? AddressTarget : FqdnTarget;
    }

    public static HealthCheckConfig Resolve(HealthCheckSettings leafSettings, HealthCheckSettings? defaults, EndpointSpec endpoint,
        string recordType)
    {
        var settings = leafSettings.MergedOver(defaults);
        var type = (settings.Type ?? DefaultType).ToUpperInvariant();
        if (!HealthCheckConfig.IsEndpointType(type)) return ResolveNonEndpoint(type, settings);
        var isHttp = type is "HTTP" or "HTTPS" or "HTTP_STR_MATCH" or "HTTPS_STR_MATCH";
        var isHttps = type is "HTTPS" or "HTTPS_STR_MATCH";
        var fqdn = TrimDot(settings.Fqdn);
        string? ipAddress = null;

        // API reference, HealthCheckConfig.IPAddress: with an IPAddress, Route 53 checks that address and sends
        // FullyQualifiedDomainName as the Host header (and as SNI); without one, it resolves FullyQualifiedDomainName
        // and checks whatever DNS answers. The endpoint's own address stays the checked target unless the spec says
        // target "fqdn" or the endpoint has several values.
        if (TargetOf(settings, endpoint, recordType) == AddressTarget && endpoint.Values.Count == 1)
        {
            var value = endpoint.Values[0];
            if (IPAddress.TryParse(value, out _)) ipAddress = value;
            else if (string.Equals(recordType, "CNAME", StringComparison.OrdinalIgnoreCase)) fqdn ??= TrimDot(value);
        }

        return new HealthCheckConfig
        {
            IpAddress = ipAddress,
            // Route 53's defaults: 80 for HTTP, 443 for HTTPS; a TCP check has no default port.
            Port = settings.Port ?? (isHttps ? 443 : isHttp ? 80 : null),
            Type = type,
            ResourcePath = isHttp ? settings.Path : null,
            FullyQualifiedDomainName = fqdn,
            SearchString = type.EndsWith("_STR_MATCH", StringComparison.Ordinal) ? settings.SearchString : null,
            RequestInterval = settings.RequestInterval ?? 30,
            FailureThreshold = settings.FailureThreshold ?? 3,
            MeasureLatency = settings.MeasureLatency ?? false,
            Inverted = settings.Inverted ?? false,
            // SNI sends the FullyQualifiedDomainName in the TLS hello: meaningless without a name or outside HTTPS.
            EnableSni = isHttps ? settings.EnableSni ?? fqdn is not null : null,
            Regions = settings.Regions is { Count: > 0 } regions ? [.. regions] : [],
        };
    }

    /// <summary>
    /// A check that connects to nothing: only its own kind's fields (API reference, HealthCheckConfig: ChildHealthChecks and
    /// HealthThreshold are "CALCULATED Health Checks Only"; AlarmIdentifier and InsufficientDataHealthStatus belong to
    /// CLOUDWATCH_METRIC; RoutingControlArn to RECOVERY_CONTROL). Endpoint settings inherited from the defaults are dropped.
    /// Children named by node id become placeholders the health-checks layers resolve once those checks exist.
    /// </summary>
    public static HealthCheckConfig ResolveNonEndpoint(string type, HealthCheckSettings settings)
    {
        var inverted = settings.Inverted ?? false;
        return type switch
        {
            "CALCULATED" => new HealthCheckConfig
            {
                Type = type,
                Inverted = inverted,
                ChildHealthChecks =
                    [.. (settings.Children ?? []).Select(HealthCheckPlaceholder.For), .. settings.ChildHealthCheckIds ?? []],
                // The spec's default: every child healthy (Route 53 itself has no default to rely on).
                HealthThreshold = settings.HealthThreshold ?? (settings.Children?.Count ?? 0) + (settings.ChildHealthCheckIds?.Count ?? 0),
            },
            "CLOUDWATCH_METRIC" => new HealthCheckConfig
            {
                Type = type,
                Inverted = inverted,
                AlarmIdentifier = new AlarmIdentifier(settings.AlarmRegion ?? "", settings.AlarmName ?? ""),
                // API reference, InsufficientDataHealthStatus: LastKnownStatus treats a new check as healthy.
                InsufficientDataHealthStatus = settings.InsufficientDataHealthStatus ?? "LastKnownStatus",
            },
            _ => new HealthCheckConfig { Type = type, Inverted = inverted, RoutingControlArn = settings.RoutingControlArn },
        };
    }

    private static string? TrimDot(string? name) => name is null ? null : name.TrimEnd('.').ToLowerInvariant();
}
