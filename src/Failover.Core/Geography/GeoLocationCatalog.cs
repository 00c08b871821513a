namespace Failover.Core.Geography;

/// <summary>
/// The places Route 53 routes geolocation records for, as its ListGeoLocations operation lists them: the one table that
/// validation, import and the simulator use.
/// <para>
/// Sources. The codes are those of ListGeoLocations ("Retrieves a list of supported geographic locations"; API
/// reference), as dumped by `aws route53 list-geo-locations` in public code (246 countries, "*", US states + DC, 27
/// Ukrainian subdivisions, 7 continents); the continent of each country is the one the Developer Guide's "Geolocation
/// routing" page and ListGeoLocations' own ContinentCode grouping give. Where the API reference and ListGeoLocations
/// disagree, ListGeoLocations wins, because it is what ChangeResourceRecordSets checks a GeoLocation against:
/// </para>
/// <list type="bullet">
/// <item>US possessions. GeoLocation.SubdivisionCode points at the USPS "State and Possession Abbreviations", but
/// ListGeoLocations lists Puerto Rico (PR), Guam (GU), the US Virgin Islands (VI), American Samoa (AS), the Northern
/// Mariana Islands (MP) and the Minor Outlying Islands (UM) as countries, and US subdivisions are the 50 states and DC
/// only. So <c>{"country": "PR"}</c> is accepted and <c>{"country": "US", "subdivision": "PR"}</c> is refused with that hint.</item>
/// <item>Ukraine. GeoLocation.SubdivisionCode says "Route 53 doesn't support any other values" than US states, while
/// GeoLocation.CountryCode adds "Route 53 also supports the country code UA for Ukraine" and ListGeoLocations lists
/// Ukraine's oblasts with their ISO 3166-2:UA numbers (30 Kyiv, 46 Lviv, …). Those subdivisions are accepted.</item>
/// <item>The United Kingdom is GB (ISO 3166-1 alpha-2), not UK; Kosovo is XK (listed, although user-assigned in ISO).</item>
/// </list>
/// </summary>
public static class GeoLocationCatalog
{
    /// <summary>GeoLocation.ContinentCode, in the API reference's order.</summary>
    public static readonly IReadOnlyList<string> Continents = ["AF", "AN", "AS", "EU", "OC", "NA", "SA"];

    private static readonly Dictionary<string, string> ContinentByCountry = Build(new()
    {
        ["AF"] =
            "AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EG ER ET GA GH GM GN GQ GW KE KM LR LS LY MA MG ML MR MU MW MZ NA NE NG RE RW SC SD " +
            "SH SL SN SO SS ST SZ TD TG TN TZ UG YT ZA ZM ZW",
        ["AN"] = "AQ GS TF",
        ["AS"] =
            "AE AF AM AZ BD BH BN BT CC CN GE HK ID IL IN IO IQ IR JO JP KG KH KP KR KW KZ LA LB LK MM MN MO MV MY NP OM PH PK PS QA SA " +
            "SG SY TH TJ TM TR TW UZ VN YE",
        ["EU"] =
            "AD AL AT AX BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE LI LT LU LV MC MD ME MK MT NL NO PL " +
            "PT RO RS RU SE SI SJ SK SM UA VA XK",
        ["NA"] =
            "AG AI AW BB BL BM BQ BS BZ CA CR CU CW DM DO GD GL GP GT HN HT JM KN KY LC MF MQ MS MX NI PA PM PR SV SX TC TT US VC VG VI",
        ["OC"] = "AS AU CK FJ FM GU KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TL TO TV UM VU WF WS",
        ["SA"] = "AR BO BR CL CO EC FK GF GY PE PY SR UY VE",
    });

    /// <summary>The subdivisions ListGeoLocations lists, by country.</summary>
    private static readonly Dictionary<string, HashSet<string>> SubdivisionsByCountry = new(StringComparer.Ordinal)
    {
        ["US"] =
        [
            "AK", "AL", "AR", "AZ", "CA", "CO", "CT", "DC", "DE", "FL", "GA", "HI", "IA", "ID", "IL", "IN", "KS", "KY", "LA", "MA",
            "MD", "ME", "MI", "MN", "MO", "MS", "MT", "NC", "ND", "NE", "NH", "NJ", "NM", "NV", "NY", "OH", "OK", "OR", "PA", "RI",
            "SC", "SD", "TN", "TX", "UT", "VA", "VT", "WA", "WI", "WV", "WY",
        ],
        ["UA"] =
        [
            "05", "07", "09", "11", "12", "14", "18", "20", "21", "23", "26", "30", "32", "35", "46", "48", "51", "53", "56", "59",
            "61", "63", "65", "68", "71", "74", "77",
        ],
    };

    /// <summary>US possessions ListGeoLocations lists as countries of their own (not as US subdivisions).</summary>
    private static readonly HashSet<string> UsPossessionsListedAsCountries = ["AS", "GU", "MP", "PR", "UM", "VI"];

    public static IReadOnlyCollection<string> Countries => ContinentByCountry.Keys;

    public static bool IsContinent(string code) => Continents.Contains(code);

    public static bool IsCountry(string code) => ContinentByCountry.ContainsKey(code);

    /// <summary>The continent of a country ListGeoLocations lists, or null.</summary>
    public static string? ContinentOf(string countryCode) => ContinentByCountry.GetValueOrDefault(countryCode);

    public static bool HasSubdivisions(string countryCode) => SubdivisionsByCountry.ContainsKey(countryCode);

    public static bool IsSubdivision(string countryCode, string subdivisionCode) =>
        SubdivisionsByCountry.TryGetValue(countryCode, out var subdivisions) && subdivisions.Contains(subdivisionCode);

    /// <summary>Countries with subdivisions, for messages.</summary>
    public static IEnumerable<string> CountriesWithSubdivisions => SubdivisionsByCountry.Keys;

    /// <summary>Whether <paramref name="code"/> is a US possession that Route 53 lists as a country (PR, GU, VI, …).</summary>
    public static bool IsUsPossessionCountry(string code) => UsPossessionsListedAsCountries.Contains(code);

    private static Dictionary<string, string> Build(Dictionary<string, string> countriesByContinent)
    {
        var continentByCountry = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (continent, countries) in countriesByContinent)
        {
            foreach (var country in countries.Split(' ')) continentByCountry.Add(country, continent);
        }
        return continentByCountry;
    }
}
