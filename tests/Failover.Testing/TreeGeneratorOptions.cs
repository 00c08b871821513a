namespace Failover.Testing;

/// <summary>The tree-wide settings and the shape knobs of <see cref="TreeGenerator"/>.</summary>
public sealed record TreeGeneratorOptions
{
    public string Name { get; init; } = "gen";
    public string HostedZoneId { get; init; } = "Z0000000000000000000A";
    public string ZoneName { get; init; } = "example.com";
    /// <summary>Defaults to <c>&lt;Name&gt;.&lt;ZoneName&gt;</c>.</summary>
    public string? RecordName { get; init; }
    /// <summary>Most rule levels between the root and a leaf.</summary>
    public int MaxDepth { get; init; } = 6;
    /// <summary>Most children of a weighted rule (Route 53 allows 100 records per name and type).</summary>
    public int MaxFanout { get; init; } = 20;
    /// <summary>Share of leaves that alias an AWS resource instead of holding values.</summary>
    public double AliasLeafShare { get; init; } = 0.1;
    /// <summary>Share of endpoint leaves with a health check (failover primaries always get one).</summary>
    public double HealthCheckedShare { get; init; } = 0.7;
    /// <summary>Share of multi-leaf rules that are multivalue (when few enough leaves remain).</summary>
    public double MultivalueShare { get; init; } = 0.1;
}
