using Failover.Core.Route53;

namespace Failover.Core.Planning;

/// <summary>
/// What the zone and the account hold now, as far as the tree is concerned: the record sets at the tree's names, the
/// health checks tagged as the tree's, and which record sets the tree owns (from the progress store). Empty for a
/// new tree. Records and keys of another zone than the tree's carry it (<see cref="ResourceRecordSet.Zone"/>,
/// <see cref="RecordKey.Zone"/>): a tree attached in other zones reads each zone at its own names.
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
    /// <summary>The names in the tree's zone its alias leaves point at that the zone was read at besides the tree's own
    /// (<see cref="MissingAliasTargets.NamesToRead"/>); null when they were not read.</summary>
    public IReadOnlySet<string>? AliasTargetNames { get; init; }
    /// <summary>The id of every health check in the account, read in the same listing as the tree's checks; null when not
    /// read (<see cref="MissingNamedHealthChecks"/> then checks nothing).</summary>
    public IReadOnlySet<string>? AccountHealthCheckIds { get; init; }

}

/// <summary>A CIDR collection in the account: its id, name, version and each location's blocks.</summary>
public sealed record ExistingCidrCollection(string Id, string Name, long Version,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Locations);

/// <summary>A health check that exists in the account.</summary>
public sealed record ExistingHealthCheck(string Id, string CallerReference, HealthCheckConfig Config, string? TreeTag = null,
    string? NodeTag = null);
