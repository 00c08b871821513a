using Failover.Core.Compilation;
using Failover.Core.Route53;
using Failover.Core.Spec;

namespace Failover.Core.Adoption;

/// <summary>
/// Turns an existing health check's config back into <c>healthCheck</c> settings, only when compiling those settings
/// gives the very same config (so the tree recognises the check as its own and never re-creates it); otherwise says
/// why, and the node keeps the check by id.
/// </summary>
internal static class HealthCheckSettingsReader
{
    public static HealthCheckSettings? TryRead(HealthCheckConfig config, EndpointSpec endpoint, string recordType, out string? why)
    {
        why = null;
        var settings = config.IsEndpointCheck ? EndpointSettings(config, endpoint, recordType, ref why) : OtherSettings(config);
        if (settings is null) return null;
        var compiled = config.IsEndpointCheck
            ? HealthCheckConfigResolver.Resolve(settings, null, endpoint, recordType)
            : HealthCheckConfigResolver.ResolveNonEndpoint(config.Type, settings);
        if (compiled.SameAs(config)) return settings;
        why ??= "the settings the spec can write compile to another config";
        return null;
    }

    private static HealthCheckSettings? EndpointSettings(HealthCheckConfig config, EndpointSpec endpoint, string recordType,
        ref string? why)
    {
        var type = config.Type;
        var isHttps = type is "HTTPS" or "HTTPS_STR_MATCH";
        var defaultPort = isHttps ? 443 : type is "HTTP" or "HTTP_STR_MATCH" ? 80 : (int?)null;
        string? target = null;
        if (config.IpAddress is { } address)
        {
            // The spec's checks connect to the endpoint's own single address (HealthCheckConfig.IPAddress); a check of
            // some other address describes something the tree does not hold.
            if (endpoint.Values.Count != 1 || endpoint.Values[0] != address)
            {
                why = endpoint.Values.Count == 0
                    ? $"it checks the address {address}, and this node has no address of its own"
                    : $"it checks {address}, which is not this endpoint's single value";
                return null;
            }
            target = HealthCheckConfigResolver.AddressTarget;
        }
        else if (endpoint.Values.Count == 1) target = HealthCheckConfigResolver.FqdnTarget;
        var fqdn = config.FullyQualifiedDomainName;
        return new HealthCheckSettings
        {
            Type = type,
            Port = config.Port == defaultPort ? null : config.Port,
            Path = config.ResourcePath,
            Fqdn = fqdn,
            SearchString = config.SearchString,
            RequestInterval = config.RequestInterval == 30 ? null : config.RequestInterval,
            FailureThreshold = config.FailureThreshold == 3 ? null : config.FailureThreshold,
            Regions = config.Regions.Count == 0 ? null : [.. config.Regions],
            MeasureLatency = config.MeasureLatency ? true : null,
            Inverted = config.Inverted ? true : null,
            // Written only where it differs from what the compiler derives (SNI on for HTTPS with a name).
            EnableSni = isHttps && config.EffectiveEnableSni != (fqdn is not null) ? config.EffectiveEnableSni : null,
            Target = target == HealthCheckConfigResolver.TargetOf(new HealthCheckSettings { Fqdn = fqdn }, endpoint, recordType)
                ? null : target,
        };
    }

    private static HealthCheckSettings OtherSettings(HealthCheckConfig config) => new()
    {
        Type = config.Type,
        Inverted = config.Inverted ? true : null,
        ChildHealthCheckIds = config.Type == "CALCULATED" ? [.. config.ChildHealthChecks] : null,
        HealthThreshold = config.Type == "CALCULATED" ? config.HealthThreshold : null,
        AlarmName = config.AlarmIdentifier?.Name,
        AlarmRegion = config.AlarmIdentifier?.Region,
        InsufficientDataHealthStatus = config.InsufficientDataHealthStatus,
        RoutingControlArn = config.RoutingControlArn,
    };
}
