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
}
