using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using Amazon.DynamoDBv2.Model;
using Failover.Core.Route53;

namespace Failover.Store;

internal sealed partial class DynamoDbProgress
{
    private static readonly string[] OwnedAttributes =
        [ProgressTable.SortKey, Attributes.Name, Attributes.Type, Attributes.SetIdentifier, Attributes.HostedZoneId, Attributes.Pending];

    /// <summary>
    /// The record sets the tree owns (the planner's <c>ActualState.OwnedRecords</c>): only these may be changed or
    /// deleted by the tree's runs. One item per record, so a run can add each record as it creates it. Pending
    /// records (<see cref="AddPendingOwnedRecordsAsync"/>) are not owned until confirmed. Each key carries its hosted zone;
    /// an item written before zones were kept for every record has none (it is in the tree's zone).
    /// </summary>
    public async Task<IReadOnlySet<RecordKey>> GetOwnedRecordsAsync(string tree, CancellationToken cancellationToken = default)
    {
        var owned = new HashSet<RecordKey>();
        await foreach (var item in QueryPrefixAsync(ProgressKeys.TreePartition(tree), ProgressKeys.OwnedPrefix, cancellationToken,
                           OwnedAttributes))
            if (!item.ContainsKey(Attributes.Pending)) owned.Add(RecordKeyValues.FromItem(item));
        return owned;
    }

    /// <summary>
    /// The pending records: claimed by a change that may or may not have reached Route 53, each with the text of the
    /// record set that change writes (which the zone then holds exactly, if it landed).
    /// </summary>
    public async Task<IReadOnlyDictionary<RecordKey, string>> GetPendingOwnedRecordsAsync(string tree,
        CancellationToken cancellationToken = default)
    {
        var pending = new Dictionary<RecordKey, string>();
        await foreach (var item in QueryPrefixAsync(ProgressKeys.TreePartition(tree), ProgressKeys.OwnedPrefix, cancellationToken,
                           OwnedAttributes))
            if (item.String(Attributes.Pending) is { } written) pending[RecordKeyValues.FromItem(item)] = written;
        return pending;
    }

    /// <summary>
    /// Claims record sets a change is about to create, as pending: each with the text of what the change writes. They
    /// become owned when confirmed (<see cref="AddOwnedRecordsAsync"/>) once Route 53 accepted the change, and are
    /// dropped if it refused it; after a crash in between, the zone tells which.
    /// </summary>
    public Task AddPendingOwnedRecordsAsync(string tree, IReadOnlyDictionary<RecordKey, string> records,
        CancellationToken cancellationToken = default) => AddPendingOwnedRecordsAsync(tree, null, records, cancellationToken);

    /// <param name="hostedZoneId">The zone the records are written in (a key's own zone when null).</param>
    public Task AddPendingOwnedRecordsAsync(string tree, string? hostedZoneId, IReadOnlyDictionary<RecordKey, string> records,
        CancellationToken cancellationToken = default)
    {
        var partition = ProgressKeys.TreePartition(tree);
        var writes = records.Select(record =>
        {
            var item = OwnedItem(partition, hostedZoneId is null ? record.Key : record.Key with { Zone = hostedZoneId });
            item[Attributes.Pending] = Attributes.S(record.Value);
            return new WriteRequest { PutRequest = new PutRequest { Item = item } };
        }).ToList();
        return _batchWriter.WriteAsync(writes, cancellationToken);
    }

    /// <summary>
    /// Records that the tree owns these record sets (after Route 53 accepted the change that wrote them, or as it
    /// adopts them); a pending claim on one of them is confirmed.
    /// </summary>
    public Task AddOwnedRecordsAsync(string tree, IEnumerable<RecordKey> records, CancellationToken cancellationToken = default) =>
        AddOwnedRecordsAsync(tree, null, records, cancellationToken);

