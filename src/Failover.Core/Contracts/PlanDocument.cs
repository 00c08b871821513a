using System.Text.Json.Serialization;

namespace Failover.Core.Contracts;

/// <summary>
/// The plan on the wire — what <c>failover plan --json</c> prints, the workflow stores for a run and
/// <c>GET /trees/{name}/plan</c> answers (with the <see cref="Version"/> it planned). A layer carries exactly one of
/// <see cref="PlanLayerDocument.HealthChecks"/>, <see cref="PlanLayerDocument.ChangeBatches"/>,
/// <see cref="PlanLayerDocument.DeleteHealthChecks"/> and <see cref="PlanLayerDocument.PutHealthCheckAlarms"/>.
/// </summary>
public record PlanDocument
{
    /// <summary>The stored version planned (only when the service planned a stored tree).</summary>
    [JsonPropertyOrder(-1)] public int? Version { get; init; }
    public string? Tree { get; init; }
    public string? HostedZoneId { get; init; }
    public IReadOnlyList<PlanLayerDocument>? Layers { get; init; }
    /// <summary>Left out when there are none.</summary>
    public IReadOnlyList<PlanConflictDocument>? Conflicts { get; init; }
    public PlanSummaryDocument? Summary { get; init; }
    /// <summary>What an adopted tree takes over as it is, before its first layer; left out when it claims nothing.</summary>
    public PlanClaimsDocument? Claims { get; init; }
}

/// <summary>
/// The record sets the zone already holds exactly as the tree writes them (they become the tree's, unchanged) and the
/// existing health checks the tree tags as its nodes' own.
/// </summary>
public sealed record PlanClaimsDocument(IReadOnlyList<RecordKeyDocument>? Records, IReadOnlyList<HealthCheckClaimDocument>? HealthChecks)
{
    /// <summary>
    /// The hosted zone of each claimed record, beside the records as <see cref="PlanLayerDocument.ChangeBatchZones"/> is beside
    /// the batches: null for a record in the plan's zone. Left out when every claimed record is in the plan's zone.
    /// </summary>
    public IReadOnlyList<string?>? RecordZones { get; init; }
}

public sealed record HealthCheckClaimDocument(string? NodeId, string? HealthCheckId);

public sealed record PlanLayerDocument
{
    public string? Name { get; init; }
    public IReadOnlyList<PlannedHealthCheckDocument>? HealthChecks { get; init; }
    public IReadOnlyList<ChangeBatchShape>? ChangeBatches { get; init; }
    /// <summary>
    /// The tree node behind each change, batch by batch (null where a change has none), beside the batches rather than
    /// inside them: the batches keep the exact shape the AWS CLI takes, and the workflow can still track progress per node.
    /// Left out when no change has a node.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string?>>? ChangeNodeIds { get; init; }
    /// <summary>
    /// The hosted zone of each change batch, beside the batches for the same reason as <see cref="ChangeNodeIds"/>: null for
    /// a batch in the plan's zone. Left out when every batch is in the plan's zone.
    /// </summary>
    public IReadOnlyList<string?>? ChangeBatchZones { get; init; }
    public IReadOnlyList<HealthCheckDeletionDocument>? DeleteHealthChecks { get; init; }
    /// <summary>The CloudWatch alarms to put on the tree's health checks (<c>health-check-alarms</c>).</summary>
    public IReadOnlyList<PlannedHealthCheckAlarmDocument>? PutHealthCheckAlarms { get; init; }
    /// <summary>CIDR collections brought to their target before the record layers (created, blocks put).</summary>
    public IReadOnlyList<PlannedCidrCollectionDocument>? CidrCollections { get; init; }
    /// <summary>CIDR collections brought to their target after the record layers (locations removed, collections deleted).</summary>
    public IReadOnlyList<PlannedCidrCollectionDocument>? CidrCollectionCleanup { get; init; }
}

/// <summary>
/// One CIDR collection in a plan: <c>aws route53 create-cidr-collection --name --caller-reference</c> when it has no id yet,
/// then <c>aws route53 change-cidr-collection --id --collection-version --changes</c> with <see cref="Changes"/>, or
/// <c>delete-cidr-collection</c> when <see cref="Delete"/>. <see cref="Locations"/> is the collection once the layer has run.
/// </summary>
public sealed record PlannedCidrCollectionDocument
{
    public string? Name { get; init; }
    public string? RuleId { get; init; }
    public string? CallerReference { get; init; }
    public string? Id { get; init; }
    public long? CollectionVersion { get; init; }
    public IReadOnlyList<CidrLocationShape>? Locations { get; init; }
    public bool? Delete { get; init; }
    public IReadOnlyList<CidrCollectionChangeShape>? Changes { get; init; }
}

public sealed record PlannedHealthCheckDocument(string? NodeId, string? CallerReference, HealthCheckConfigShape? HealthCheckConfig);

public sealed record HealthCheckDeletionDocument(string? HealthCheckId, string? NodeId)
{
    /// <summary>The check's alarm, deleted first; left out when it has none.</summary>
    public string? AlarmName { get; init; }

    /// <summary>True when only the alarm goes (its check is gone, or not the tree's); left out otherwise.</summary>
    public bool? AlarmOnly { get; init; }
}

/// <summary>The alarm on a node's check; <see cref="HealthCheckId"/> is left out when an earlier layer creates the check.</summary>
public sealed record PlannedHealthCheckAlarmDocument(string? NodeId, string? HealthCheckId, string? AlarmNamePrefix);

public sealed record PlanConflictDocument(string? Name, string? Type, string? SetIdentifier, string? Reason)
{
    /// <summary>The conflict's hosted zone when it is not the plan's (another attachment's zone).</summary>
    public string? HostedZoneId { get; init; }
}

public sealed record PlanSummaryDocument(
    int RecordsCreated, int RecordsUpdated, int RecordsDeleted, int HealthChecksCreated, int HealthChecksDeleted, int ExistingRecords)
{
    /// <summary>Left out when the plan changes no CIDR collection.</summary>
    public int? CidrCollectionsChanged { get; init; }
}

/// <summary><c>POST /trees?dryRun=true</c>: the plan against the zone as it is now, and the spec's warnings.</summary>
public sealed record DryRunPlanResource : PlanDocument
{
    public DryRunPlanResource()
    {
    }

    public DryRunPlanResource(PlanDocument plan) : base(plan)
    {
    }

    [JsonPropertyOrder(-2)] public bool DryRun { get; init; } = true;
    [JsonPropertyOrder(1)] public IReadOnlyList<FieldErrorDocument>? Warnings { get; init; }

    /// <summary>Whether an apply of this spec would pass the change-size guard (with the request's force).</summary>
    [JsonPropertyOrder(2)] public ChangeSizeVerdictDocument? ChangeSizeGuard { get; init; }
}

/// <summary>The change-size guard's verdict on a dry run: passes, or the refusal an apply without force would get.</summary>
public sealed record ChangeSizeVerdictDocument(bool Passes)
{
    public string? Message { get; init; }
}

/// <summary>One error or warning with where it is: a JSON path into the body, or the parameter it concerns.</summary>
public sealed record FieldErrorDocument(string? Path, string? Parameter, string Message, int? Line, int? Column);
