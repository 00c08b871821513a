using Failover.Core.Route53;
using Failover.Service.Progress;

namespace Failover.Service.Ports.Store;

/// <summary>One run at a time per tree: a lease with an expiry that a run renews and another run may take over.</summary>
public interface ITreeLocks
{
    Task<bool> TryAcquireLockAsync(string tree, string runId, TimeSpan ttl, CancellationToken cancellationToken = default);

    Task<LockAcquisition> AcquireLockAsync(string tree, string runId, TimeSpan ttl, CancellationToken cancellationToken = default);

    Task<bool> RenewLockAsync(string tree, string runId, TimeSpan ttl, CancellationToken cancellationToken = default);

    Task<bool> ReleaseLockAsync(string tree, string runId, CancellationToken cancellationToken = default);

    /// <summary>The lock, if a run holds it now (not expired).</summary>
    Task<TreeLock?> GetHeldLockAsync(string tree, CancellationToken cancellationToken = default);

    Task<TreeLock?> GetLockAsync(string tree, CancellationToken cancellationToken = default);
}
