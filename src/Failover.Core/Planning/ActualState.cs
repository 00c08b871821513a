using Failover.Core.Route53;

namespace Failover.Core.Planning;

/// <summary>
/// What the zone and the account hold now, as far as the tree is concerned: the record sets at the tree's names, the
/// health checks tagged as the tree's, and which record sets the tree owns (from the progress store). Empty for a
/// new tree.
/// </summary>
public sealed record ActualState(
    IReadOnlyList<ResourceRecordSet> Records,
    IReadOnlyList<ExistingHealthCheck> HealthChecks,
    IReadOnlySet<RecordKey> OwnedRecords)
{
    public static ActualState Empty { get; } = new([], [], new HashSet<RecordKey>());

    /// <summary>The deployment's health check alarms; null when they were not read (plans then leave alarms alone).</summary>
    public Alarms.HealthCheckAlarmState? Alarms { get; init; }
    /// <summary>The CIDR collections the tree owns (by name, <see cref="Compilation.DesiredCidrCollection.NameFor"/>) and
    /// their blocks.</summary>
    public IReadOnlyList<ExistingCidrCollection> CidrCollections { get; init; } = [];

    /// <summary>
    /// The hosted zone of each record in <see cref="Records"/> (and each owned key) that is not in the tree's own zone: a tree
    /// attached in other zones reads each zone at its own names. A record name is attached once per tree, so a key
    /// names one record across the tree's zones.
    /// </summary>
    public IReadOnlyDictionary<RecordKey, string> RecordZones { get; init; } = new Dictionary<RecordKey, string>();
}

/// <summary>A CIDR collection in the account: its id, name, version and each location's blocks.</summary>
public sealed record ExistingCidrCollection(string Id, string Name, long Version,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Locations);

/// <summary>A health check that exists in the account.</summary>
public sealed record ExistingHealthCheck(string Id, string CallerReference, HealthCheckConfig Config, string? TreeTag = null,
    string? NodeTag = null);
