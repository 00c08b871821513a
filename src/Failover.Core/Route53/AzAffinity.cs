namespace Failover.Core.Route53;

/// <summary>
/// Route 53 AZAffinity: the location an AZ-affinity record answers queries from (API reference, AZAffinity: "You must specify
/// both LocationType and LocationId").
/// </summary>
public sealed record AzAffinity(string LocationType, string LocationId)
{
    public override string ToString() =>
        LocationType == AzLocationTypes.Global ? "global" : $"{AzLocationTypes.SpecNameOf(LocationType) ?? LocationType} {LocationId}";
}

/// <summary>
/// The location types of AZ-affinity routing, most specific first (Developer Guide, "AZ-affinity routing",
/// docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-azaffinity.html: "it responds with the first healthy
/// record in the following order of location types, from most specific to least specific": Availability Zone, Zone Group,
/// Region, Partition, then Global), with the spec's spelling.
/// </summary>
/// <remarks>
/// What was read and what was not (December 2026, through the stored copies of the pages, which end part-way): the API
/// reference's AZAffinity page (docs.aws.amazon.com/Route53/latest/APIReference/API_AZAffinity.html) names
/// <c>AvailabilityZone</c>, <c>AvailabilityZoneGroup</c> and <c>Region</c> as LocationType values in its LocationId list
/// ("For AvailabilityZone, the Availability Zone ID … such as use1-az1", "For AvailabilityZoneGroup … such as
/// us-east-1-zg-1", "For Region, the Region code") and <c>Global</c> in its description ("the query matches only the record
/// for the Global location type"). The copy ends before the list's Partition and Global entries, and no separate
/// LocationType page was found; so <c>Partition</c> (the Developer Guide's "Partition – … Specify the AWS Partition for your
/// account, such as aws") follows the other values' spelling and <see cref="GlobalId"/> is not read from any page.
/// </remarks>
public static class AzLocationTypes
{
    public const string AvailabilityZone = "AvailabilityZone";
    public const string AvailabilityZoneGroup = "AvailabilityZoneGroup";
    public const string Region = "Region";
    // Not read: see the remarks.
    public const string Partition = "Partition";
    public const string Global = "Global";

    public const string GlobalName = "global";

    /// <summary>
    /// The LocationId of the Global location: NOT read from a page (see the remarks). The API reference asks for every id "in
    /// lowercase, in the format that corresponds to LocationType"; Global has one location, so the spec does not make the
    /// author write it, and this is the one place to correct if Route 53 answers otherwise.
    /// </summary>
    public const string GlobalId = "global";

    /// <summary>(spec name, API LocationType), most specific first.</summary>
    public static readonly IReadOnlyList<(string Name, string Type)> MostSpecificFirst =
    [
        ("availability-zone", AvailabilityZone),
        ("zone-group", AvailabilityZoneGroup),
        ("region", Region),
        ("partition", Partition),
        (GlobalName, Global),
    ];

    public static string? TypeOf(string? specName) =>
        MostSpecificFirst.FirstOrDefault(t => t.Name == specName).Type;

    public static string? SpecNameOf(string? type) =>
        MostSpecificFirst.FirstOrDefault(t => t.Type == type).Name;

    /// <summary>0 for an Availability Zone … 4 for Global; int.MaxValue for a type Route 53 does not list.</summary>
    public static int Rank(string? type)
    {
        for (var i = 0; i < MostSpecificFirst.Count; i++)
            if (MostSpecificFirst[i].Type == type) return i;
        return int.MaxValue;
    }
}
