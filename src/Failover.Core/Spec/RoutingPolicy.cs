namespace Failover.Core.Spec;

/// <summary>The routing policy of a rule node; each becomes the Route 53 routing policy of its children's records.</summary>
public enum RoutingPolicy
{
    Failover,
    Weighted,
    Latency,
    Geolocation,
    Multivalue,
}
