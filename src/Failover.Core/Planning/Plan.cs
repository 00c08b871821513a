using Failover.Core.Route53;

namespace Failover.Core.Planning;

/// <summary>
/// The ordered changes that make Route 53 match a tree: a value that can be printed, diffed, saved and applied by a
/// dumb, retryable applier. Layers run in order; within a layer every batch may be submitted without waiting.
/// </summary>
public sealed record Plan(string Tree, string HostedZoneId, IReadOnlyList<PlanLayer> Layers)
{
    public bool IsEmpty => Layers.All(l => l.IsEmpty);

    /// <summary>Desired records that collide with records the tree does not own; they are left out of the layers.</summary>
    public IReadOnlyList<PlanConflict> Conflicts { get; init; } = [];

    /// <summary>Counts a caller needs to judge the plan (and the change-size guard to refuse it).</summary>
    public PlanSummary Summary { get; init; } = PlanSummary.Empty;

    /// <summary>What an adopted tree takes over as it is (see <see cref="PlanClaims"/>); no layer changes it.</summary>
    public PlanClaims Claims { get; init; } = PlanClaims.None;

    public bool HasConflicts => Conflicts.Count > 0;

    /// <summary>Every place the tree answers for, when it has several (empty for a tree of one name): the text shows a row
    /// for each.</summary>
    public IReadOnlyList<Spec.TreeAttachment> Attachments { get; init; } = [];
}

public enum PlanLayerKind
{
    /// <summary>Create health checks (before any record refers to them).</summary>
    HealthChecks,
    /// <summary>ChangeResourceRecordSets batches.</summary>
    Records,
    /// <summary>Delete health checks nothing refers to any more (after the records that used them are gone).</summary>
    HealthCheckCleanup,
    /// <summary>
    /// Put the CloudWatch alarm on each of the tree's health checks (after the checks exist, before any record names them).
    /// </summary>
    HealthCheckAlarms,
    /// <summary>Create CIDR collections and put their blocks (before any record names a location).</summary>
    CidrCollections,
    /// <summary>Remove CIDR locations and collections no record names any more (after the records are gone).</summary>
    CidrCollectionCleanup,
}

/// <summary>
/// One layer of a plan, named for people and logs: <c>health-checks</c>, <c>leaf-records</c>, <c>alias-level-1</c>, …,
/// then for updates and teardown the deletions top-down and <c>health-check-cleanup</c>.
/// </summary>
public sealed record PlanLayer(string Name, PlanLayerKind Kind)
{
    public IReadOnlyList<PlannedHealthCheck> HealthChecks { get; init; } = [];
    public IReadOnlyList<ChangeBatch> ChangeBatches { get; init; } = [];
    /// <summary>Ids of health checks to delete (cleanup layers).</summary>
    public IReadOnlyList<HealthCheckDeletion> HealthCheckDeletions { get; init; } = [];
    /// <summary>Alarms to put (alarm layers).</summary>
    public IReadOnlyList<PlannedHealthCheckAlarm> HealthCheckAlarms { get; init; } = [];
    /// <summary>The CIDR collections to bring to their target (collection layers).</summary>
    public IReadOnlyList<PlannedCidrCollection> CidrCollections { get; init; } = [];

    public bool IsEmpty =>
        HealthChecks.Count == 0 && ChangeBatches.Count == 0 && HealthCheckDeletions.Count == 0 && HealthCheckAlarms.Count == 0
        && CidrCollections.Count == 0;
}

public sealed record PlannedHealthCheck(string NodeId, string CallerReference, HealthCheckConfig Config);

/// <param name="AlarmName">The check's alarm, deleted just before the check (null: it has none).</param>
public sealed record HealthCheckDeletion(string HealthCheckId, string? NodeId)
{
    public string? AlarmName { get; init; }

    /// <summary>
    /// Only the alarm goes: the tree's alarm on a check that is gone (deleted out of band) or no longer the tree's, so the
    /// check itself is never touched.
    /// </summary>
    public bool AlarmOnly { get; init; }
}

/// <summary>
/// The alarm on a node's health check (<see cref="Alarms.HealthCheckAlarms"/>): the check's id when it exists already,
/// null when an earlier layer of the same plan creates it (the step takes the id that layer wrote on the node).
/// </summary>
public sealed record PlannedHealthCheckAlarm(string NodeId, string? HealthCheckId, string NamePrefix);

/// <summary>
/// One CIDR collection brought to a target: <see cref="Locations"/> is every location's blocks once the layer has run (null:
/// the collection is deleted). <see cref="Changes"/> are what the zone needed when the plan was made, for people and the
/// AWS CLI (<c>aws route53 change-cidr-collection --changes</c>); the applier converges on <see cref="Locations"/> against
/// the collection as it then is, because ChangeCidrCollection is not idempotent.
/// </summary>
/// <param name="RuleId">The ip-based rule that owns it (null for a collection whose rule left the tree).</param>
/// <param name="Id">The collection's id when it exists (null: it is created, by <paramref name="CallerReference"/>).</param>
/// <param name="Version">The CollectionVersion the plan saw.</param>
public sealed record PlannedCidrCollection(string Name, string? RuleId, string CallerReference, string? Id, long? Version,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Locations, IReadOnlyList<CidrCollectionChange> Changes)
{
    public bool Deletes => Locations is null;

    /// <summary>Member-by-member equality; the generated one compares the collections by reference.</summary>
    public bool Equals(PlannedCidrCollection? other) =>
        other is not null && Name == other.Name && RuleId == other.RuleId && CallerReference == other.CallerReference
        && Id == other.Id && Version == other.Version && CidrBlocks.SameLocations(Locations, other.Locations)
        && Changes.Count == other.Changes.Count
        && Changes.Zip(other.Changes).All(p => p.First.LocationName == p.Second.LocationName && p.First.Action == p.Second.Action
            && p.First.Blocks.SequenceEqual(p.Second.Blocks));

    public override int GetHashCode() => HashCode.Combine(Name, RuleId, Id, Version);
}
