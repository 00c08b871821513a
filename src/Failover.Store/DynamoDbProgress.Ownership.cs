using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using Amazon.DynamoDBv2.Model;
using Failover.Core.Route53;

namespace Failover.Store;

internal sealed partial class DynamoDbProgress
{
    /// <summary>
    /// The record sets the tree owns (the planner's <c>ActualState.OwnedRecords</c>): only these may be changed or
    /// deleted by the tree's runs. One item per record, so a run can add each record as it creates it. Pending
    /// records (<see cref="AddPendingOwnedRecordsAsync"/>) are not owned until confirmed.
    /// </summary>
    public async Task<IReadOnlySet<RecordKey>> GetOwnedRecordsAsync(string tree, CancellationToken cancellationToken = default)
    {
        var owned = new HashSet<RecordKey>();
        await foreach (var item in QueryPrefixAsync(ProgressKeys.TreePartition(tree), ProgressKeys.OwnedPrefix, cancellationToken,
                           [Attributes.Name, Attributes.Type, Attributes.SetIdentifier, Attributes.Pending]))
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
                           [Attributes.Name, Attributes.Type, Attributes.SetIdentifier, Attributes.Pending]))
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

    /// <summary>
    /// The zone each owned or pending record was written in, when it is not the tree's own: kept on the record's item, so
    /// a teardown or an attachment's removal finds the record in its zone after the spec no longer names it.
    /// </summary>
    public async Task<IReadOnlyDictionary<RecordKey, string>> GetOwnedRecordZonesAsync(string tree,
        CancellationToken cancellationToken = default)
    {
        var zones = new Dictionary<RecordKey, string>();
        await foreach (var item in QueryPrefixAsync(ProgressKeys.TreePartition(tree), ProgressKeys.OwnedPrefix, cancellationToken,
                           [Attributes.Name, Attributes.Type, Attributes.SetIdentifier, Attributes.HostedZoneId]))
            if (item.String(Attributes.HostedZoneId) is { } zone) zones[RecordKeyValues.FromItem(item)] = zone;
        return zones;
    }

    public Task AddPendingOwnedRecordsAsync(string tree, string? hostedZoneId, IReadOnlyDictionary<RecordKey, string> records,
        CancellationToken cancellationToken = default)
    {
        var partition = ProgressKeys.TreePartition(tree);
        var writes = records.Select(record =>
        {
            var item = ProgressKeys.Key(partition, ProgressKeys.Owned(record.Key));
            foreach (var (name, value) in RecordKeyValues.ToAttributes(record.Key)) item[name] = value;
            item[Attributes.Pending] = Attributes.S(record.Value);
            if (hostedZoneId is not null) item[Attributes.HostedZoneId] = Attributes.S(hostedZoneId);
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

    public Task AddOwnedRecordsAsync(string tree, string? hostedZoneId, IEnumerable<RecordKey> records,
        CancellationToken cancellationToken = default)
    {
        var partition = ProgressKeys.TreePartition(tree);
        var writes = records.Distinct().Select(key =>
        {
            var item = ProgressKeys.Key(partition, ProgressKeys.Owned(key));
            foreach (var (name, value) in RecordKeyValues.ToAttributes(key)) item[name] = value;
            if (hostedZoneId is not null) item[Attributes.HostedZoneId] = Attributes.S(hostedZoneId);
            return new WriteRequest { PutRequest = new PutRequest { Item = item } };
        }).ToList();
        return _batchWriter.WriteAsync(writes, cancellationToken);
    }

    /// <summary>Forgets these record sets (after the run deleted them), or pending claims on them.</summary>
    public Task RemoveOwnedRecordsAsync(string tree, IEnumerable<RecordKey> records, CancellationToken cancellationToken = default)
    {
        var partition = ProgressKeys.TreePartition(tree);
        var deletes = records.Distinct()
            .Select(key =>
                new WriteRequest { DeleteRequest = new DeleteRequest { Key = ProgressKeys.Key(partition, ProgressKeys.Owned(key)) } })
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
}
