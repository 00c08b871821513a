using Amazon.DynamoDBv2;
using Failover.Store;
using Failover.Service.Progress;

namespace Failover.Local.Resources;

/// <summary>The progress table, created by the progress store's own definition (the one the template declares).</summary>
public static class ProgressTableSetup
{
    public static async Task<string> EnsureAsync(IAmazonDynamoDB dynamo, string tableName, CancellationToken cancellationToken)
    {
        await ProgressTable.CreateAsync(dynamo, tableName, cancellationToken: cancellationToken);
        return tableName;
    }
}
