namespace Failover.Core.Geography;

/// <summary>
/// Where the simulator places things for geoproximity: each AWS region at the metro area it is in, each Local Zone group
/// at the city its code names, and a client given by country (or US state) at that place's capital. Route 53 uses its own
/// IP geolocation and region positions, which it does not publish; these points are approximations for simulation only,
/// good to a few hundred kilometres.
/// </summary>
public static class RepresentativePoints
{
    private static readonly Dictionary<string, GeoPoint> Regions = new(StringComparer.Ordinal)
    {
        ["us-east-1"] = new(39.04, -77.49), ["us-east-2"] = new(39.96, -83.00), ["us-west-1"] = new(37.77, -122.42),
        ["us-west-2"] = new(45.84, -119.70), ["ca-central-1"] = new(45.50, -73.57), ["ca-west-1"] = new(51.05, -114.07),
        ["eu-west-1"] = new(53.35, -6.26), ["eu-west-2"] = new(51.51, -0.13), ["eu-west-3"] = new(48.86, 2.35),
        ["eu-central-1"] = new(50.11, 8.68), ["eu-central-2"] = new(47.37, 8.54), ["eu-north-1"] = new(59.33, 18.07),
        ["eu-south-1"] = new(45.46, 9.19), ["eu-south-2"] = new(41.65, -0.88), ["ap-southeast-1"] = new(1.35, 103.82),
        ["ap-southeast-2"] = new(-33.87, 151.21), ["ap-southeast-3"] = new(-6.21, 106.85), ["ap-southeast-4"] = new(-37.81, 144.96),
        ["ap-southeast-5"] = new(3.14, 101.69), ["ap-southeast-6"] = new(-36.85, 174.76), ["ap-southeast-7"] = new(13.76, 100.50),
        ["ap-northeast-1"] = new(35.68, 139.69), ["ap-northeast-2"] = new(37.57, 126.98), ["ap-northeast-3"] = new(34.69, 135.50),
        ["ap-east-1"] = new(22.32, 114.17), ["ap-east-2"] = new(25.03, 121.57), ["ap-south-1"] = new(19.08, 72.88),
        ["ap-south-2"] = new(17.39, 78.49), ["sa-east-1"] = new(-23.55, -46.63), ["me-south-1"] = new(26.07, 50.56),
        ["me-central-1"] = new(25.20, 55.27), ["il-central-1"] = new(32.09, 34.78), ["af-south-1"] = new(-33.92, 18.42),
        ["mx-central-1"] = new(20.59, -100.39), ["cn-north-1"] = new(39.90, 116.41), ["cn-northwest-1"] = new(38.49, 106.23),
        ["us-gov-west-1"] = new(45.60, -121.18), ["us-gov-east-1"] = new(40.00, -83.00), ["eusc-de-east-1"] = new(52.40, 13.06),
    };

    // The metro code in a Local Zone group (us-east-1-bos-1 → bos).
    private static readonly Dictionary<string, GeoPoint> LocalZoneCities = new(StringComparer.Ordinal)
    {
        ["atl"] = new(33.75, -84.39), ["bos"] = new(42.36, -71.06), ["chi"] = new(41.88, -87.63), ["dfw"] = new(32.78, -96.80),
        ["iah"] = new(29.76, -95.37), ["mci"] = new(39.10, -94.58), ["mia"] = new(25.76, -80.19), ["msp"] = new(44.98, -93.27),
        ["nyc"] = new(40.71, -74.01), ["phl"] = new(39.95, -75.17), ["den"] = new(39.74, -104.99), ["las"] = new(36.17, -115.14),
        ["lax"] = new(34.05, -118.24), ["pdx"] = new(45.52, -122.68), ["phx"] = new(33.45, -112.07), ["sea"] = new(47.61, -122.33),
        ["hnl"] = new(21.31, -157.86), ["anc"] = new(61.22, -149.90), ["bue"] = new(-34.60, -58.38), ["lim"] = new(-12.05, -77.04),
        ["scl"] = new(-33.45, -70.67), ["qro"] = new(20.59, -100.39), ["tpe"] = new(25.03, 121.57), ["del"] = new(28.61, 77.21),
        ["ccu"] = new(22.57, 88.36), ["bkk"] = new(13.76, 100.50), ["mnl"] = new(14.60, 120.98), ["per"] = new(-31.95, 115.86),
        ["lag"] = new(6.52, 3.38), ["cph"] = new(55.68, 12.57), ["hel"] = new(60.17, 24.94), ["ham"] = new(53.55, 9.99),
        ["waw"] = new(52.23, 21.01), ["mct"] = new(23.59, 58.41),
    };

