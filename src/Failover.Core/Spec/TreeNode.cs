namespace Failover.Core.Spec;

public enum NodeKind
{
    /// <summary>A routing rule with children (or primary/secondary for failover).</summary>
    Rule,
    /// <summary>A leaf with record values, optionally health-checked.</summary>
    Endpoint,
    /// <summary>A leaf aliasing an AWS resource outside the tree (ELB, CloudFront, S3, another record).</summary>
    Alias,
}

/// <summary>
/// One node of the tree. Exactly one of <see cref="Routing"/>, <see cref="Endpoint"/>, <see cref="Alias"/> is set on a
/// well-formed node. The attributes a parent's policy needs (weight, region, location) live on the child.
/// </summary>
public sealed record TreeNode
{
    public required string Id { get; init; }
    /// <summary>JSON path of this node in the spec, e.g. <c>$.root.primary.children[0]</c>; errors are reported under it.</summary>
    public required string Path { get; init; }

    public RoutingPolicy? Routing { get; init; }
    /// <summary>Failover rules only.</summary>
    public TreeNode? Primary { get; init; }
    /// <summary>Failover rules only.</summary>
    public TreeNode? Secondary { get; init; }
    /// <summary>Weighted, latency, geolocation and multivalue rules.</summary>
    public IReadOnlyList<TreeNode> Children { get; init; } = [];

    public EndpointSpec? Endpoint { get; init; }
    public AliasSpec? Alias { get; init; }

    /// <summary>
    /// Alias leaves and nested rules: a check the tree creates for the node's record in its parent's group (an endpoint's
    /// own check is <see cref="EndpointSpec.HealthCheck"/>).
    /// </summary>
    public HealthCheckSettings? HealthCheck { get; init; }
    /// <summary>Alias leaves and nested rules: an existing check for the node's record.</summary>
    public string? HealthCheckId { get; init; }

    /// <summary>The check the tree creates for this node's record, wherever the spec gives it.</summary>
    public HealthCheckSettings? OwnHealthCheck => Endpoint?.HealthCheck ?? HealthCheck;

    /// <summary>Whether the node's record names a health check (its own or an existing one).</summary>
    public bool HasHealthCheck => Endpoint is { } e ? e.HealthCheck is not null || e.HealthCheckId is not null
        : HealthCheck is not null || HealthCheckId is not null;

    /// <summary>
    /// Nested rules only: the name its records live at, when not the default <c>_&lt;id&gt;.&lt;recordName&gt;</c> (an
    /// adopted tree keeps the helper names the zone already uses).
    /// </summary>
    public string? HelperName { get; init; }
    /// <summary>The record's SetIdentifier when it is not the node's id (an adopted tree keeps the zone's own).</summary>
    public string? SetIdentifier { get; init; }

    /// <summary>Set when the parent is weighted (0–255).</summary>
    public long? Weight { get; init; }
    /// <summary>Set when the parent is latency (an AWS region).</summary>
    public string? Region { get; init; }
    /// <summary>Set when the parent is geolocation.</summary>
    public GeoLocationSpec? Location { get; init; }
    /// <summary>Set when the parent is geoproximity: where the resource is, and its bias.</summary>
    public GeoProximitySpec? Geoproximity { get; init; }
    /// <summary>Set when the parent is ip-based: the CIDR location (name and blocks) this child answers.</summary>
    public CidrLocationSpec? Cidr { get; init; }
    /// <summary>Set when the parent is az-affinity: the location (Availability Zone, zone group, region, partition or global)
    /// whose queries this child answers.</summary>
    public AzAffinitySpec? AzAffinity { get; init; }

    public NodeKind Kind => Routing is not null ? NodeKind.Rule : Alias is not null ? NodeKind.Alias : NodeKind.Endpoint;

    /// <summary>The children in order: primary then secondary for failover rules, <see cref="Children"/> otherwise.</summary>
    public IEnumerable<TreeNode> ChildNodes()
    {
        if (Routing == RoutingPolicy.Failover)
        {
            if (Primary is not null) yield return Primary;
            if (Secondary is not null) yield return Secondary;
            yield break;
        }
        foreach (var child in Children) yield return child;
    }

