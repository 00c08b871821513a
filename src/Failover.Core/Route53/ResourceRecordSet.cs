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
