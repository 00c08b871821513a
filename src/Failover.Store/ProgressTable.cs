using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Failover.Store;

/// <summary>
/// The progress table: one DynamoDB table for trees, versions, runs, node progress, locks, record-name claims,
/// ownership and drift reports (docs/progress-table.md lists the items and access patterns). The SAM template
/// declares the same table; keep its key names equal to these constants.
/// </summary>
public static class ProgressTable
{
    public const string PartitionKey = "pk";
    public const string SortKey = "sk";

    /// <summary>Sparse index: active trees under one partition (for listing and the drift scheduler), runs per tree.</summary>
    public const string ListingIndex = "gsi1";
    public const string ListingPartitionKey = "gsi1pk";
    public const string ListingSortKey = "gsi1sk";

    /// <summary>Epoch seconds; DynamoDB's TTL deletes run, node and plan items some time after it passes.</summary>
    public const string ExpiryAttribute = "expireAt";

    public static CreateTableRequest Definition(string tableName) => new()
    {
        TableName = tableName,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions =
        [
            new AttributeDefinition(PartitionKey, ScalarAttributeType.S),
            new AttributeDefinition(SortKey, ScalarAttributeType.S),
            new AttributeDefinition(ListingPartitionKey, ScalarAttributeType.S),
            new AttributeDefinition(ListingSortKey, ScalarAttributeType.S),
        ],
        KeySchema =
        [
            new KeySchemaElement(PartitionKey, KeyType.HASH),
            new KeySchemaElement(SortKey, KeyType.RANGE),
        ],
        GlobalSecondaryIndexes =
        [
            new GlobalSecondaryIndex
            {
                IndexName = ListingIndex,
                KeySchema =
                [
                    new KeySchemaElement(ListingPartitionKey, KeyType.HASH),
                    new KeySchemaElement(ListingSortKey, KeyType.RANGE),
                ],
                // Tree and run items are small; projecting everything saves a read per listed item.
                Projection = new Projection { ProjectionType = ProjectionType.ALL },
            },
        ],
    };

    /// <summary>TTL is not part of CreateTable: it is switched on by a separate UpdateTimeToLive call.</summary>
    public static UpdateTimeToLiveRequest TimeToLive(string tableName) => new()
    {
        TableName = tableName,
        TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = ExpiryAttribute, Enabled = true },
    };

    /// <summary>
    /// Creates the table and turns TTL on, unless already done: safe to call on every start of the local stack.
    /// Waits for the table to become ACTIVE (polling through <paramref name="timeProvider"/>).
    /// </summary>
    public static async Task CreateAsync(
        IAmazonDynamoDB dynamo, string tableName, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        timeProvider ??= TimeProvider.System;
        try
        {
            await dynamo.CreateTableAsync(Definition(tableName), cancellationToken);
        }
        catch (ResourceInUseException)
        {
            // Already there (created by an earlier start or by a concurrent caller).
        }

        for (var attempt = 0; ; attempt++)
        {
            var table = await dynamo.DescribeTableAsync(tableName, cancellationToken);
            if (table.Table.TableStatus == TableStatus.ACTIVE) break;
            if (attempt >= 120)
                throw new InvalidOperationException($"DynamoDB table '{tableName}' is still {table.Table.TableStatus} after 60 s");
            await Task.Delay(TimeSpan.FromMilliseconds(500), timeProvider, cancellationToken);
        }

        var ttl = await dynamo.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = tableName }, cancellationToken);
        var status = ttl.TimeToLiveDescription?.TimeToLiveStatus;
        if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING) return;
        try
        {
            await dynamo.UpdateTimeToLiveAsync(TimeToLive(tableName), cancellationToken);
        }
        catch (AmazonDynamoDBException e) when (e.Message.Contains("already enabled", StringComparison.OrdinalIgnoreCase))
        {
            // A concurrent caller switched it on between our describe and update.
        }
    }
}