    /// <param name="hostedZoneId">The zone the records are in (a key's own zone when null).</param>
    public Task AddOwnedRecordsAsync(string tree, string? hostedZoneId, IEnumerable<RecordKey> records,
        CancellationToken cancellationToken = default)
    {
        var partition = ProgressKeys.TreePartition(tree);
        var writes = records.Select(key => hostedZoneId is null ? key : key with { Zone = hostedZoneId }).Distinct()
            .Select(key => new WriteRequest { PutRequest = new PutRequest { Item = OwnedItem(partition, key) } })
            .ToList();
        return _batchWriter.WriteAsync(writes, cancellationToken);
    }

    /// <summary>Forgets these record sets (after the run deleted them), or pending claims on them; each key names its zone.</summary>
    public Task RemoveOwnedRecordsAsync(string tree, IEnumerable<RecordKey> records, CancellationToken cancellationToken = default)
    {
        var partition = ProgressKeys.TreePartition(tree);
        // A zoned key also takes its item of the old layout, if a run that started before the migration left one: that
        // layout kept one place per name, type and set identifier, so the item can only be this record's.
        var deletes = records.Distinct()
            .SelectMany(key => key.Zone is null
                ? [ProgressKeys.Owned(key)]
                : new[] { ProgressKeys.Owned(key), ProgressKeys.Owned(key.WithoutZone) })
            .Distinct(StringComparer.Ordinal)
            .Select(sort => new WriteRequest { DeleteRequest = new DeleteRequest { Key = ProgressKeys.Key(partition, sort) } })
            .ToList();
        return _batchWriter.WriteAsync(deletes, cancellationToken);
    }

    /// <summary>Makes the owned set exactly <paramref name="records"/>: adds the missing, removes the rest.</summary>
    public async Task SetOwnedRecordsAsync(string tree, IEnumerable<RecordKey> records, CancellationToken cancellationToken = default)
    {
        var wanted = records.ToHashSet();
        var current = await GetOwnedRecordsAsync(tree, cancellationToken);
        await AddOwnedRecordsAsync(tree, wanted.Except(current), cancellationToken);
        await RemoveOwnedRecordsAsync(tree, current.Except(wanted), cancellationToken);
    }

    /// <summary>
    /// Rewrites the tree's record items of the old layout (no zone in the sort key) in the new one, each with its zone:
    /// the zone it was kept with, or <paramref name="treeZone"/> for an item that had none (it was written in the tree's
    /// zone, and a tree could not change its zone before zones were kept). Owned and pending items alike; a no-op, one
    /// query, once done. Returns how many items were rewritten.
    /// </summary>
    public async Task<int> MigrateOwnedRecordsAsync(string tree, string treeZone, CancellationToken cancellationToken = default)
    {
        var partition = ProgressKeys.TreePartition(tree);
        var puts = new List<WriteRequest>();
        var deletes = new List<WriteRequest>();
        await foreach (var item in QueryPrefixAsync(partition, ProgressKeys.OwnedPrefix, cancellationToken, OwnedAttributes))
        {
            var sortKey = item.RequiredString(ProgressTable.SortKey);
            if (ProgressKeys.IsZoned(sortKey)) continue;
            var moved = OwnedItem(partition, RecordKeyValues.FromItem(item).AbsoluteIn(treeZone));
            if (item.String(Attributes.Pending) is { } pending) moved[Attributes.Pending] = Attributes.S(pending);
            puts.Add(new WriteRequest { PutRequest = new PutRequest { Item = moved } });
            deletes.Add(new WriteRequest { DeleteRequest = new DeleteRequest { Key = ProgressKeys.Key(partition, sortKey) } });
        }
        // Every new item before any old one goes (a batch's writes land in no set order): a failure in between leaves both,
        // which read as one key, never none.
        if (puts.Count == 0) return 0;
        await _batchWriter.WriteAsync(puts, cancellationToken);
        await _batchWriter.WriteAsync(deletes, cancellationToken);
        return puts.Count;
    }

    private static Dictionary<string, AttributeValue> OwnedItem(string partition, RecordKey key)
    {
        var item = ProgressKeys.Key(partition, ProgressKeys.Owned(key));
        foreach (var (name, value) in RecordKeyValues.ToAttributes(key)) item[name] = value;
        return item;
    }
}