    /// <summary>This node and every descendant, depth first, parents before children.</summary>
    public IEnumerable<TreeNode> DescendantsAndSelf()
    {
        var stack = new Stack<TreeNode>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            // ChildNodes pushed last first, without a list of them per node (a large tree has a hundred thousand nodes).
            if (node.Routing == RoutingPolicy.Failover)
            {
                if (node.Secondary is not null) stack.Push(node.Secondary);
                if (node.Primary is not null) stack.Push(node.Primary);
                continue;
            }
            for (var i = node.Children.Count - 1; i >= 0; i--) stack.Push(node.Children[i]);
        }
    }
}

/// <summary>An endpoint leaf: record values, an optional TTL override and its health check.</summary>
public sealed record EndpointSpec
{
    public IReadOnlyList<string> Values { get; init; } = [];
    public long? Ttl { get; init; }
    /// <summary>Settings merged over the tree's <see cref="TreeSpec.HealthCheckDefaults"/>; null means not health-checked.</summary>
    public HealthCheckSettings? HealthCheck { get; init; }
    /// <summary>The id of an existing health check to attach instead of creating one.</summary>
    public string? HealthCheckId { get; init; }
}

/// <summary>An alias leaf: a target outside the tree.</summary>
public sealed record AliasSpec
{
    public required string DnsName { get; init; }
    public required string HostedZoneId { get; init; }
    public bool EvaluateTargetHealth { get; init; } = true;
}

/// <summary>A geolocation: a continent, a country, a country subdivision, or the default location.</summary>
public sealed record GeoLocationSpec
{
    public string? Continent { get; init; }
    public string? Country { get; init; }
    public string? Subdivision { get; init; }
    public bool IsDefault { get; init; }

    public override string ToString() =>
        IsDefault ? "default"
        : Continent is not null ? $"continent {Continent}"
        : Subdivision is not null ? $"{Country}-{Subdivision}"
        : $"country {Country}";
}

/// <summary>
/// Where a geoproximity child's resource is: an AWS region, a Local Zone group or coordinates (exactly one), and the bias
/// (-99…99) that grows or shrinks the area it answers (API reference, GeoProximityLocation).
/// </summary>
public sealed record GeoProximitySpec
{
    public string? AwsRegion { get; init; }
    public string? LocalZoneGroup { get; init; }
    /// <summary>Latitude as written (Route 53 takes it as a string of at most two decimals).</summary>
    public string? Latitude { get; init; }
    public string? Longitude { get; init; }
    public bool HasCoordinates { get; init; }
    public long? Bias { get; init; }

    public override string ToString()
    {
        var place = AwsRegion ?? (LocalZoneGroup is not null ? $"local zone group {LocalZoneGroup}" : $"{Latitude}, {Longitude}");
        return Bias is { } bias and not 0 ? $"{place} (bias {bias:+0;-0})" : place;
    }
}

/// <summary>An ip-based child's CIDR location: a location name with its blocks, or the default location (<c>*</c>).</summary>
public sealed record CidrLocationSpec
{
    public string? Location { get; init; }
    public IReadOnlyList<string> Blocks { get; init; } = [];
    public bool IsDefault { get; init; }

    /// <summary>The LocationName the record carries: Route 53 spells the default location "*" (API reference, CidrRoutingConfig).</summary>
    public string? LocationName => IsDefault ? "*" : Location;

    public override string ToString() => IsDefault ? "default (*)" : Location ?? "no location";
}

/// <summary>
/// The location an az-affinity child answers queries from: its level and id (API reference, AZAffinity: LocationType and
/// LocationId, both required). <see cref="Type"/> is the spec's spelling (<see cref="Route53.AzLocationTypes"/>).
/// </summary>
public sealed record AzAffinitySpec
{
    public string? Type { get; init; }
    public string? Id { get; init; }

    public override string ToString() => Type == Route53.AzLocationTypes.GlobalName ? "global" : $"{Type} {Id}";
}