    private static readonly Dictionary<string, GeoPoint> Countries = new(StringComparer.Ordinal)
    {
        ["US"] = new(39.83, -98.58), ["CA"] = new(45.42, -75.70), ["MX"] = new(19.43, -99.13), ["BR"] = new(-15.79, -47.88),
        ["AR"] = new(-34.60, -58.38), ["CL"] = new(-33.45, -70.67), ["CO"] = new(4.71, -74.07), ["PE"] = new(-12.05, -77.04),
        ["VE"] = new(10.48, -66.90), ["EC"] = new(-0.18, -78.47), ["UY"] = new(-34.90, -56.16), ["PY"] = new(-25.26, -57.58),
        ["BO"] = new(-16.50, -68.15), ["CU"] = new(23.11, -82.37), ["PA"] = new(8.98, -79.52), ["CR"] = new(9.93, -84.08),
        ["GT"] = new(14.63, -90.51), ["DO"] = new(18.49, -69.93), ["PR"] = new(18.47, -66.11), ["JM"] = new(18.02, -76.80),
        ["GB"] = new(51.51, -0.13), ["IE"] = new(53.35, -6.26), ["FR"] = new(48.86, 2.35), ["DE"] = new(52.52, 13.40),
        ["NL"] = new(52.37, 4.90), ["BE"] = new(50.85, 4.35), ["LU"] = new(49.61, 6.13), ["CH"] = new(46.95, 7.45),
        ["AT"] = new(48.21, 16.37), ["IT"] = new(41.90, 12.50), ["ES"] = new(40.42, -3.70), ["PT"] = new(38.72, -9.14),
        ["DK"] = new(55.68, 12.57), ["NO"] = new(59.91, 10.75), ["SE"] = new(59.33, 18.07), ["FI"] = new(60.17, 24.94),
        ["IS"] = new(64.15, -21.94), ["PL"] = new(52.23, 21.01), ["CZ"] = new(50.08, 14.44), ["SK"] = new(48.15, 17.11),
        ["HU"] = new(47.50, 19.04), ["RO"] = new(44.43, 26.10), ["BG"] = new(42.70, 23.32), ["GR"] = new(37.98, 23.73),
        ["HR"] = new(45.81, 15.98), ["SI"] = new(46.06, 14.51), ["RS"] = new(44.79, 20.45), ["UA"] = new(50.45, 30.52),
        ["BY"] = new(53.90, 27.57), ["LT"] = new(54.69, 25.28), ["LV"] = new(56.95, 24.11), ["EE"] = new(59.44, 24.75),
        ["RU"] = new(55.76, 37.62), ["TR"] = new(39.93, 32.86), ["IL"] = new(31.77, 35.21), ["SA"] = new(24.71, 46.68),
        ["AE"] = new(24.45, 54.38), ["QA"] = new(25.29, 51.53), ["BH"] = new(26.23, 50.59), ["KW"] = new(29.38, 47.99),
        ["OM"] = new(23.59, 58.41), ["IR"] = new(35.69, 51.39), ["IQ"] = new(33.32, 44.36), ["JO"] = new(31.95, 35.93),
        ["EG"] = new(30.04, 31.24), ["MA"] = new(34.02, -6.84), ["DZ"] = new(36.75, 3.06), ["TN"] = new(36.81, 10.18),
        ["NG"] = new(9.08, 7.40), ["GH"] = new(5.60, -0.19), ["KE"] = new(-1.29, 36.82), ["ET"] = new(9.03, 38.74),
        ["TZ"] = new(-6.16, 35.75), ["ZA"] = new(-25.75, 28.19), ["SN"] = new(14.72, -17.47), ["CI"] = new(6.83, -5.29),
        ["IN"] = new(28.61, 77.21), ["PK"] = new(33.68, 73.05), ["BD"] = new(23.81, 90.41), ["LK"] = new(6.93, 79.85),
        ["NP"] = new(27.72, 85.32), ["CN"] = new(39.90, 116.41), ["HK"] = new(22.32, 114.17), ["TW"] = new(25.03, 121.57),
        ["JP"] = new(35.68, 139.69), ["KR"] = new(37.57, 126.98), ["MN"] = new(47.89, 106.91), ["SG"] = new(1.35, 103.82),
        ["MY"] = new(3.14, 101.69), ["TH"] = new(13.76, 100.50), ["VN"] = new(21.03, 105.85), ["PH"] = new(14.60, 120.98),
        ["ID"] = new(-6.21, 106.85), ["KH"] = new(11.56, 104.92), ["MM"] = new(19.76, 96.08), ["KZ"] = new(51.17, 71.45),
        ["UZ"] = new(41.30, 69.24), ["AU"] = new(-35.28, 149.13), ["NZ"] = new(-41.29, 174.78), ["FJ"] = new(-18.14, 178.44),
        ["PG"] = new(-9.44, 147.18), ["AQ"] = new(-77.85, 166.67),
    };

