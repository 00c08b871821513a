using Failover.Service.Progress;

namespace Failover.Store;

internal sealed partial class DynamoDbProgress
{
    /// <summary>
    /// One event on the tree's timeline: an item in the tree's partition sorted by time, removed by TTL when runs are
    /// (<see cref="ProgressStoreOptions.RunRetention"/> after the event), so the timeline never outlives the runs it links to.
    /// </summary>
    public async Task PutTreeEventAsync(TreeEventRecord record, CancellationToken cancellationToken = default)
    {
        var item = ProgressKeys.Key(
            ProgressKeys.TreePartition(record.Tree), ProgressKeys.Event(Attributes.Format(record.Time), record.EventId));
        item[Attributes.Tree] = Attributes.S(record.Tree);
        item[Attributes.EventId] = Attributes.S(record.EventId);
        item[Attributes.DetailType] = Attributes.S(record.DetailType);
        item[Attributes.CreatedAt] = Attributes.Time(record.Time);
        item[Attributes.Summary] = Attributes.S(record.Summary);
        if (record.Version is { } version) item[Attributes.Version] = Attributes.N(version);
        if (record.RunId is { Length: > 0 } runId) item[Attributes.RunId] = Attributes.S(runId);
        if (record.Link is { Length: > 0 } link) item[Attributes.Link] = Attributes.S(link);
        item[ProgressTable.ExpiryAttribute] = Attributes.N(RunExpiry(record.Time));
        // A plain put: the same event put again (a retried step) has its own time, hence its own item; readers keep one.
        await _dynamo.PutItemAsync(new Amazon.DynamoDBv2.Model.PutItemRequest { TableName = _table, Item = item }, cancellationToken);
    }

    public async Task<IReadOnlyList<TreeEventRecord>> ListTreeEventsAsync(string tree, int limit,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var events = new List<TreeEventRecord>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var item in QueryPrefixAsync(ProgressKeys.TreePartition(tree), ProgressKeys.EventPrefix, cancellationToken,
                           newestFirst: true, pageSize: limit))
        {
            var record = ReadTreeEvent(item);
            if (seen.Add(record.EventId)) events.Add(record);
            if (events.Count == limit) break;
        }
        return events;
    }

    private static TreeEventRecord ReadTreeEvent(Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue> item) => new(
        item.RequiredString(Attributes.Tree),
        item.RequiredString(Attributes.EventId),
        item.RequiredString(Attributes.DetailType),
        item.RequiredTimestamp(Attributes.CreatedAt),
        item.String(Attributes.Summary) ?? "")
    {
        Version = item.Int(Attributes.Version),
        RunId = item.String(Attributes.RunId),
        Link = item.String(Attributes.Link),
    };
}
