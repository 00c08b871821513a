using System.Globalization;

namespace Failover.Core.Route53;

/// <summary>
/// A Route 53 resource record set, in Route 53's own terms (names are fully qualified, lower case, with no trailing
/// dot inside the core; adapters add the dot on the wire). Used both for what the tree wants and what the zone holds.
/// </summary>
public sealed record ResourceRecordSet
{
    public required string Name { get; init; }
    public required string Type { get; init; }
    public string? SetIdentifier { get; init; }
    public long? Weight { get; init; }
    /// <summary>Latency routing region.</summary>
    public string? Region { get; init; }
    public GeoLocation? GeoLocation { get; init; }
    /// <summary>PRIMARY or SECONDARY.</summary>
    public string? Failover { get; init; }
    public bool? MultiValueAnswer { get; init; }
    /// <summary>Never set on alias records: Route 53 takes the TTL of the target.</summary>
    public long? Ttl { get; init; }
    public IReadOnlyList<string> ResourceRecords { get; init; } = [];
    public AliasTarget? AliasTarget { get; init; }
    /// <summary>Geoproximity routing: where the resource is and its bias (API reference, GeoProximityLocation).</summary>
    public GeoProximityLocation? GeoProximityLocation { get; init; }
    /// <summary>IP-based routing: the CIDR collection and location (API reference, CidrRoutingConfig); the collection id is the
    /// placeholder <c>{{cidrcollection:&lt;ruleId&gt;}}</c> until the collection exists.</summary>
    public CidrRoutingConfig? CidrRoutingConfig { get; init; }
    /// <summary>AZ-affinity routing: the location whose queries the record answers (API reference, AZAffinity).</summary>
    public AzAffinity? AzAffinity { get; init; }
    /// <summary>A health check id, or the placeholder <c>{{healthcheck:&lt;nodeId&gt;}}</c> before the check exists.</summary>
    public string? HealthCheckId { get; init; }

    /// <summary>Name, type and set identifier: what Route 53 uses to tell record sets apart.</summary>
    public RecordKey Key => new(Name, Type, SetIdentifier);

    public bool IsAlias => AliasTarget is not null;

    /// <summary>Field-by-field equality; the generated record equality compares lists by reference.</summary>
    public bool SameAs(ResourceRecordSet other) =>
        Key == other.Key
        && Weight == other.Weight
        && Region == other.Region
        && GeoLocation == other.GeoLocation
        && Route53.GeoProximityLocation.Same(GeoProximityLocation, other.GeoProximityLocation)
        && CidrRoutingConfig == other.CidrRoutingConfig
        && AzAffinity == other.AzAffinity
        && Failover == other.Failover
        && (MultiValueAnswer ?? false) == (other.MultiValueAnswer ?? false)
        && Ttl == other.Ttl
        && ResourceRecords.SequenceEqual(other.ResourceRecords)
        && AliasTarget == other.AliasTarget
        && HealthCheckId == other.HealthCheckId;
}

/// <summary>Identity of a record set within a zone.</summary>
public readonly record struct RecordKey(string Name, string Type, string? SetIdentifier)
{
    public override string ToString() => SetIdentifier is null ? $"{Name} {Type}" : $"{Name} {Type} [{SetIdentifier}]";
}

/// <summary>Alias target; <see cref="DnsName"/> without the trailing dot.</summary>
public sealed record AliasTarget(string HostedZoneId, string DnsName, bool EvaluateTargetHealth);

/// <summary>Route 53 GeoLocation: ContinentCode, CountryCode ("*" for the default location), SubdivisionCode.</summary>
public sealed record GeoLocation(string? ContinentCode, string? CountryCode, string? SubdivisionCode);

/// <summary>
/// Route 53 GeoProximityLocation: one of AWSRegion, LocalZoneGroup and Coordinates, with a Bias of -99…99. Coordinates stay
/// the strings Route 53 takes (Latitude and Longitude are strings of at most two decimals).
/// </summary>
public sealed record GeoProximityLocation(string? AwsRegion, string? LocalZoneGroup, string? Latitude, string? Longitude, int? Bias)
{
    /// <summary>
    /// The same place and bias: a missing bias is 0 (the bias only moves boundaries when it is set), and coordinates compare
    /// as numbers, so "49.2" and "49.20" are one place.
    /// </summary>
    public static bool Same(GeoProximityLocation? a, GeoProximityLocation? b) =>
        a is null || b is null ? a is null && b is null
        : a.AwsRegion == b.AwsRegion && a.LocalZoneGroup == b.LocalZoneGroup
            && SameNumber(a.Latitude, b.Latitude) && SameNumber(a.Longitude, b.Longitude) && (a.Bias ?? 0) == (b.Bias ?? 0);

    private static bool SameNumber(string? a, string? b) =>
        a == b || (decimal.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
            && decimal.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var y) && x == y);

    public override string ToString()
    {
        var place = AwsRegion ?? (LocalZoneGroup is not null ? $"local zone group {LocalZoneGroup}" : $"{Latitude}, {Longitude}");
        return $"{place}, bias {Bias ?? 0}";
    }
}

/// <summary>Route 53 CidrRoutingConfig: the CIDR collection and a location in it ("*" for the default location).</summary>
public sealed record CidrRoutingConfig(string CollectionId, string LocationName);
