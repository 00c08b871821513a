using Failover.Core.Spec;

namespace Failover.Core.Validation;

/// <summary>
/// Health check settings within Route 53's ranges (HealthCheckConfig in its API model), on the defaults and on each
/// leaf; a leaf's settings merged over the defaults must make a complete check of an address Route 53 can reach.
/// </summary>
internal static class HealthCheckRules
{
    public const int MaxTextLength = 255;
    public const int MinRegions = 3;

    /// <summary>The fields <paramref name="settings"/> itself sets, judged against <paramref name="type"/> (its own or the merged
    /// one).</summary>
    public static void CheckSettings(ValidationContext context, HealthCheckSettings settings, string path, string? type)
    {
        if (settings.Type is { } ownType && !AwsCatalog.HealthCheckTypes.Contains(ownType))
            context.Error($"{path}.type", $"\"{TreeFieldRules.Shown(ownType)}\" is not a health check type this tree can create; use " +
                $"{string.Join(", ", AwsCatalog.HealthCheckTypes)} (or healthCheckId for an existing check of another kind)");
        if (settings.Port is { } port && port is < 1 or > 65535) context.Error($"{path}.port", $"port {port} is out of range 1–65535");
        if (settings.Path is { } resourcePath)
        {
            if (!resourcePath.StartsWith('/')) context.Error($"{path}.path", "path must start with '/'");
            else if (resourcePath.Length > MaxTextLength) context.Error($"{path}.path", $"path has at most {MaxTextLength} characters");
            else if (type == "TCP") context.Error($"{path}.path",
                "a TCP check opens a connection and requests no path; remove path or use an HTTP(S) type");
        }
        if (settings.Fqdn is { } fqdn && DnsNameSyntax.Problem(fqdn) is { } fqdnProblem)
            context.Error($"{path}.fqdn", $"fqdn {fqdnProblem}");
        if (settings.SearchString is { } search)
        {
            if (search.Length is 0 or > MaxTextLength) context.Error($"{path}.searchString", $"searchString must be 1–{MaxTextLength} " +
                $"characters");
            else if (type is not null && !IsStringMatch(type) && AwsCatalog.HealthCheckTypes.Contains(type))
                context.Error($"{path}.searchString", $"searchString is used only by HTTP_STR_MATCH and HTTPS_STR_MATCH checks; this " +
                    $"check is {type}");
        }
        if (settings.RequestInterval is { } interval && interval is not (10 or 30))
            context.Error($"{path}.requestInterval", "requestInterval is 10 or 30 seconds (Route 53 offers only these two)");
        if (settings.FailureThreshold is { } threshold && threshold is < 1 or > 10)
            context.Error($"{path}.failureThreshold", "failureThreshold must be between 1 and 10");
        if (settings.EnableSni == true && type is not null && !type.StartsWith("HTTPS", StringComparison.Ordinal)
            && AwsCatalog.HealthCheckTypes.Contains(type))
            context.Error($"{path}.enableSni", $"SNI is part of TLS: enableSni applies to HTTPS checks only; this check is {type}");
        if (settings.Regions is { } regions) CheckRegions(context, regions, $"{path}.regions");
    }

    public static void CheckLeaf(ValidationContext context, VisitedNode visited, EndpointSpec endpoint, string path)
    {
        var own = endpoint.HealthCheck!;
        var merged = own.MergedOver(context.Spec.HealthCheckDefaults);
        CheckSettings(context, own, path, merged.Type);

        if (merged.Type is null)
            context.Error($"{path}.type", "the health check has no type: set it here or in healthCheckDefaults");
        else if (IsStringMatch(merged.Type) && merged.SearchString is null)
            context.Error($"{path}.searchString", $"a {merged.Type} check needs a searchString to look for in the response");
        if (merged.Type == "TCP" && merged.Port is null)
            context.Error($"{path}.port", "a TCP check needs a port: Route 53 has no default port for TCP");

        var recordType = context.Spec.RecordType;
        // Without an fqdn the check targets the endpoint's own address (a CNAME's target name); with one, Route 53
        // resolves the fqdn and the record's values are not checked at all.
        if (merged.Fqdn is not null) return;
        if (recordType is not ("A" or "AAAA" or "CNAME"))
        {
            context.Error($"{path}.fqdn", $"a {recordType} record holds no address to check: give the health check an fqdn");
            return;
        }
        if (endpoint.Values.Count > 1)
            context.Error($"{path}.fqdn", $"a health check checks one address, and this endpoint has {endpoint.Values.Count}: give one " +
                $"value per endpoint, or an fqdn to check");
        for (var i = 0; i < endpoint.Values.Count; i++)
        {
            var value = endpoint.Values[i];
            if ((AddressRanges.IsIPv4(value) || AddressRanges.IsIPv6(value)) && AddressRanges.WhyUncheckable(value) is { } reason)
                context.Error($"{visited.PathOf("endpoint")}.values[{i}]", $"{value} is a {reason} address; Route 53 health checkers " +
                    $"cannot reach it");
        }
    }

    private static void CheckRegions(ValidationContext context, IReadOnlyList<string> regions, string path)
    {
        if (regions.Count < MinRegions)
            context.Error(path, $"give at least {MinRegions} health checker regions, or none for all of them");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < regions.Count; i++)
        {
            if (!AwsCatalog.HealthCheckerRegions.Contains(regions[i]))
                context.Error($"{path}[{i}]", $"\"{TreeFieldRules.Shown(regions[i])}\" is not a health checker region; Route 53 checks " +
                    $"from {string.Join(", ", AwsCatalog.HealthCheckerRegions)}");
            else if (!seen.Add(regions[i]))
                context.Error($"{path}[{i}]", $"{regions[i]} is listed twice");
        }
    }

    private static bool IsStringMatch(string type) => type is "HTTP_STR_MATCH" or "HTTPS_STR_MATCH";
}
