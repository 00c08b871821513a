using Failover.Service.Ports.Store;
using Failover.Core.Route53;

namespace Failover.Service.Progress;

public enum NodeStatus
{
    Pending,
    InProgress,
    Done,
    Failed,
    Deleted,
}

/// <summary>A node of a run's plan, written as PENDING by <see cref="IProgressStore.PutNodesAsync"/>.</summary>
public sealed record PlannedNode(string NodeId, string? Layer, IReadOnlyList<RecordKey> Records)
{
    public string? HealthCheckId { get; init; }
}

/// <summary>Fields to change on a node; null leaves a field as it is.</summary>
public sealed record NodeUpdate
{
    public NodeStatus? Status { get; init; }
    public string? HealthCheckId { get; init; }
    public string? ChangeId { get; init; }
    public string? Error { get; init; }
}

/// <summary>
/// A node's progress within one run. <see cref="StartedAt"/> is when it first went IN_PROGRESS;
/// <see cref="FinishedAt"/> when it last reached DONE, FAILED or DELETED.
/// </summary>
public sealed record NodeProgress(
    string RunId,
    string NodeId,
    string? Layer,
    NodeStatus Status,
    IReadOnlyList<RecordKey> Records,
    string? HealthCheckId,
    string? ChangeId,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt);
