using Failover.Core.Route53;

namespace Failover.Testing.Store;

/// <summary>
/// Owned and pending records as the DynamoDB store keeps them: one item per key, the key's zone part of it (a put
/// replaces the item of the same key and zone), a key without a zone being an item of the old layout.
/// </summary>
public sealed partial class InMemoryProgressStore
{
    private readonly Dictionary<string, HashSet<RecordKey>> _owned = new(StringComparer.Ordinal);
    // Pending claims: an owned-record item with the text of what its change writes.
    private readonly Dictionary<string, Dictionary<RecordKey, string>> _pending = new(StringComparer.Ordinal);

    public Task<IReadOnlySet<RecordKey>> GetOwnedRecordsAsync(string tree, CancellationToken cancellationToken = default) =>
        Serve(() => (IReadOnlySet<RecordKey>)new HashSet<RecordKey>(_owned.GetValueOrDefault(tree) ?? []));

    public Task<IReadOnlyDictionary<RecordKey, string>> GetPendingOwnedRecordsAsync(string tree,
        CancellationToken cancellationToken = default) =>
        Serve(() => (IReadOnlyDictionary<RecordKey, string>)new Dictionary<RecordKey, string>(
            _pending.GetValueOrDefault(tree) ?? new Dictionary<RecordKey, string>()));

    public Task AddPendingOwnedRecordsAsync(string tree, IReadOnlyDictionary<RecordKey, string> records,
        CancellationToken cancellationToken = default) => AddPendingOwnedRecordsAsync(tree, null, records, cancellationToken);

    public Task AddPendingOwnedRecordsAsync(string tree, string? hostedZoneId, IReadOnlyDictionary<RecordKey, string> records,
        CancellationToken cancellationToken = default) =>
        Serve(() =>
        {
            if (!_pending.TryGetValue(tree, out var pending)) _pending[tree] = pending = [];
            foreach (var (key, text) in records)
            {
                var stored = In(key, hostedZoneId);
                pending[stored] = text;
                _owned.GetValueOrDefault(tree)?.Remove(stored);
            }
        });

    public Task AddOwnedRecordsAsync(string tree, IEnumerable<RecordKey> records, CancellationToken cancellationToken = default) =>
        AddOwnedRecordsAsync(tree, null, records, cancellationToken);

    public Task AddOwnedRecordsAsync(string tree, string? hostedZoneId, IEnumerable<RecordKey> records,
        CancellationToken cancellationToken = default) =>
        Serve(() =>
        {
            if (!_owned.TryGetValue(tree, out var owned)) _owned[tree] = owned = [];
            foreach (var key in records.Select(k => In(k, hostedZoneId)))
            {
                owned.Add(key);
                _pending.GetValueOrDefault(tree)?.Remove(key);
            }
        });

    public Task RemoveOwnedRecordsAsync(string tree, IEnumerable<RecordKey> records, CancellationToken cancellationToken = default) =>
        Serve(() =>
        {
            var keys = records.SelectMany(k => k.Zone is null ? [k] : new[] { k, k.WithoutZone }).ToList();
            _owned.GetValueOrDefault(tree)?.ExceptWith(keys);
            if (_pending.GetValueOrDefault(tree) is { } pending) foreach (var key in keys) pending.Remove(key);
        });

    public Task SetOwnedRecordsAsync(string tree, IEnumerable<RecordKey> records, CancellationToken cancellationToken = default) =>
        Serve(() =>
        {
            _owned[tree] = [.. records];
            if (_pending.GetValueOrDefault(tree) is { } pending) foreach (var key in _owned[tree]) pending.Remove(key);
        });

    public Task<int> MigrateOwnedRecordsAsync(string tree, string treeZone, CancellationToken cancellationToken = default) =>
        Serve(() =>
        {
            var moved = 0;
            if (_owned.GetValueOrDefault(tree) is { } owned)
                foreach (var key in owned.Where(k => k.Zone is null).ToList())
                {
                    owned.Remove(key);
                    owned.Add(key.AbsoluteIn(treeZone));
                    moved++;
                }
            if (_pending.GetValueOrDefault(tree) is { } pending)
                foreach (var (key, text) in pending.Where(p => p.Key.Zone is null).ToList())
                {
                    pending.Remove(key);
                    pending[key.AbsoluteIn(treeZone)] = text;
                    moved++;
                }
            return moved;
        });

    private static RecordKey In(RecordKey key, string? hostedZoneId) => hostedZoneId is null ? key : key with { Zone = hostedZoneId };
}
