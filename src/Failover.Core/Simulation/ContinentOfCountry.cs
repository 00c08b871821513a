namespace Failover.Core.Simulation;

/// <summary>
/// The continent Route 53 associates with each country, as listed in the Route 53 Developer Guide ("Values specific for
/// geolocation records", Location). A geolocation record for a continent answers queries from these countries.
/// </summary>
internal static class ContinentOfCountry
{
    public static readonly IReadOnlyList<string> ContinentCodes = ["AF", "AN", "AS", "EU", "NA", "OC", "SA"];

    private static readonly Dictionary<string, string> Continents = Build(new()
    {
        ["AF"] = "AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EG ER ET GA GH GM GN GQ GW KE KM LR LS LY MA MG ML MR MU MW MZ NA NE NG RE RW SC SD SH SL SN SO SS ST SZ TD TG TN TZ UG YT ZA ZM ZW",
        ["AN"] = "AQ GS TF",
        ["AS"] = "AE AF AM AZ BD BH BN BT CC CN GE HK ID IL IN IO IQ IR JO JP KG KH KP KR KW KZ LA LB LK MM MN MO MV MY NP OM PH PK PS QA SA SG SY TH TJ TM TR TW UZ VN YE",
        ["EU"] = "AD AL AT AX BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA XK",
        ["NA"] = "AG AI AW BB BL BM BQ BS BZ CA CR CU CW DM DO GD GL GP GT HN HT JM KN KY LC MF MQ MS MX NI PA PM PR SV SX TC TT US VC VG VI",
        ["OC"] = "AS AU CK FJ FM GU KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TL TO TV UM VU WF WS",
        ["SA"] = "AR BO BR CL CO EC FK GF GY PE PY SR UY VE",
    });

    /// <summary>The continent code of a country code Route 53 knows, or null.</summary>
    public static string? Of(string countryCode) => Continents.GetValueOrDefault(countryCode.ToUpperInvariant());

    public static bool IsCountry(string code) => Continents.ContainsKey(code.ToUpperInvariant());

    public static bool IsContinent(string code) => ContinentCodes.Contains(code.ToUpperInvariant());

    private static Dictionary<string, string> Build(Dictionary<string, string> countriesByContinent)
    {
        var continentByCountry = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (continent, countries) in countriesByContinent)
        {
            foreach (var country in countries.Split(' ')) continentByCountry[country] = continent;
        }
        return continentByCountry;
    }
}
