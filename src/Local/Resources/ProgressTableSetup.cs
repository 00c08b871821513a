using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Failover.Local.Resources;

/// <summary>The progress table, created as the template creates it unless it already exists.</summary>
public static class ProgressTableSetup
{
    public static async Task<string> EnsureAsync(IAmazonDynamoDB dynamo, string tableName, CancellationToken cancellationToken)
    {
        try
        {
            await dynamo.DescribeTableAsync(tableName, cancellationToken);
            return tableName;
        }
        catch (ResourceNotFoundException) { }

        // TODO(progress store): call ProgressTable.CreateAsync(dynamo, tableName) once it is on main, so the key schema
        // has one owner. Until then: the generic single-table layout (string pk/sk), on-demand.
        await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = tableName,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new("pk", ScalarAttributeType.S), new("sk", ScalarAttributeType.S)],
            KeySchema = [new("pk", KeyType.HASH), new("sk", KeyType.RANGE)],
        }, cancellationToken);
        return tableName;
    }
}
