using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using Amazon.DynamoDBv2.Model;
using Failover.Core.Route53;

namespace Failover.Store;

internal sealed partial class DynamoDbProgress
{
    /// <summary>
    /// The record sets the tree owns (the planner's <c>ActualState.OwnedRecords</c>): only these may be changed or
    /// deleted by the tree's runs. One item per record, so a run can add each record as it creates it.
    /// </summary>
    public async Task<IReadOnlySet<RecordKey>> GetOwnedRecordsAsync(string tree, CancellationToken cancellationToken = default)
    {
        var owned = new HashSet<RecordKey>();
        await foreach (var item in QueryPrefixAsync(ProgressKeys.TreePartition(tree), ProgressKeys.OwnedPrefix, cancellationToken,
                           [Attributes.Name, Attributes.Type, Attributes.SetIdentifier]))
            owned.Add(RecordKeyValues.FromItem(item));
        return owned;
    }

    /// <summary>Records that the tree owns these record sets (before or as it creates them, so a crash leaves no orphan).</summary>
    public Task AddOwnedRecordsAsync(string tree, IEnumerable<RecordKey> records, CancellationToken cancellationToken = default)
    {
        var partition = ProgressKeys.TreePartition(tree);
        var writes = records.Distinct().Select(key =>
        {
            var item = ProgressKeys.Key(partition, ProgressKeys.Owned(key));
            foreach (var (name, value) in RecordKeyValues.ToAttributes(key)) item[name] = value;
            return new WriteRequest { PutRequest = new PutRequest { Item = item } };
        }).ToList();
        return _batchWriter.WriteAsync(writes, cancellationToken);
    }

    /// <summary>Forgets these record sets (after the run deleted them).</summary>
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
