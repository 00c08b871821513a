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

    public bool IsEmpty =>
        HealthChecks.Count == 0 && ChangeBatches.Count == 0 && HealthCheckDeletions.Count == 0 && HealthCheckAlarms.Count == 0;
}

public sealed record PlannedHealthCheck(string NodeId, string CallerReference, HealthCheckConfig Config);

/// <param name="AlarmName">The check's alarm, deleted just before the check (null: it has none).</param>
public sealed record HealthCheckDeletion(string HealthCheckId, string? NodeId)
{
    public string? AlarmName { get; init; }
}

/// <summary>
/// The alarm on a node's health check (<see cref="Alarms.HealthCheckAlarms"/>): the check's id when it exists already,
/// null when an earlier layer of the same plan creates it (the step takes the id that layer wrote on the node).
/// </summary>
public sealed record PlannedHealthCheckAlarm(string NodeId, string? HealthCheckId, string NamePrefix);
