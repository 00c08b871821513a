using Failover.Core.Geography;
using Failover.Core.Spec;
using Failover.Core.Validation;

namespace Failover.Core.Simulation;

/// <summary>
/// Route 53's geoproximity choice: the resource with the smallest biased distance to the client (Developer Guide,
/// Geoproximity routing, "How Amazon Route 53 uses bias to route traffic"): for a positive bias,
/// biased distance = actual distance × (1 − bias/100); for a negative bias, biased distance = actual distance ÷ (1 + bias/100).
/// </summary>
internal static class GeoproximityMatch
{
    public static double BiasedDistance(double actualKm, long bias) =>
        bias >= 0 ? actualKm * (1 - bias / 100.0) : actualKm / (1 + bias / 100.0);

    /// <summary>Where a child's resource is; null when the simulator has no point for its region or Local Zone group.</summary>
    public static GeoPoint? PointOf(GeoProximitySpec? place) => place switch
    {
        null => null,
        { AwsRegion: { } region } => RepresentativePoints.OfRegion(region),
        { LocalZoneGroup: { } group } => RepresentativePoints.OfLocalZoneGroup(group),
        _ when GeoproximityRules.Coordinate(place.Latitude) is { } lat && GeoproximityRules.Coordinate(place.Longitude) is { } lon =>
            new GeoPoint(lat, lon),
        _ => null,
    };

    /// <summary>The children ordered by biased distance from <paramref name="client"/>, nearest first; unplaceable children last.</summary>
    public static List<(TreeNode Node, double? BiasedKm)> Nearest(IReadOnlyList<TreeNode> children, GeoPoint client) =>
        children
            .Select(child => (Node: child, BiasedKm: PointOf(child.Geoproximity) is { } point
                ? BiasedDistance(client.DistanceKm(point), child.Geoproximity!.Bias ?? 0) : (double?)null))
            .OrderBy(c => c.BiasedKm ?? double.MaxValue)
            .ToList();

    /// <summary>Reads "lat,lon" in degrees.</summary>
    public static GeoPoint? ParseCoordinates(string text, out string? error)
    {
        error = null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length == 2 && GeoproximityRules.Coordinate(parts[0]) is { } lat && GeoproximityRules.Coordinate(parts[1]) is { } lon
            && Math.Abs(lat) <= 90 && Math.Abs(lon) <= 180)
            return new GeoPoint(lat, lon);
        error = $"'{text}' is not latitude,longitude in degrees (for example 48.85,2.35)";
        return null;
    }
}
