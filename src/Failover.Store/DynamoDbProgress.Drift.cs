using Failover.Service.Progress;
using Failover.Service.Ports.Store;
namespace Failover.Store;

internal sealed partial class DynamoDbProgress
{
    /// <summary>
    /// Replaces the tree's latest drift report (JSON text from the drift worker) and stamps it with the current time.
    /// A report too long for one item goes to part items; the previous report's parts are deleted after.
    /// </summary>
    public async Task<DriftReportRecord> PutDriftReportAsync(string tree, string reportJson, int driftedItems,
        CancellationToken cancellationToken = default)
    {
        var partition = ProgressKeys.TreePartition(tree);
        var now = Now;
        var item = ProgressKeys.Key(partition, ProgressKeys.Drift);
        item[Attributes.Tree] = Attributes.S(tree);
        item[Attributes.DriftedItems] = Attributes.N(driftedItems);
        item[Attributes.CheckedAt] = Attributes.Time(now);
        foreach (var (name, value) in await _splitText.WriteAsync(partition, ProgressKeys.DriftPartPrefix, Attributes.Report,
            reportJson, null, cancellationToken))
            item[name] = value;

        var previous = await _dynamo.PutItemAsync(new Amazon.DynamoDBv2.Model.PutItemRequest
        {
            TableName = _table,
            Item = item,
            ReturnValues = Amazon.DynamoDBv2.ReturnValue.ALL_OLD,
        }, cancellationToken);
        if (previous.Attributes is { Count: > 0 } old)
            await _splitText.DeletePartsAsync(old, ProgressKeys.DriftPartPrefix, Attributes.Report, cancellationToken);
        return new DriftReportRecord(tree, reportJson, driftedItems, now);
    }

    /// <summary>The tree's latest drift report; null if it was never checked.</summary>
    public async Task<DriftReportRecord?> GetDriftReportAsync(string tree, CancellationToken cancellationToken = default)
    {
        var item = await GetItemAsync(ProgressKeys.TreePartition(tree), ProgressKeys.Drift, cancellationToken);
        if (item is null) return null;
        var report = await _splitText.ReadAsync(item, ProgressKeys.DriftPartPrefix, Attributes.Report, cancellationToken)
            ?? throw new ProgressStoreException($"drift report of tree '{tree}' has no text");
        return new DriftReportRecord(tree, report, item.Int(Attributes.DriftedItems) ?? 0, item.RequiredTimestamp(Attributes.CheckedAt));
    }
}
