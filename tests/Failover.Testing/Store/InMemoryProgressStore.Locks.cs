using Failover.Core.Route53;
using Failover.Service.Progress;

namespace Failover.Testing.Store;

public sealed partial class InMemoryProgressStore
{
    private readonly Dictionary<string, TreeLock> _locks = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Zone, string Name, string Type), string> _claims = [];
    private readonly Dictionary<string, HashSet<RecordKey>> _owned = new(StringComparer.Ordinal);
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
        Serve(() => _locks.GetValueOrDefault(tree)?.Owner == runId && _locks.Remove(tree));

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
        return _claims.GetValueOrDefault(key) == tree && _claims.Remove(key);
    });

    public Task<string?> GetRecordNameOwnerAsync(string hostedZoneId, string recordName, string recordType,
        CancellationToken cancellationToken = default) =>
        Serve(() => _claims.GetValueOrDefault(ClaimKey(hostedZoneId, recordName, recordType)));

    private static (string, string, string) ClaimKey(string hostedZoneId, string recordName, string recordType) =>
        (hostedZoneId, recordName.TrimEnd('.').ToLowerInvariant(), recordType.ToUpperInvariant());

    public Task<IReadOnlySet<RecordKey>> GetOwnedRecordsAsync(string tree, CancellationToken cancellationToken = default) =>
        Serve(() => (IReadOnlySet<RecordKey>)new HashSet<RecordKey>(_owned.GetValueOrDefault(tree) ?? []));

    // Pending claims, as the DynamoDB store keeps them: an owned-record item with the text of what its change writes.
    private readonly Dictionary<string, Dictionary<RecordKey, string>> _pending = new(StringComparer.Ordinal);

    public Task<IReadOnlyDictionary<RecordKey, string>> GetPendingOwnedRecordsAsync(string tree,
        CancellationToken cancellationToken = default) =>
        Serve(() => (IReadOnlyDictionary<RecordKey, string>)new Dictionary<RecordKey, string>(
            _pending.GetValueOrDefault(tree) ?? new Dictionary<RecordKey, string>()));

    public Task AddPendingOwnedRecordsAsync(string tree, IReadOnlyDictionary<RecordKey, string> records,
        CancellationToken cancellationToken = default) => AddPendingOwnedRecordsAsync(tree, null, records, cancellationToken);

    // The zone of an owned or pending record written in another zone than the tree's, as the DynamoDB item keeps it.
    private readonly Dictionary<string, Dictionary<RecordKey, string>> _zones = new(StringComparer.Ordinal);

    public Task<IReadOnlyDictionary<RecordKey, string>> GetOwnedRecordZonesAsync(string tree,
        CancellationToken cancellationToken = default) =>
        Serve(() => (IReadOnlyDictionary<RecordKey, string>)new Dictionary<RecordKey, string>(
            _zones.GetValueOrDefault(tree) ?? new Dictionary<RecordKey, string>()));

    // Each write replaces the record's item, zone included, as a DynamoDB put does.
    private void SetZones(string tree, string? hostedZoneId, IEnumerable<RecordKey> keys)
    {
        if (!_zones.TryGetValue(tree, out var zones)) _zones[tree] = zones = [];
        foreach (var key in keys)
            if (hostedZoneId is null) zones.Remove(key);
            else zones[key] = hostedZoneId;
    }

    public Task AddPendingOwnedRecordsAsync(string tree, string? hostedZoneId, IReadOnlyDictionary<RecordKey, string> records,
        CancellationToken cancellationToken = default) =>
        Serve(() =>
        {
            if (!_pending.TryGetValue(tree, out var pending)) _pending[tree] = pending = [];
            foreach (var (key, text) in records) pending[key] = text;
            _owned.GetValueOrDefault(tree)?.ExceptWith(records.Keys);
            SetZones(tree, hostedZoneId, records.Keys);
        });

    public Task AddOwnedRecordsAsync(string tree, IEnumerable<RecordKey> records, CancellationToken cancellationToken = default) =>
        AddOwnedRecordsAsync(tree, null, records, cancellationToken);

    public Task AddOwnedRecordsAsync(string tree, string? hostedZoneId, IEnumerable<RecordKey> records,
        CancellationToken cancellationToken = default) =>
        Serve(() =>
        {
            if (!_owned.TryGetValue(tree, out var owned)) _owned[tree] = owned = [];
            var keys = records.ToList();
            owned.UnionWith(keys);
            if (_pending.GetValueOrDefault(tree) is { } pending) foreach (var key in keys) pending.Remove(key);
            SetZones(tree, hostedZoneId, keys);
        });

    public Task RemoveOwnedRecordsAsync(string tree, IEnumerable<RecordKey> records, CancellationToken cancellationToken = default) =>
        Serve(() =>
        {
            var keys = records.ToList();
            _owned.GetValueOrDefault(tree)?.ExceptWith(keys);
            if (_pending.GetValueOrDefault(tree) is { } pending) foreach (var key in keys) pending.Remove(key);
            if (_zones.GetValueOrDefault(tree) is { } zones) foreach (var key in keys) zones.Remove(key);
        });

    public Task SetOwnedRecordsAsync(string tree, IEnumerable<RecordKey> records, CancellationToken cancellationToken = default) =>
        Serve(() =>
        {
            _owned[tree] = [.. records];
            if (_pending.GetValueOrDefault(tree) is { } pending) foreach (var key in _owned[tree]) pending.Remove(key);
            var stillPending = _pending.GetValueOrDefault(tree);
            if (_zones.GetValueOrDefault(tree) is { } zones)
                foreach (var key in zones.Keys.Except(_owned[tree]).Where(k => stillPending?.ContainsKey(k) != true).ToList())
                    zones.Remove(key);
        });

    public Task<DriftReportRecord> PutDriftReportAsync(string tree, string reportJson, int driftedItems,
        CancellationToken cancellationToken = default) =>
        Serve(() => _drift[tree] = new DriftReportRecord(tree, reportJson, driftedItems, Now));

    public Task<DriftReportRecord?> GetDriftReportAsync(string tree, CancellationToken cancellationToken = default) =>
        Serve(() => _drift.GetValueOrDefault(tree));
}
