using Failover.Core.Route53;
using Failover.Service.Progress;

namespace Failover.Testing.Store;

public sealed partial class InMemoryProgressStore
{
    private readonly Dictionary<string, TreeLock> _locks = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Zone, string Name, string Type), string> _claims = [];
    private readonly Dictionary<string, DriftReportRecord> _drift = new(StringComparer.Ordinal);

    public Task<bool> TryAcquireLockAsync(string tree, string runId, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        Serve(() => Acquire(tree, runId, ttl).Acquired);

    /// <summary>Free, held by this run (renewed), or expired by this store's clock: taken. Held by another run: not.</summary>
    public Task<LockAcquisition> AcquireLockAsync(string tree, string runId, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        Serve(() => Acquire(tree, runId, ttl));

    /// <summary>Extends the lock while this run owns it, expired or not; false once another run took it over.</summary>
    public Task<bool> RenewLockAsync(string tree, string runId, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        Serve(() =>
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
            if (_locks.GetValueOrDefault(tree) is not { } held || held.Owner != runId) return false;
            _locks[tree] = held with { ExpiresAt = Now + ttl };
            return true;
        });

    public Task<bool> ReleaseLockAsync(string tree, string runId, CancellationToken cancellationToken = default) =>
        Serve(() =>
        {
            if (_failingLockRelease is { } failing)
            {
                _failingLockRelease = null;
                throw failing;
            }
            return _locks.GetValueOrDefault(tree)?.Owner == runId && _locks.Remove(tree);
        });

    private Exception? _failingLockRelease;

    /// <summary>The next release of a lock fails with <paramref name="error"/>, releasing nothing (as FailNextRelease).</summary>
    public void FailNextLockRelease(Exception error) => _failingLockRelease = error;

    public Task<TreeLock?> GetHeldLockAsync(string tree, CancellationToken cancellationToken = default) =>
        Serve(() => _locks.GetValueOrDefault(tree) is { } held && !held.IsExpired(Now) ? held : null);

    public Task<TreeLock?> GetLockAsync(string tree, CancellationToken cancellationToken = default) =>
        Serve(() => _locks.GetValueOrDefault(tree));

    private LockAcquisition Acquire(string tree, string runId, TimeSpan ttl)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        var now = Now;
        var previous = _locks.GetValueOrDefault(tree);
        if (previous is not null && previous.Owner != runId && !previous.IsExpired(now)) return new LockAcquisition(false, null);
        _locks[tree] = new TreeLock(tree, runId, now, now + ttl);
        return new LockAcquisition(true, previous is not null && previous.Owner != runId ? previous.Owner : null);
    }

    /// <summary>Free or already this tree's: claimed. Names compare without case and trailing dot, types without case.</summary>
    public Task<bool> ClaimRecordNameAsync(string hostedZoneId, string recordName, string recordType, string tree,
        CancellationToken cancellationToken = default) => Serve(() =>
    {
        var key = ClaimKey(hostedZoneId, recordName, recordType);
        if (_claims.GetValueOrDefault(key) is { } owner && owner != tree) return false;
        _claims[key] = tree;
        return true;
    });

    public Task<bool> ReleaseRecordNameAsync(string hostedZoneId, string recordName, string recordType, string tree,
        CancellationToken cancellationToken = default) => Serve(() =>
    {
        var key = ClaimKey(hostedZoneId, recordName, recordType);
        if (_failingRelease is { } failing && failing.Key == key)
        {
            _failingRelease = null;
            throw failing.Error;
        }
        return _claims.GetValueOrDefault(key) == tree && _claims.Remove(key);
    });

    public Task<string?> GetRecordNameOwnerAsync(string hostedZoneId, string recordName, string recordType,
        CancellationToken cancellationToken = default) =>
        Serve(() => _claims.GetValueOrDefault(ClaimKey(hostedZoneId, recordName, recordType)));

    private ((string, string, string) Key, Exception Error)? _failingRelease;

    /// <summary>
    /// The next release of this claim fails with <paramref name="error"/>, releasing nothing: a store error in the middle
    /// of a step's releases (DynamoDB throttling or a lost connection), after which the state machine runs the step again.
    /// </summary>
    public void FailNextRelease(string hostedZoneId, string recordName, string recordType, Exception error) =>
        _failingRelease = (ClaimKey(hostedZoneId, recordName, recordType), error);

    private static (string, string, string) ClaimKey(string hostedZoneId, string recordName, string recordType) =>
        (hostedZoneId, recordName.TrimEnd('.').ToLowerInvariant(), recordType.ToUpperInvariant());

    public Task<DriftReportRecord> PutDriftReportAsync(string tree, string reportJson, int driftedItems,
        CancellationToken cancellationToken = default) =>
        Serve(() => _drift[tree] = new DriftReportRecord(tree, reportJson, driftedItems, Now));

    public Task<DriftReportRecord?> GetDriftReportAsync(string tree, CancellationToken cancellationToken = default) =>
        Serve(() => _drift.GetValueOrDefault(tree));
}
