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
    /// <summary>
    /// The hosted zone the record set is in when it is not the tree's own (an attachment in another zone, or a zone the
    /// tree left); null in the tree's zone. Not a Route 53 field: a change names its zone once per request.
    /// </summary>
    public string? Zone { get; init; }

    /// <summary>Name, type and set identifier: what Route 53 uses to tell record sets apart within a zone, with the zone.</summary>
    public RecordKey Key => new(Name, Type, SetIdentifier) { Zone = Zone };

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

/// <summary>
/// Identity of a record set: name, type and set identifier within a zone (API reference, ResourceRecordSet: a record set
/// is told apart from the others at its name and type by SetIdentifier), and the zone itself, since one tree may answer
/// for the same name in two zones (a public and a private zone, or while it moves from one zone to another).
/// </summary>
public readonly record struct RecordKey(string Name, string Type, string? SetIdentifier)
{
    /// <summary>
    /// The hosted zone, when it is not the tree's own: null means the zone of the spec in hand. Kept relative in the core
    /// so a tree of one zone (nearly every tree) never spells it; the progress store keeps it absolute
    /// (<see cref="AbsoluteIn"/>, <see cref="RelativeTo"/>).
    /// </summary>
    public string? Zone { get; init; }

    /// <summary>This key with its zone spelled out, <paramref name="treeZone"/> standing for null.</summary>
    public RecordKey AbsoluteIn(string treeZone) => Zone is null ? this with { Zone = treeZone } : this;

    /// <summary>This key seen from a tree whose zone is <paramref name="treeZone"/>: that zone becomes null.</summary>
    public RecordKey RelativeTo(string treeZone) => Zone == treeZone ? this with { Zone = null } : this;

    /// <summary>The key without its zone: a name within whichever zone holds it.</summary>
    public RecordKey WithoutZone => Zone is null ? this : this with { Zone = null };

    public override string ToString() =>
        (SetIdentifier is null ? $"{Name} {Type}" : $"{Name} {Type} [{SetIdentifier}]") + (Zone is null ? "" : $" in {Zone}");
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
