using Failover.Service.Ports.Store;
namespace Failover.Service.Progress;

public enum RunKind
{
    Apply,
    Rollback,
    Teardown,
    Repair,
}

public enum RunStatus
{
    Running,
    Succeeded,
    Failed,
    RolledBack,
}

/// <summary>What a caller supplies to start a run; <see cref="RunIds.New"/> makes a fresh id.</summary>
public sealed record NewRun(string RunId, string Tree, int Version, RunKind Kind)
{
    /// <summary>The plan, if already computed; otherwise stored later with <see cref="IProgressStore.PutPlanAsync"/>.</summary>
    public string? PlanJson { get; init; }
    public string? ExecutionArn { get; init; }
}

/// <summary>A run as stored, without its plan (read that with <see cref="IProgressStore.GetPlanAsync"/>).</summary>
public sealed record RunRecord(
    string RunId,
    string Tree,
    int Version,
    RunKind Kind,
    RunStatus Status,
    string? ExecutionArn,
    string? Error,
    bool HasPlan,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt)
{
    /// <summary>The Route 53 request rate the run's last step ended with (<see cref="Workflow.RunRequestRate"/>); null: none yet.</summary>
    public double? Route53RequestsPerSecond { get; init; }

    /// <summary>
    /// The Route 53 per-operation buckets the run's last step left spent or slowed (<see cref="Workflow.RunRequestRate"/>);
    /// empty: none, or none readable (the next step's copies start full).
    /// </summary>
    public IReadOnlyList<Ports.Route53.OperationBucket> Route53OperationBuckets { get; init; } = [];

    /// <summary>Route 53 requests the run's finished steps sent, retries included (<see cref="Workflow.RunRequestRate"/>).</summary>
    public long Route53Requests { get; init; }

    /// <summary>How many of <see cref="Route53Requests"/> Route 53 answered with <c>Throttling</c>.</summary>
    public long Route53Throttles { get; init; }

    /// <summary>
    /// The run's end was announced: its metrics line written and its events published (<see cref="IRunRecords.MarkRunAnnouncedAsync"/>).
    /// A step entered again after the run was marked ended announces it when this is false.
    /// </summary>
    public bool Announced { get; init; }
}

public enum RunStatusOutcome
{
    /// <summary>The run moved from RUNNING to the requested status.</summary>
    Changed,
    /// <summary>The run already had the requested status (a retried call): nothing changed.</summary>
    AlreadyInStatus,
    /// <summary>The run had finished with another status; runs only leave RUNNING once.</summary>
    Refused,
    NotFound,
}

/// <summary>The result of <see cref="IProgressStore.SetRunStatusAsync"/>, with the run as it is now (null if not found).</summary>
public sealed record RunStatusChange(RunStatusOutcome Outcome, RunRecord? Run);

/// <summary>One page of <see cref="IProgressStore.ListRunsPageAsync"/>, newest first; pass <see cref="NextPageToken"/> back for the
/// next.</summary>
public sealed record RunPage(IReadOnlyList<RunRecord> Runs, string? NextPageToken);
