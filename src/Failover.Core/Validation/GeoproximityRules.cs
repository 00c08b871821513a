using System.Globalization;
using System.Text.RegularExpressions;
using Failover.Core.Spec;

namespace Failover.Core.Validation;

/// <summary>
/// A geoproximity child's place and bias, as Route 53 takes them (API reference, GeoProximityLocation and Coordinates;
/// Developer Guide, Geoproximity routing).
/// </summary>
internal static partial class GeoproximityRules
{
    public const int MaxBias = 99;

    public static void Check(ValidationContext context, VisitedNode visited, bool needed)
    {
        var place = visited.Node.Geoproximity;
        if (!needed && place is null) return;
        var path = visited.PathOf("geoproximity");
        if (!needed)
        {
            if (place is not null) context.Error(path, ParentAttributeRules.Unused("geoproximity", visited));
            return;
        }
        if (place is null)
        {
            context.Error(path, "a child of a geoproximity rule needs geoproximity: {\"region\": \"us-east-1\"}, " +
                "{\"localZoneGroup\": \"us-east-1-bos-1\"} or {\"coordinates\": {\"latitude\": \"49.22\", \"longitude\": \"-74.01\"}}, " +
                "with an optional bias");
            return;
        }
        // GeoProximityLocation: "Only one of LocalZoneGroup, Coordinates, or AWSRegion is allowed per request at a time."
        var given = new[] { place.AwsRegion is not null, place.LocalZoneGroup is not null, place.HasCoordinates }.Count(x => x);
        if (given != 1)
            context.Error(path, given == 0
                ? "geoproximity needs one of region, localZoneGroup or coordinates"
                : "geoproximity takes one of region, localZoneGroup or coordinates, not several (API reference, GeoProximityLocation)");
        if (place.AwsRegion is { } region && !AwsCatalog.LatencyRegions.Contains(region))
            context.Error($"{path}.region",
                $"\"{TreeFieldRules.Shown(region)}\" is not an AWS region Route 53 routes to (ResourceRecordSetRegion: us-east-1, " +
                "eu-west-1, …)");
        if (place.LocalZoneGroup is { } group) CheckLocalZoneGroup(context, $"{path}.localZoneGroup", group);
        if (place.HasCoordinates)
        {
            // Coordinates.Latitude: pattern [-+]?[0-9]{1,2}(\.[0-9]{0,2})?, -90 to 90; Longitude: [-+]?[0-9]{1,3}(\.[0-9]{0,2})?,
            // -180 to 180. Route 53 keeps at most two decimals (about 1 km), so a finer coordinate is refused, not rounded.
            CheckCoordinate(context, $"{path}.coordinates.latitude", place.Latitude, LatitudeSyntax(), 90, "latitude");
            CheckCoordinate(context, $"{path}.coordinates.longitude", place.Longitude, LongitudeSyntax(), 180, "longitude");
        }
        // GeoProximityLocation.Bias: an integer from -99 to 99 (Developer Guide, Geoproximity routing: 1 to 99 expands the
        // area, -1 to -99 shrinks it).
        if (place.Bias is { } bias && bias is < -MaxBias or > MaxBias)
            context.Error($"{path}.bias", $"bias {bias} is out of range: Route 53 takes -{MaxBias} to {MaxBias}");
    }

    /// <summary>Parses a coordinate written within Route 53's syntax; null otherwise.</summary>
    public static double? Coordinate(string? text) =>
        text is not null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    // GeoProximityLocation.LocalZoneGroup: "usually the Local Zone code without the ending character", e.g. us-east-1-bos-1
    // for us-east-1-bos-1a; it starts with the parent region's code.
    private static void CheckLocalZoneGroup(ValidationContext context, string path, string group)
    {
        var match = LocalZoneGroupSyntax().Match(group);
        if (!match.Success)
            context.Error(path, $"\"{TreeFieldRules.Shown(group)}\" is not a Local Zone group: it is the Local Zone code without its " +
                "last letter, such as us-east-1-bos-1 (API reference, GeoProximityLocation.LocalZoneGroup)");
        else if (!AwsCatalog.LatencyRegions.Contains(match.Groups["region"].Value))
            context.Error(path, $"the Local Zone group \"{group}\" does not start with an AWS region code Route 53 knows");
    }

    private static void CheckCoordinate(ValidationContext context, string path, string? text, Regex syntax, int limit, string name)
    {
        if (text is null) return;
        if (!syntax.IsMatch(text))
        {
            context.Error(path, $"{name} \"{TreeFieldRules.Shown(text)}\" is not one Route 53 takes: a number with at most two " +
                $"decimals (API reference, Coordinates.{char.ToUpperInvariant(name[0])}{name[1..]})");
            return;
        }
        if (Coordinate(text) is { } value && Math.Abs(value) > limit)
            context.Error(path, $"{name} {text} is out of range: -{limit} to {limit}");
    }

    [GeneratedRegex(@"^[-+]?[0-9]{1,2}(\.[0-9]{0,2})?\z")]
    private static partial Regex LatitudeSyntax();

    [GeneratedRegex(@"^[-+]?[0-9]{1,3}(\.[0-9]{0,2})?\z")]
    private static partial Regex LongitudeSyntax();

    [GeneratedRegex(@"^(?<region>[a-z]{2}(-gov)?-[a-z]+-[0-9])-[a-z0-9-]*[0-9]\z")]
    private static partial Regex LocalZoneGroupSyntax();
}
