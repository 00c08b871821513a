using Failover.Core.Route53;
using Failover.Core.Spec;

namespace Failover.Core.Compilation;

/// <summary>What a tree becomes in Route 53: the health checks to create and every record set, each with its level.</summary>
public sealed record CompiledTree(TreeSpec Spec, IReadOnlyList<DesiredHealthCheck> HealthChecks, IReadOnlyList<DesiredRecord> Records)
{
    /// <summary>The CIDR collections the tree's ip-based rules own, one per rule.</summary>
    public IReadOnlyList<DesiredCidrCollection> CidrCollections { get; init; } = [];

    /// <summary>
    /// The records of attachments in other hosted zones than the tree's (<see cref="Records"/> holds those of every
    /// attachment in the tree's own zone); empty for a tree whose attachments share its zone.
    /// </summary>
    public IReadOnlyList<CompiledZone> OtherZones { get; init; } = [];

    /// <summary>Every record of every attachment, those of other zones tagged with their zone
    /// (<see cref="ResourceRecordSet.Zone"/>).</summary>
    public IReadOnlyList<DesiredRecord> AllRecords => OtherZones.Count == 0 ? Records
        : [.. Records, .. OtherZones.SelectMany(z => z.Records)];

    /// <summary>Each other zone's record names: what a reader of the tree's state lists there.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> OtherZoneNames =>
        OtherZones.ToDictionary(z => z.HostedZoneId,
            z => (IReadOnlyList<string>)z.Records.Select(r => r.RecordSet.Name).Distinct(StringComparer.Ordinal).ToList(),
            StringComparer.Ordinal);
}

/// <summary>The records a tree wants in one hosted zone besides its own.</summary>
public sealed record CompiledZone(string HostedZoneId, List<DesiredRecord> Records)
{
    public void Add(IEnumerable<DesiredRecord> records) => Records.AddRange(records);
}

/// <summary>A health check the tree owns: one per health-checked endpoint leaf.</summary>
/// <param name="CallerReference">Deterministic (tree, node, config), ≤ 64 chars, so a retried create returns the same check.</param>
public sealed record DesiredHealthCheck(string NodeId, string CallerReference, HealthCheckConfig Config);

/// <summary>
/// A record set the tree owns. <paramref name="Level"/> 0: its target lies outside the tree (values, AWS resources);
/// level k ≥ 1: an alias to a helper name whose records are all at levels below k.
/// </summary>
public sealed record DesiredRecord(string NodeId, int Level, ResourceRecordSet RecordSet)
{
    /// <summary>The hosted zone the record belongs in when it is not the tree's own (an attachment in another zone).</summary>
    public string? HostedZoneId => RecordSet.Zone;
}
