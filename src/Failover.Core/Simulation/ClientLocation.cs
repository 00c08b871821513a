using Failover.Core.Geography;

namespace Failover.Core.Simulation;

/// <summary>Where a simulated query comes from, as Route 53's geolocation database would place it.</summary>
internal sealed record ClientLocation(string? Continent, string? Country, string? Subdivision)
{
    /// <summary>An address Route 53 cannot place: only a default location answers it.</summary>
    public static ClientLocation Unknown { get; } = new(null, null, null);

    public override string ToString() =>
        Country is null ? Continent is null ? "an unknown location" : $"continent {Continent}"
        : Subdivision is null ? Country : $"{Country}-{Subdivision}";

    /// <summary>
    /// Reads <c>DE</c>, <c>US-CA</c>, <c>continent:EU</c>, a bare continent code that is not also a country code
    /// (<c>EU</c>, <c>OC</c>, <c>AN</c>), or <c>*</c>. A bare code that is both (AF, AS, NA, SA) is read as the country,
    /// and <paramref name="note"/> says so.
    /// </summary>
    public static ClientLocation? TryParse(string text, out string? error, out string? note)
    {
        error = null;
        note = null;
        var value = text.Trim().ToUpperInvariant();
        if (value is "*" or "DEFAULT") return Unknown;

        if (value.StartsWith("CONTINENT:", StringComparison.Ordinal))
        {
            var continent = value["CONTINENT:".Length..];
            if (GeoLocationCatalog.IsContinent(continent)) return new ClientLocation(continent, null, null);
            error = $"'{text}' names no continent; Route 53's continent codes are {string.Join(", ", GeoLocationCatalog.Continents)}";
            return null;
        }

        var dash = value.IndexOf('-');
        var country = dash < 0 ? value : value[..dash];
        var subdivision = dash < 0 ? null : value[(dash + 1)..];
        if (GeoLocationCatalog.IsCountry(country))
        {
            if (subdivision is not null && !GeoLocationCatalog.IsSubdivision(country, subdivision))
            {
                error = GeoLocationCatalog.HasSubdivisions(country)
                    ? $"'{text}': {subdivision} is not a subdivision of {country} that Route 53 lists (ListGeoLocations)"
                    : $"'{text}': Route 53 lists no subdivisions of {country}, only of " +
                        $"{string.Join(" and ", GeoLocationCatalog.CountriesWithSubdivisions)}";
                return null;
            }
            if (subdivision is null && GeoLocationCatalog.IsContinent(country))
            {
                note =
                    $"location {country} read as the country {country} (continent {GeoLocationCatalog.ContinentOf(country)}); write " +
                    $"continent:{country} for the continent";
            }
            return new ClientLocation(GeoLocationCatalog.ContinentOf(country), country, subdivision);
        }
        if (subdivision is null && GeoLocationCatalog.IsContinent(country)) return new ClientLocation(country, null, null);

        error =
            $"'{text}' is neither a country code Route 53 knows (DE), a country subdivision (US-CA), a continent (continent:EU) nor * " +
            $"(an unplaceable address)";
        return null;
    }
}
