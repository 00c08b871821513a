namespace Failover.Core.Spec;

/// <summary>The routing policy of a rule node; each becomes the Route 53 routing policy of its children's records.</summary>
public enum RoutingPolicy
{
    Failover,
    Weighted,
    Latency,
    Geolocation,
    Multivalue,
    /// <summary>Route 53 geoproximity routing: the record of the nearest resource, by biased distance.</summary>
    Geoproximity,
    /// <summary>Route 53 IP-based routing: the record whose CIDR location holds the client's address.</summary>
    IpBased,
    /// <summary>Route 53 AZ-affinity routing: the record of the querying client's Availability Zone, else of the nearest larger
    /// location that has a healthy record (zone group, region, partition, global).</summary>
    AzAffinity,
}
