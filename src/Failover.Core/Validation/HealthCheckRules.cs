using Failover.Core.Compilation;
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
                $"{string.Join(", ", AwsCatalog.HealthCheckTypes)} (or healthCheckId for an existing check)");
        OtherKindRules.CheckFields(context, settings, path, type);
        // The endpoint fields of a check that connects to nothing are refused where they are written (OtherKindRules).
        if (type is not null && AwsCatalog.HealthCheckTypes.Contains(type) && !Route53.HealthCheckConfig.IsEndpointType(type)) return;
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
        if (settings.Target is { } target && !IsTarget(target))
            context.Error($"{path}.target", $"\"{TreeFieldRules.Shown(target)}\" is not a health check target: use \"address\" "
                + "(the endpoint's value, with fqdn as Host header and SNI) or \"fqdn\" (Route 53 resolves fqdn)");
    }

    public static void CheckLeaf(ValidationContext context, VisitedNode visited, EndpointSpec endpoint, string path)
    {
        var own = endpoint.HealthCheck!;
        var merged = own.MergedOver(context.Spec.HealthCheckDefaults);
        CheckSettings(context, own, path, merged.Type);
        if (merged.Type is { } kind && AwsCatalog.HealthCheckTypes.Contains(kind) && !Route53.HealthCheckConfig.IsEndpointType(kind))
        {
            // It checks no address: the endpoint's values may be private (a CloudWatch alarm watches what checkers cannot reach).
            OtherKindRules.CheckComplete(context, merged, path);
            return;
        }

        if (merged.Type is null)
            context.Error($"{path}.type", "the health check has no type: set it here or in healthCheckDefaults");
        else if (IsStringMatch(merged.Type) && merged.SearchString is null)
            context.Error($"{path}.searchString", $"a {merged.Type} check needs a searchString to look for in the response");
        if (merged.Type == "TCP" && merged.Port is null)
            context.Error($"{path}.port", "a TCP check needs a port: Route 53 has no default port for TCP");

        CheckTarget(context, visited, endpoint, merged, path);
    }

    /// <summary>
    /// API reference, HealthCheckConfig.IPAddress and FullyQualifiedDomainName: with an IPAddress Route 53 checks that
    /// address and sends the FQDN as Host header and SNI; without one it resolves the FQDN. <c>target</c> says which;
    /// by default the endpoint's single address (see <see cref="HealthCheckConfigResolver.TargetOf"/>).
    /// </summary>
    private static void CheckTarget(
        ValidationContext context, VisitedNode visited, EndpointSpec endpoint, HealthCheckSettings merged, string path)
    {
        var recordType = context.Spec.RecordType;
        // A dual-stack endpoint's one check is resolved against its A record's view: its IPv4 addresses.
        endpoint = DualStack.ViewOf(context.Spec, endpoint, recordType);
        // An unknown target is reported where it is written (CheckSettings).
        if (merged.Target is { } given && !IsTarget(given)) return;
        var target = HealthCheckConfigResolver.TargetOf(merged, endpoint, recordType);
        if (target == HealthCheckConfigResolver.FqdnTarget)
        {
            if (merged.Fqdn is null)
            {
                context.Error($"{path}.fqdn", merged.Target is not null ? "target \"fqdn\" resolves the fqdn: give the health check an fqdn"
                    : recordType is not ("A" or "AAAA" or "CNAME")
                        ? $"a {recordType} record holds no address to check: give the health check an fqdn"
                    : $"a health check checks one address, and this endpoint has {endpoint.Values.Count}: "
                        + "give one value per endpoint, or an fqdn to check");
            }
            // API reference, HealthCheckConfig.FullyQualifiedDomainName: checking by the name of the records the check
            // is associated with gives "unpredictable" results — Route 53 may resolve it to any of them, or to none.
            else if (merged.Fqdn == context.Spec.RecordName)
                context.Warning($"{path}.fqdn", $"the check resolves {merged.Fqdn}, the name this tree answers for: Route 53 calls "
                    + "the result unpredictable (it may check another endpoint); use target \"address\" with one value per endpoint, "
                    + "or another name");
            return;
        }
        if (recordType is not ("A" or "AAAA" or "CNAME"))
        {
            context.Error($"{path}.target", $"a {recordType} record holds no address to check: use target \"fqdn\" with an fqdn");
            return;
        }
        if (endpoint.Values.Count != 1)
        {
            context.Error($"{path}.target", $"target \"address\" checks one address, and this endpoint has {endpoint.Values.Count}: "
                + "give one value per endpoint, or use target \"fqdn\"");
            return;
        }
        if (recordType == "CNAME" && merged.Fqdn is not null)
        {
            context.Error($"{path}.target",
                "a CNAME's address is a name and Route 53 checks one name: remove fqdn to check the CNAME's target, "
                + "or use target \"fqdn\"");
            return;
        }
        var value = endpoint.Values[0];
        if (!(AddressRanges.IsIPv4(value) || AddressRanges.IsIPv6(value))) return;
        // Made only for a message (most checked addresses are fine).
        string ValuePath() => $"{visited.PathOf("endpoint")}.values[0]";
        // API reference, HealthCheckConfig.IPAddress: Route 53 can't check "local, private, non-routable, or multicast
        // ranges" (RFC 5735, RFC 6598, RFC 5156).
        if (AddressRanges.WhyUncheckable(value) is { } reason)
            // Developer Guide, "Configuring failover in a private hosted zone": to check instances that only have private
            // addresses, create a health check based on a CloudWatch alarm.
            context.Error(ValuePath(), $"{value} is a {reason} address; Route 53 health checkers cannot reach it and refuse the check: "
                + "check it through a CloudWatch alarm (type CLOUDWATCH_METRIC) or name an existing check (healthCheckId)");
        else if (AddressRanges.DocumentationRange(value) is { } range)
            context.Warning(ValuePath(), $"{value} is in {range}: {AddressRanges.DocumentationNote}");
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

    private static bool IsTarget(string target) =>
        target is HealthCheckConfigResolver.AddressTarget or HealthCheckConfigResolver.FqdnTarget;

    private static bool IsStringMatch(string type) => type is "HTTP_STR_MATCH" or "HTTPS_STR_MATCH";
}
