using Failover.Core.Route53;
using Failover.Service.Ports.Route53;
using Failover.Service.Progress;

namespace Failover.Service.Ports.Store;

/// <summary>Runs: what started them, their plan, their status, the execution that carries them.</summary>
public interface IRunRecords
{
    Task<RunRecord> CreateRunAsync(NewRun run, CancellationToken cancellationToken = default);

    Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<RunRecord>> ListRunsAsync(string tree, int limit = 20, CancellationToken cancellationToken = default);

    /// <summary>One page of the tree's runs, newest first; throws <see cref="ArgumentException"/> for a page token it did not hand
    /// out.</summary>
    Task<RunPage> ListRunsPageAsync(
        string tree, int pageSize = 20, string? pageToken = null, CancellationToken cancellationToken = default);

    Task SetRunExecutionAsync(string runId, string executionArn, CancellationToken cancellationToken = default);

    Task PutPlanAsync(string runId, string planJson, CancellationToken cancellationToken = default);

    Task<string?> GetPlanAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Keeps what a workflow step ended with (<see cref="RunStepEnd"/>) in one write: the rate and the buckets replace what
    /// was kept (buckets are rounded so that a resumed copy never holds more: balances and rates down, times up), the
    /// requests and throttles are added to the run's totals (an atomic add: nothing is lost to a race). An empty end
    /// writes nothing; an unknown run is a <see cref="ProgressConflictException"/>.
    /// </summary>
    Task SaveRunStepEndAsync(string runId, RunStepEnd end, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records that the run's end was announced (<see cref="RunRecord.Announced"/>): a step that ends a run marks it after
    /// its metrics and events, so one entered again after a failure between marking the run ended and announcing it
    /// announces it then. An unknown run is a <see cref="ProgressConflictException"/>.
    /// </summary>
    Task MarkRunAnnouncedAsync(string runId, CancellationToken cancellationToken = default);

    Task<RunStatusChange> SetRunStatusAsync(string runId, RunStatus status, string? error = null,
        CancellationToken cancellationToken = default);
}
