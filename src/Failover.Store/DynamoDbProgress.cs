using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace Failover.Store;

/// <summary>
/// The progress table's repository: trees and their versions, runs, node progress, locks, record-name claims,
/// owned records and drift reports (docs/progress-table.md). Every write that two runs could race is conditional;
/// a failed condition comes back as a result (false, an outcome) or a <see cref="ProgressConflictException"/>,
/// never as the SDK's ConditionalCheckFailedException. Transactions are not used: every operation is one
/// conditional single-item write, which is both cheaper and what keeps each race decided by one item.
/// </summary>
internal sealed partial class DynamoDbProgress
{
    private readonly IAmazonDynamoDB _dynamo;
    private readonly string _table;
    private readonly TimeProvider _time;
    private readonly ProgressStoreOptions _options;
    private readonly BatchWriter _batchWriter;
    private readonly SplitText _splitText;

    public DynamoDbProgress(IAmazonDynamoDB dynamo, string tableName, TimeProvider timeProvider, ProgressStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        _dynamo = dynamo;
        _table = tableName;
        _time = timeProvider;
        _options = options ?? new ProgressStoreOptions();
        _options.Validate();
        _batchWriter = new BatchWriter((request, token) => _dynamo.BatchWriteItemAsync(request, token), _table, _time, _options);
        _splitText = new SplitText(_dynamo, _table, _batchWriter);
    }

    public string TableName => _table;

    private DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>When a run item written now should be removed by TTL.</summary>
    private long RunExpiry(DateTimeOffset now) => Attributes.EpochSeconds(now + _options.RunRetention);

    private async Task<Dictionary<string, AttributeValue>?> GetItemAsync(string partition, string sort, CancellationToken cancellationToken)
    {
        var response = await _dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
            Key = ProgressKeys.Key(partition, sort),
            ConsistentRead = true,
        }, cancellationToken);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    /// <summary>Runs a conditional write; false when its condition did not hold.</summary>
    private static async Task<bool> ConditionallyAsync(Func<Task> write)
    {
        try
        {
            await write();
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <summary>
    /// Runs a conditional write whose answer can be lost, and decides by reading the item back when it is: true if the
    /// item holds this write (<paramref name="landed"/>), false if its condition truly failed. DynamoDB may apply a
    /// write and still answer a timeout, a cut connection or a 5xx; the SDK then resends it, and the resent write fails
    /// its condition against the first one (a put-if-absent finds its own item). Read as a refusal, that turns a lock
    /// taken, a run created or a claim released into a failure and a rollback. When the SDK gave up without an answer,
    /// the item decides too: the write is reported only if the item does not hold it. A conditional delete passes
    /// <paramref name="readOnRefusal"/> false: "gone" cannot tell its own landed delete from an item that was never
    /// there, and a release is done either way, so a refused resend answers false as before.
    /// </summary>
    private async Task<bool> DecideAsync(Func<Task> write, Dictionary<string, AttributeValue> key,
        Func<Dictionary<string, AttributeValue>?, bool> landed, CancellationToken cancellationToken, bool readOnRefusal = true)
    {
        try
        {
            await write();
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return readOnRefusal && landed(await GetItemAsync(key, cancellationToken));
        }
        catch (Exception unknown) when (OutcomeUnknown(unknown, cancellationToken))
        {
            bool ours;
            try
            {
                ours = landed(await GetItemAsync(key, cancellationToken));
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // The table cannot be read either: the write's fate stays unknown, and its own error says why.
                ours = false;
            }
            if (ours) return true;
            throw;
        }
    }

    /// <summary>
    /// An error after which a write may or may not have been applied: a server error (5xx), or no answer at all
    /// (timeout, cut connection). A 4xx answer (throttling, validation) means DynamoDB did not apply it.
    /// </summary>
    internal static bool OutcomeUnknown(Exception error, CancellationToken cancellationToken) => error switch
    {
        AmazonServiceException service => (int)service.StatusCode >= 500,
        AmazonClientException or HttpRequestException or IOException => true,
        // HttpClient's own timeout, not the caller giving up.
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    private Task<Dictionary<string, AttributeValue>?> GetItemAsync(Dictionary<string, AttributeValue> key,
        CancellationToken cancellationToken) =>
        GetItemAsync(key[ProgressTable.PartitionKey].S, key[ProgressTable.SortKey].S, cancellationToken);

    /// <summary>
    /// Items of one partition whose sort key starts with <paramref name="sortPrefix"/>, all pages, strongly consistent;
    /// <paramref name="pageSize"/> items per request when given (a caller that stops early reads no more than it needs).
    /// </summary>
    private IAsyncEnumerable<Dictionary<string, AttributeValue>> QueryPrefixAsync(
        string partition, string sortPrefix, CancellationToken cancellationToken, IReadOnlyList<string>? projection = null,
            bool newestFirst = false, int? pageSize = null)
    {
        var expressions = new Expressions();
        var keyCondition = $"{expressions.Name(ProgressTable.PartitionKey)} = {expressions.Value("pk", Attributes.S(partition))} "
            + $"AND begins_with({expressions.Name(ProgressTable.SortKey)}, {expressions.Value("prefix", Attributes.S(sortPrefix))})";
        var projectionExpression = projection is null ? null : string.Join(", ", projection.Select(expressions.Name));
        return ItemQueries.QueryAsync(_dynamo, new QueryRequest
        {
            TableName = _table,
            ConsistentRead = true,
            KeyConditionExpression = keyCondition,
            ExpressionAttributeNames = expressions.Names,
            ExpressionAttributeValues = expressions.Values,
            ProjectionExpression = projectionExpression,
            ScanIndexForward = !newestFirst,
            Limit = pageSize,
        }, cancellationToken);
    }

    /// <summary>
    /// Puts the item unless one with its key exists; false if one does. The item carries a fresh write id, so an item
    /// found afterwards is known to be this put (its answer lost, the SDK's resend refused) or someone else's.
    /// </summary>
    private Task<bool> PutIfAbsentAsync(Dictionary<string, AttributeValue> item, CancellationToken cancellationToken)
    {
        var writeId = Guid.NewGuid().ToString("N");
        item[Attributes.WriteId] = Attributes.S(writeId);
        var expressions = new Expressions();
        var condition = $"attribute_not_exists({expressions.Name(ProgressTable.PartitionKey)})";
        var key = ProgressKeys.Key(item[ProgressTable.PartitionKey].S, item[ProgressTable.SortKey].S);
        return DecideAsync(() => _dynamo.PutItemAsync(new PutItemRequest
        {
            TableName = _table,
            Item = item,
            ConditionExpression = condition,
            ExpressionAttributeNames = expressions.Names,
        }, cancellationToken), key, found => found?.String(Attributes.WriteId) == writeId, cancellationToken);
    }

    /// <summary>Applies the update; false if its condition did not hold.</summary>
    private Task<bool> TryUpdateAsync(ItemUpdate update, Dictionary<string, AttributeValue> key, CancellationToken cancellationToken) =>
        ConditionallyAsync(() => _dynamo.UpdateItemAsync(update.ToRequest(_table, key), cancellationToken));
}
