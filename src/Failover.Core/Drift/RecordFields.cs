using System.Globalization;
using Failover.Core.Route53;

namespace Failover.Core.Drift;

/// <summary>
/// The settings of two record sets with the same key that differ, except the health check id (its comparison needs
/// the account's health checks, see <see cref="DriftDetector"/>). Values are compared as a set: Route 53 answers
/// with all of them, in no promised order. DNS names compare without case, as DNS does.
/// </summary>
internal static class RecordFields
{
    public static List<FieldDifference> Compare(ResourceRecordSet expected, ResourceRecordSet actual)
    {
        var differences = new List<FieldDifference>();
        void Check(string field, string? wanted, string? found, StringComparison comparison = StringComparison.Ordinal)
        {
            if (!string.Equals(wanted, found, comparison)) differences.Add(new FieldDifference(field, wanted, found));
        }

        Check("weight", Number(expected.Weight), Number(actual.Weight));
        Check("region", expected.Region, actual.Region);
        Check("geoLocation", GeoText(expected.GeoLocation), GeoText(actual.GeoLocation));
        if (!GeoProximityLocation.Same(expected.GeoProximityLocation, actual.GeoProximityLocation))
        {
            Check("geoProximityLocation.awsRegion", expected.GeoProximityLocation?.AwsRegion, actual.GeoProximityLocation?.AwsRegion);
            Check("geoProximityLocation.localZoneGroup",
                expected.GeoProximityLocation?.LocalZoneGroup, actual.GeoProximityLocation?.LocalZoneGroup);
            Check("geoProximityLocation.coordinates", Coordinates(expected.GeoProximityLocation), Coordinates(actual.GeoProximityLocation));
            Check("geoProximityLocation.bias", Bias(expected.GeoProximityLocation), Bias(actual.GeoProximityLocation));
        }
        Check("cidrRoutingConfig.collectionId", expected.CidrRoutingConfig?.CollectionId, actual.CidrRoutingConfig?.CollectionId);
        Check("cidrRoutingConfig.locationName", expected.CidrRoutingConfig?.LocationName, actual.CidrRoutingConfig?.LocationName);
        Check("azAffinity.locationType", expected.AzAffinity?.LocationType, actual.AzAffinity?.LocationType);
        Check("azAffinity.locationId", expected.AzAffinity?.LocationId, actual.AzAffinity?.LocationId);
        Check("failover", expected.Failover, actual.Failover);
        Check("multiValueAnswer", Flag(expected.MultiValueAnswer ?? false), Flag(actual.MultiValueAnswer ?? false));

        if (expected.AliasTarget is { } wantedAlias)
        {
            if (actual.AliasTarget is not { } foundAlias)
            {
                differences.Add(new FieldDifference("aliasTarget", AliasText(wantedAlias), null));
                Check("values", null, ValuesText(actual.ResourceRecords));
            }
            else
            {
                Check("aliasTarget.hostedZoneId", wantedAlias.HostedZoneId, foundAlias.HostedZoneId, StringComparison.OrdinalIgnoreCase);
                Check("aliasTarget.dnsName", Dns(wantedAlias.DnsName), Dns(foundAlias.DnsName), StringComparison.OrdinalIgnoreCase);
                Check("aliasTarget.evaluateTargetHealth", Flag(wantedAlias.EvaluateTargetHealth), Flag(foundAlias.EvaluateTargetHealth));
            }
            return differences;
        }

        if (actual.AliasTarget is { } unexpected) differences.Add(new FieldDifference("aliasTarget", null, AliasText(unexpected)));
        Check("ttl", Number(expected.Ttl), Number(actual.Ttl));
        var wantedValues = expected.ResourceRecords.Order(StringComparer.Ordinal).ToList();
        var foundValues = actual.ResourceRecords.Order(StringComparer.Ordinal).ToList();
        if (!wantedValues.SequenceEqual(foundValues, StringComparer.Ordinal))
            differences.Add(new FieldDifference("values", ValuesText(expected.ResourceRecords), ValuesText(actual.ResourceRecords)));
        return differences;
    }

    private static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    // Coordinates compare as numbers ("49.2" is "49.20") and a missing bias is 0; text only when they differ as such.
    private static string? Coordinates(GeoProximityLocation? place) =>
        place?.Latitude is null && place?.Longitude is null ? null
        : $"{Normal(place.Latitude)}, {Normal(place.Longitude)}";

    private static string? Normal(string? number) =>
        decimal.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value.ToString("0.##", CultureInfo.InvariantCulture) : number;

    private static string? Bias(GeoProximityLocation? place) => place is null ? null : Number(place.Bias ?? 0);

    private static string Flag(bool value) => value ? "true" : "false";

    private static string Dns(string name) => name.TrimEnd('.');

    private static string? ValuesText(IReadOnlyList<string> values) => values.Count == 0 ? null : string.Join(", ", values);

    private static string AliasText(AliasTarget alias) =>
        $"{Dns(alias.DnsName)} in {alias.HostedZoneId}{(alias.EvaluateTargetHealth ? " (evaluate target health)" : "")}";

    private static string? GeoText(GeoLocation? geo) => geo switch
    {
        null => null,
        { CountryCode: "*" } => "default",
        { ContinentCode: { } continent } => "continent " + continent,
        { SubdivisionCode: { } subdivision } => $"country {geo.CountryCode}, subdivision {subdivision}",
        _ => "country " + geo.CountryCode,
    };
}
