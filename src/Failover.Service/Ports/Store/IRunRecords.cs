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

    /// <summary>Keeps the Route 53 request rate the run's functions learned, for its next step.</summary>
    Task SetRunRequestRateAsync(string runId, double requestsPerSecond, CancellationToken cancellationToken = default);

    /// <summary>
    /// Keeps the Route 53 per-operation buckets the run's step left spent or slowed, for its next step (replacing what was
    /// kept; none: removed). Balances and rates are rounded down and times up, so a resumed copy never holds more.
    /// </summary>
    Task SetRunOperationBucketsAsync(string runId, IReadOnlyList<OperationBucket> buckets, CancellationToken cancellationToken = default);

    /// <summary>Adds a step's Route 53 requests and throttles to the run's totals (an atomic add: nothing is lost to a race).</summary>
    Task AddRunRoute53UsageAsync(string runId, long requests, long throttles, CancellationToken cancellationToken = default);

    Task<RunStatusChange> SetRunStatusAsync(string runId, RunStatus status, string? error = null,
        CancellationToken cancellationToken = default);
}
