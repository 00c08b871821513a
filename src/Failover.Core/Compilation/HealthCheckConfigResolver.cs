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

    public static HealthCheckConfig Resolve(HealthCheckSettings leafSettings, HealthCheckSettings? defaults, EndpointSpec endpoint,
        string recordType)
    {
        var settings = leafSettings.MergedOver(defaults);
        var type = (settings.Type ?? DefaultType).ToUpperInvariant();
        var isHttp = type is "HTTP" or "HTTPS" or "HTTP_STR_MATCH" or "HTTPS_STR_MATCH";
        var isHttps = type is "HTTPS" or "HTTPS_STR_MATCH";
        var fqdn = TrimDot(settings.Fqdn);
        var firstValue = endpoint.Values.Count > 0 ? endpoint.Values[0] : null;
        string? ipAddress = null;

        // Route 53 checks the IPAddress when one is given and resolves FullyQualifiedDomainName only when none is:
        // the endpoint's own IP is the checked address unless the spec names an fqdn.
        if (fqdn is null && firstValue is not null)
        {
            if (IPAddress.TryParse(firstValue, out _)) ipAddress = firstValue;
            else if (string.Equals(recordType, "CNAME", StringComparison.OrdinalIgnoreCase)) fqdn = TrimDot(firstValue);
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

    private static string? TrimDot(string? name) => name is null ? null : name.TrimEnd('.').ToLowerInvariant();
}
