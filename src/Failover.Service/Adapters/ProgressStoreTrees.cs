using Failover.Service.Ports;
using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using Failover.Core.Route53;

namespace Failover.Service.Adapters;

/// <summary>The API's reads, served by the DynamoDB progress store.</summary>
public sealed class ProgressStoreTrees(IProgressStore store) : ITreeStore
{
    public Task<TreeRecord?> GetTreeAsync(string tree, CancellationToken cancellationToken) => store.GetTreeAsync(tree, cancellationToken);

    public Task<TreePage> ListTreesAsync(int pageSize, string? pageToken, CancellationToken cancellationToken) =>
        store.ListTreesAsync(pageSize, pageToken, cancellationToken);

    public Task<IReadOnlyList<VersionInfo>> ListVersionsAsync(string tree, CancellationToken cancellationToken) =>
        store.ListVersionsAsync(tree, cancellationToken: cancellationToken);

    public Task<StoredVersion?> GetVersionAsync(string tree, int version, CancellationToken cancellationToken) =>
        store.GetVersionAsync(tree, version, cancellationToken);

    public Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken) => store.GetRunAsync(runId, cancellationToken);

    public Task<RunPage> ListRunsAsync(string tree, int pageSize, string? pageToken, CancellationToken cancellationToken) =>
        store.ListRunsPageAsync(tree, pageSize, pageToken, cancellationToken);

    public Task<IReadOnlyList<NodeProgress>> ListNodesAsync(string runId, CancellationToken cancellationToken) =>
        store.ListNodesAsync(runId, cancellationToken);

    public Task<DriftReportRecord?> GetDriftReportAsync(string tree, CancellationToken cancellationToken) =>
        store.GetDriftReportAsync(tree, cancellationToken);

    public Task<IReadOnlySet<RecordKey>> GetOwnedRecordsAsync(string tree, CancellationToken cancellationToken) =>
        store.GetOwnedRecordsAsync(tree, cancellationToken);

    public Task<IReadOnlyList<TreeEventRecord>> ListEventsAsync(string tree, int limit, CancellationToken cancellationToken) =>
        store.ListTreeEventsAsync(tree, limit, cancellationToken);
}
