using Failover.Core.Geography;
using Failover.Core.Spec;

namespace Failover.Core.Validation;

/// <summary>
/// A child carries what its parent's policy needs (weight, region, location, geoproximity, cidr, azAffinity) and nothing else:
/// an attribute the parent ignores is a sign the tree is not what its author thinks.
/// </summary>
internal static class ParentAttributeRules
{
    public const long MaxWeight = 255;

    public static void Check(ValidationContext context, VisitedNode visited)
    {
        var node = visited.Node;
        var parent = visited.ParentRouting;
        CheckWeight(context, visited, parent == RoutingPolicy.Weighted);
        CheckRegion(context, visited, parent == RoutingPolicy.Latency);
        CheckLocation(context, visited, parent == RoutingPolicy.Geolocation);
        GeoproximityRules.Check(context, visited, parent == RoutingPolicy.Geoproximity);
        CidrRules.Check(context, visited, parent == RoutingPolicy.IpBased);
        AzAffinityRules.Check(context, visited, parent == RoutingPolicy.AzAffinity);
        if (node.Routing is RoutingPolicy.Latency) CheckRegionsUnique(context, node);
        if (node.Routing is RoutingPolicy.Geolocation) CheckLocationsUnique(context, node);
        if (node.Routing is RoutingPolicy.IpBased) CidrRules.CheckRule(context, node);
        if (node.Routing is RoutingPolicy.AzAffinity) AzAffinityRules.CheckRule(context, node);
    }

    private static void CheckWeight(ValidationContext context, VisitedNode visited, bool needed)
    {
        // The usual case says nothing: return before making the path string (a hundred thousand nodes made six each).
        if (!needed && visited.Node.Weight is null) return;
        var path = visited.PathOf("weight");
        if (!needed)
        {
            if (visited.Node.Weight is not null) context.Error(path, Unused("weight", visited));
            return;
        }
        if (visited.Node.Weight is not { } weight) context.Error(path, "a child of a weighted rule needs a weight (0–255)");
        else if (weight is < 0 or > MaxWeight) context.Error(path, $"weight {weight} is out of range: Route 53 weights are 0–{MaxWeight}");
    }

    private static void CheckRegion(ValidationContext context, VisitedNode visited, bool needed)
    {
        var region = visited.Node.Region;
        if (!needed && region is null) return;
        var path = visited.PathOf("region");
        if (!needed)
        {
            if (region is not null) context.Error(path, Unused("region", visited));
            return;
        }
        if (region is null) context.Error(path, "a child of a latency rule needs a region (an AWS region such as us-east-1)");
        else if (!AwsCatalog.LatencyRegions.Contains(region))
            context.Error(path,
                $"\"{TreeFieldRules.Shown(region)}\" is not a region Route 53 routes latency to (for example us-east-1, eu-west-1, " +
                $"ap-southeast-2)");
    }

    private static void CheckLocation(ValidationContext context, VisitedNode visited, bool needed)
    {
        var location = visited.Node.Location;
        if (!needed && location is null) return;
        var path = visited.PathOf("location");
        if (!needed)
        {
            if (location is not null) context.Error(path, Unused("location", visited));
            return;
        }
        if (location is null)
        {
            context.Error(path,
                "a child of a geolocation rule needs a location: {\"continent\": \"EU\"}, {\"country\": \"DE\"}, {\"country\": \"US\", " +
                "\"subdivision\": \"CA\"} or {\"default\": true}");
            return;
        }
        var problem = LocationProblem(location);
        if (problem.Problem is not null) context.Error(problem.Field is null ? path : $"{path}.{problem.Field}", problem.Problem);
    }

    private static (string? Field, string? Problem) LocationProblem(GeoLocationSpec location)
    {
        var given = new[] { location.Continent is not null, location.Country is not null, location.IsDefault }.Count(x => x);
        if (given == 0) return (null, "a location needs one of continent, country or default: true");
        if (given > 1) return (null,
            "a location is a continent, a country (with an optional subdivision) or the default, only one of them");
        // GeoLocation.ContinentCode / CountryCode / SubdivisionCode, checked against ListGeoLocations (GeoLocationCatalog).
        if (location.Continent is { } continent && !GeoLocationCatalog.IsContinent(continent))
            return ("continent",
                $"\"{TreeFieldRules.Shown(continent)}\" is not a continent code; Route 53 knows " +
                $"{string.Join(", ", GeoLocationCatalog.Continents)}");
        if (location.Country is { } country && !GeoLocationCatalog.IsCountry(country))
            return ("country", CountryProblem(country));
        if (location.Subdivision is { } subdivision)
        {
            var of = location.Country;
            if (of is null || !GeoLocationCatalog.HasSubdivisions(of))
                return ("subdivision",
                    $"Route 53 lists subdivisions only for {string.Join(" and ", GeoLocationCatalog.CountriesWithSubdivisions)} " +
                    $"(ListGeoLocations); give the country alone");
            if (!GeoLocationCatalog.IsSubdivision(of, subdivision))
                return ("subdivision", of == "US" && GeoLocationCatalog.IsUsPossessionCountry(subdivision)
                    ? $"Route 53 lists {subdivision} as a country, not as a US subdivision: write {{\"country\": \"{subdivision}\"}}"
                    : of == "US"
                        ? $"\"{TreeFieldRules.Shown(subdivision)}\" is not a US state or DC code Route 53 lists (CA, NY, TX, …)"
                        : $"\"{TreeFieldRules.Shown(subdivision)}\" is not a subdivision of {of} that Route 53 lists (ListGeoLocations)");
        }
        return (null, null);
    }

    // One latency record per region per name and type: Route 53 refuses the second.
    private static void CheckRegionsUnique(ValidationContext context, TreeNode rule)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var child in rule.Children)
        {
            if (child.Region is null) continue;
            if (!seen.TryAdd(child.Region, child.Path))
                context.Error($"{child.Path}.region",
                    $"the region {child.Region} is already used by {seen[child.Region]}: Route 53 allows one latency record per region");
        }
    }

    // Route 53 refuses two geolocation records for the same location.
    private static void CheckLocationsUnique(ValidationContext context, TreeNode rule)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var child in rule.Children)
        {
            if (child.Location is null || LocationProblem(child.Location).Problem is not null) continue;
            var key = child.Location.ToString();
            if (!seen.TryAdd(key, child.Path))
                context.Error($"{child.Path}.location",
                    $"the location ({key}) is already used by {seen[key]}: Route 53 allows one record per location");
        }
    }

    private static string CountryProblem(string country)
    {
        var shown = TreeFieldRules.Shown(country);
        if (country == "UK") return "\"UK\" is not a country code Route 53 lists: the United Kingdom is GB (ISO 3166-1 alpha-2)";
        if (country.Length == 2 && GeoLocationCatalog.IsCountry(country.ToUpperInvariant()))
            return $"\"{shown}\" is written in lower case; Route 53's country codes are upper-case ISO 3166-1 alpha-2 " +
                $"({country.ToUpperInvariant()})";
        return $"\"{shown}\" is not a country code Route 53 lists (ListGeoLocations): use ISO 3166-1 alpha-2 (DE, GB, US, JP, …)";
    }

    public static string Unused(string attribute, VisitedNode visited) =>
        visited.Parent is null
            ? $"{attribute} has no effect on the root (it has no parent rule); remove it"
            : $"{attribute} has no effect here: the parent rule is " +
                $"{(visited.ParentRouting is { } r ? SpecFields.Name(r) : "not a rule")}; remove it";
}
