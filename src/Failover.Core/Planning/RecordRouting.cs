using Failover.Core.Route53;

namespace Failover.Core.Planning;

/// <summary>The routing policy a record set uses; Route 53 allows one per name and type.</summary>
public enum RecordRoutingPolicy
{
    Simple,
    Weighted,
    Latency,
    Geolocation,
    Failover,
    Multivalue,
    Geoproximity,
    IpBased,
    AzAffinity,
}

public static class RecordRouting
{
    public static RecordRoutingPolicy PolicyOf(ResourceRecordSet record) =>
        record.Weight is not null ? RecordRoutingPolicy.Weighted
        : record.Region is not null ? RecordRoutingPolicy.Latency
        : record.GeoLocation is not null ? RecordRoutingPolicy.Geolocation
        : record.Failover is not null ? RecordRoutingPolicy.Failover
        : record.GeoProximityLocation is not null ? RecordRoutingPolicy.Geoproximity
        : record.CidrRoutingConfig is not null ? RecordRoutingPolicy.IpBased
        : record.AzAffinity is not null ? RecordRoutingPolicy.AzAffinity
        : record.MultiValueAnswer == true ? RecordRoutingPolicy.Multivalue
        : RecordRoutingPolicy.Simple;

    /// <summary>
    /// What only one record of a name+type may hold: the failover role, the latency region, the location, or the name
    /// itself for a simple record. Null when the set identifier alone tells records apart (weighted, multivalue).
    /// </summary>
    public static string? SlotOf(ResourceRecordSet record) => PolicyOf(record) switch
    {
        RecordRoutingPolicy.Failover => "failover:" + record.Failover,
        RecordRoutingPolicy.Latency => "region:" + record.Region,
        RecordRoutingPolicy.Geolocation =>
            $"geo:{record.GeoLocation!.ContinentCode}/{record.GeoLocation.CountryCode}/{record.GeoLocation.SubdivisionCode}",
        RecordRoutingPolicy.Simple => "simple",
        // Developer Guide, AZ-affinity routing: "one [record] for each client location".
        RecordRoutingPolicy.AzAffinity => $"az:{record.AzAffinity!.LocationType}/{record.AzAffinity.LocationId}",
        _ => null,
    };
}
