using System.Globalization;
using Failover.Core.Route53;

namespace Failover.Core.Drift;

/// <summary>
/// The settings of a health check that differ from what the tree wants. Regions compare as a set (Route 53 keeps no
/// order); the domain name without case.
/// </summary>
internal static class HealthCheckFields
{
    public static List<FieldDifference> Compare(HealthCheckConfig expected, HealthCheckConfig actual)
    {
        var differences = new List<FieldDifference>();
        void Check(string field, string? wanted, string? found, StringComparison comparison = StringComparison.Ordinal)
        {
            if (!string.Equals(wanted, found, comparison)) differences.Add(new FieldDifference(field, wanted, found));
        }

        Check("type", expected.Type, actual.Type);
        if (!expected.IsEndpointCheck)
        {
            CompareOtherKind(expected.OwnFields(), actual.OwnFields(), Check, differences);
            return differences;
        }
        Check("ipAddress", expected.IpAddress, actual.IpAddress);
        Check("port", Number(expected.Port), Number(actual.Port));
        Check("resourcePath", expected.ResourcePath, actual.ResourcePath);
        Check("fullyQualifiedDomainName", expected.FullyQualifiedDomainName?.TrimEnd('.'), actual.FullyQualifiedDomainName?.TrimEnd('.'),
            StringComparison.OrdinalIgnoreCase);
        Check("searchString", expected.SearchString, actual.SearchString);
        Check("requestInterval", Number(expected.RequestInterval), Number(actual.RequestInterval));
        Check("failureThreshold", Number(expected.FailureThreshold), Number(actual.FailureThreshold));
        Check("measureLatency", Flag(expected.MeasureLatency), Flag(actual.MeasureLatency));
        Check("inverted", Flag(expected.Inverted), Flag(actual.Inverted));
        // SNI means nothing outside HTTPS (the tree leaves it unset there, whatever Route 53 lists); unset reads as off.
        if (expected.EnableSni is { } sni) Check("enableSni", Flag(sni), Flag(actual.EnableSni ?? false));
        var wantedRegions = expected.Regions.Order(StringComparer.Ordinal).ToList();
        var foundRegions = actual.Regions.Order(StringComparer.Ordinal).ToList();
        // No regions in the tree means Route 53's default set, whatever Route 53 lists for it.
        if (wantedRegions.Count > 0 && !wantedRegions.SequenceEqual(foundRegions, StringComparer.Ordinal))
            differences.Add(new FieldDifference("regions", string.Join(", ", wantedRegions), string.Join(", ", foundRegions)));
        return differences;
    }

    /// <summary>The members of CALCULATED, CLOUDWATCH_METRIC and RECOVERY_CONTROL checks; children as a set.</summary>
    private static void CompareOtherKind(HealthCheckConfig expected, HealthCheckConfig actual,
        Action<string, string?, string?, StringComparison> check, List<FieldDifference> differences)
    {
        check("inverted", Flag(expected.Inverted), Flag(actual.Inverted), StringComparison.Ordinal);
        check("healthThreshold", Number(expected.HealthThreshold), Number(actual.HealthThreshold), StringComparison.Ordinal);
        var wantedChildren = expected.ChildHealthChecks.Order(StringComparer.Ordinal).ToList();
        var foundChildren = actual.ChildHealthChecks.Order(StringComparer.Ordinal).ToList();
        if (!wantedChildren.SequenceEqual(foundChildren, StringComparer.Ordinal))
            differences.Add(new FieldDifference("childHealthChecks", string.Join(", ", wantedChildren), string.Join(", ", foundChildren)));
        check("alarmIdentifier", Alarm(expected.AlarmIdentifier), Alarm(actual.AlarmIdentifier), StringComparison.Ordinal);
        check("insufficientDataHealthStatus", expected.InsufficientDataHealthStatus, actual.InsufficientDataHealthStatus,
            StringComparison.Ordinal);
        check("routingControlArn", expected.RoutingControlArn, actual.RoutingControlArn, StringComparison.Ordinal);
    }

    private static string? Alarm(AlarmIdentifier? alarm) => alarm is null ? null : $"{alarm.Region}/{alarm.Name}";

    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string Flag(bool value) => value ? "true" : "false";
}
