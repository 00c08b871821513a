using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using Failover.Core.Route53;

namespace Failover.Service.Ports;

/// <summary>
/// What the API reads from the progress table. <see cref="Adapters.ProgressStoreTrees"/> serves it from
/// <see cref="IProgressStore"/>; tests serve it from memory.
/// </summary>
public interface ITreeStore
{
    Task<TreeRecord?> GetTreeAsync(string tree, CancellationToken cancellationToken);

    /// <summary>One page of trees; throws <see cref="ArgumentException"/> for a page token it did not hand out.</summary>
    Task<TreePage> ListTreesAsync(int pageSize, string? pageToken, CancellationToken cancellationToken);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<VersionInfo>> ListVersionsAsync(string tree, CancellationToken cancellationToken);

    Task<StoredVersion?> GetVersionAsync(string tree, int version, CancellationToken cancellationToken);

    Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken);

    /// <summary>One page of the tree's runs, newest first; throws <see cref="ArgumentException"/> for a page token it did not hand
    /// out.</summary>
    Task<RunPage> ListRunsAsync(string tree, int pageSize, string? pageToken, CancellationToken cancellationToken);

    Task<IReadOnlyList<NodeProgress>> ListNodesAsync(string runId, CancellationToken cancellationToken);

    Task<DriftReportRecord?> GetDriftReportAsync(string tree, CancellationToken cancellationToken);

    /// <summary>The tree's owned records, each naming its zone (<see cref="Ports.Store.IOwnedRecords.GetOwnedRecordsAsync"/>).</summary>
    Task<IReadOnlySet<RecordKey>> GetOwnedRecordsAsync(string tree, CancellationToken cancellationToken);

    /// <summary>The tree's latest events (its timeline), newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<TreeEventRecord>> ListEventsAsync(string tree, int limit, CancellationToken cancellationToken);
}