    private static readonly Dictionary<string, GeoPoint> UsStates = new(StringComparer.Ordinal)
    {
        ["AL"] = new(32.38, -86.30), ["AK"] = new(58.30, -134.42), ["AZ"] = new(33.45, -112.07), ["AR"] = new(34.75, -92.29),
        ["CA"] = new(38.58, -121.49), ["CO"] = new(39.74, -104.99), ["CT"] = new(41.76, -72.68), ["DE"] = new(39.16, -75.52),
        ["DC"] = new(38.91, -77.04), ["FL"] = new(30.44, -84.28), ["GA"] = new(33.75, -84.39), ["HI"] = new(21.31, -157.86),
        ["ID"] = new(43.62, -116.20), ["IL"] = new(39.80, -89.65), ["IN"] = new(39.77, -86.16), ["IA"] = new(41.59, -93.62),
        ["KS"] = new(39.05, -95.68), ["KY"] = new(38.20, -84.87), ["LA"] = new(30.45, -91.19), ["ME"] = new(44.31, -69.78),
        ["MD"] = new(38.98, -76.49), ["MA"] = new(42.36, -71.06), ["MI"] = new(42.73, -84.56), ["MN"] = new(44.95, -93.09),
        ["MS"] = new(32.30, -90.18), ["MO"] = new(38.58, -92.17), ["MT"] = new(46.59, -112.04), ["NE"] = new(40.81, -96.70),
        ["NV"] = new(39.16, -119.77), ["NH"] = new(43.21, -71.54), ["NJ"] = new(40.22, -74.76), ["NM"] = new(35.69, -105.94),
        ["NY"] = new(42.65, -73.76), ["NC"] = new(35.78, -78.64), ["ND"] = new(46.81, -100.78), ["OH"] = new(39.96, -83.00),
        ["OK"] = new(35.47, -97.52), ["OR"] = new(44.94, -123.03), ["PA"] = new(40.26, -76.88), ["RI"] = new(41.82, -71.41),
        ["SC"] = new(34.00, -81.03), ["SD"] = new(44.37, -100.35), ["TN"] = new(36.16, -86.78), ["TX"] = new(30.27, -97.74),
        ["UT"] = new(40.76, -111.89), ["VT"] = new(44.26, -72.58), ["VA"] = new(37.54, -77.44), ["WA"] = new(47.04, -122.90),
        ["WV"] = new(38.35, -81.63), ["WI"] = new(43.07, -89.40), ["WY"] = new(41.14, -104.82),
    };

    public static GeoPoint? OfRegion(string region) => Regions.TryGetValue(region, out var point) ? point : null;

    /// <summary>A Local Zone group at the city its metro code names; null when the code is not one the table knows.</summary>
    public static GeoPoint? OfLocalZoneGroup(string group)
    {
        var parts = group.Split('-');
        return parts.Length >= 5 && LocalZoneCities.TryGetValue(parts[3], out var city) ? city
            : parts.Length >= 3 ? OfRegion(string.Join('-', parts.Take(3))) : null;
    }

    /// <summary>A country (ISO 3166-1 alpha-2) or a US state (<c>US-CA</c>); null when the table has no point for it.</summary>
    public static GeoPoint? OfClient(string country, string? subdivision) =>
        country == "US" && subdivision is not null && UsStates.TryGetValue(subdivision, out var state) ? state
        : Countries.TryGetValue(country, out var point) ? point : null;
}
