namespace Failover.Core.Simulation;

/// <summary>
/// The Route 53 rule that decided one step of an answer, with the page that documents it. Steps no page covers are
/// marked undocumented: the simulator still answers (with the assumption named), but says it is a guess.
/// </summary>
internal sealed record Decision(string Label, string? Source)
{
    public bool IsDocumented => Source is not null;

    public override string ToString() => IsDocumented ? $"{Label} ({Source})" : $"undocumented: {Label}";

    private const string Failover = "API reference, ResourceRecordSet.Failover";
    private const string Choosing = "Developer Guide, How Amazon Route 53 chooses records when health checking is configured";
    private const string Complex = "Developer Guide, How health checks work in complex Amazon Route 53 configurations";
    private const string Geolocation = "Developer Guide, Geolocation routing";

    public static readonly Decision FailoverPrimary = new("failover: the primary is healthy", Failover);
    public static readonly Decision FailoverSecondary = new("failover: the primary is unhealthy and the secondary healthy", Failover);
    public static readonly Decision FailoverBothUnhealthy =
        new("failover: the secondary is unhealthy, so the primary answers whatever its health", Failover);
    public static readonly Decision Weighted = new("weighted: healthy records share by weight", Choosing);
    public static readonly Decision WeightedZero =
        new("weighted: every non-zero weight is unhealthy, so the weight-0 records share equally", Choosing);
    public static readonly Decision FailOpen = new("no record of the group is healthy, so Route 53 treats all as healthy", Choosing);
    public static readonly Decision LatencyRegion =
        new("latency: the record of the query's region", "Developer Guide, Latency-based routing");
    public static readonly Decision LatencyAssumed =
        new("latency: nearest region assumed (no record for the query's region, or it is unhealthy; the next in order is taken)", null);
    public static readonly Decision GeolocationMatch = new("geolocation: the most specific location that matches the query", Geolocation);
    public static readonly Decision GeolocationLarger =
        new("geolocation: the matching record is unhealthy, so the record of the larger area (country, continent, default)", Geolocation);
    public static readonly Decision GeolocationAllUnhealthy =
        new("geolocation: every record matching the query is unhealthy; the most specific is assumed to answer", null);
    private const string Geoproximity = "Developer Guide, Geoproximity routing";
    public static readonly Decision GeoproximityNearest =
        new("geoproximity: the resource nearest the client by biased distance", Geoproximity);
    public static readonly Decision GeoproximityNextNearest =
        new("geoproximity: the nearest resource is unhealthy, so the next nearest by biased distance", Geoproximity);
    public static readonly Decision GeoproximityAssumed = new("geoproximity: no client position given; the first child assumed", null);
    private const string IpBased = "Developer Guide, IP-based routing";
    public static readonly Decision IpBasedMatch = new("ip-based: the location holding the client's address, longest prefix", IpBased);
    public static readonly Decision IpBasedDefault = new("ip-based: no location holds the address, so the default (*) location", IpBased);
    public static readonly Decision IpBasedUnhealthyToDefault =
        new("ip-based: the matching location's record is unhealthy; the default (*) location assumed to answer", null);
    public static readonly Decision IpBasedUnhealthyAnyway =
        new("ip-based: the matching record is unhealthy and no healthy default exists; assumed to answer anyway", null);
    private const string AzAffinity = "Developer Guide, AZ-affinity routing";
    public static readonly Decision AzAffinityMatch =
        new("az-affinity: the most specific location holding the query's Availability Zone", AzAffinity);
    public static readonly Decision AzAffinityLessSpecific =
        new("az-affinity: the more specific record is unhealthy, so the record of the next less specific location", AzAffinity);
    public static readonly Decision AzAffinityAllUnhealthy =
        new("az-affinity: every matching record is unhealthy, so the most specific answers", "API reference, AZAffinity");
    public static readonly Decision AzAffinityZoneGroupAssumed =
        new("az-affinity: the query's Availability Zone assumed to be in this Zone Group of its region", null);
    public static readonly Decision Multivalue = new("multivalue: up to eight healthy records in each response", Choosing);

    /// <summary>
    /// A nested rule is an alias with Evaluate Target Health to its record group, healthy while any record of that group is
    /// healthy, for every client: the page gives no dependence on where the query comes from.
    /// </summary>
    public static readonly Decision NestedGroup = new("nested rule: an alias to a group with a healthy record", Complex);
}
