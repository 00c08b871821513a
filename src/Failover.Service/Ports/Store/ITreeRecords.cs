using Failover.Core.Route53;
using Failover.Service.Progress;

namespace Failover.Service.Ports.Store;

/// <summary>The trees and their stored versions (each version is the spec as applied, compact JSON).</summary>
public interface ITreeRecords
{
    Task<TreeRecord?> GetTreeAsync(string tree, CancellationToken cancellationToken = default);

    Task<TreePage> ListTreesAsync(int pageSize = 100, string? pageToken = null, CancellationToken cancellationToken = default);

    IAsyncEnumerable<TreeRecord> ListAllTreesAsync(int pageSize = 100, CancellationToken cancellationToken = default);

    /// <summary>Stores the spec as the tree's next version; the same text as the latest reuses that version.</summary>
    Task<int> PutVersionAsync(TreeDescriptor tree, string specJson, CancellationToken cancellationToken = default);

    Task<StoredVersion?> GetVersionAsync(string tree, int version, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<VersionInfo>> ListVersionsAsync(string tree, int? limit = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks the tree DELETED without a teardown (a release: Route 53 keeps what it holds): no longer listed, no current
    /// version, its versions kept for history. False when the tree was never stored.
    /// </summary>
    Task<bool> ForgetTreeAsync(string tree, CancellationToken cancellationToken = default);
}
