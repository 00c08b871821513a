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
/// The location types of AZ-affinity routing, most specific first (API reference, AZAffinity and LocationType; Developer
/// Guide, AZ-affinity routing: "it responds with the first healthy record in the following order of location types, from
/// most specific to least specific": Availability Zone, Zone Group, Region, Partition, Global), with the spec's spelling.
/// </summary>
public static class AzLocationTypes
{
    public const string AvailabilityZone = "AvailabilityZone";
    public const string AvailabilityZoneGroup = "AvailabilityZoneGroup";
    public const string Region = "Region";
    public const string Partition = "Partition";
    public const string Global = "Global";

    public const string GlobalName = "global";

    /// <summary>
    /// The LocationId of the Global location. The API reference asks for every id "in lowercase, in the format that corresponds
    /// to LocationType"; Global has one location, so the spec does not make the author write it.
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
