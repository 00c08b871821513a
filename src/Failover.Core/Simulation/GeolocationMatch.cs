using Failover.Core.Spec;

namespace Failover.Core.Simulation;

/// <summary>Which geolocation records answer a client, most specific first (Route 53 gives priority to the smallest region).</summary>
internal static class GeolocationMatch
{
    public static IReadOnlyList<TreeNode> MostSpecificFirst(IReadOnlyList<TreeNode> records, ClientLocation client)
    {
        var matches = new List<TreeNode>();
        if (client.Country is not null && client.Subdivision is not null)
        {
            matches.AddRange(
                records.Where(r => Same(r.Location?.Country, client.Country) && Same(r.Location?.Subdivision, client.Subdivision)));
        }
        if (client.Country is not null)
        {
            matches.AddRange(records.Where(r => Same(r.Location?.Country, client.Country) && r.Location?.Subdivision is null));
        }
        if (client.Continent is not null)
        {
            matches.AddRange(records.Where(r => Same(r.Location?.Continent, client.Continent)));
        }
        // Route 53 writes the default location as CountryCode "*".
        matches.AddRange(records.Where(r => r.Location is { } l && (l.IsDefault || l.Country == "*")));
        return matches;
    }

    private static bool Same(string? a, string? b) => a is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
