using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Failover.Store;

/// <summary>Query with every page followed (DynamoDB returns at most 1 MB per call).</summary>
internal static class ItemQueries
{
    public static async IAsyncEnumerable<Dictionary<string, AttributeValue>> QueryAsync(
        IAmazonDynamoDB dynamo, QueryRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            var response = await dynamo.QueryAsync(request, cancellationToken);
            foreach (var item in response.Items ?? []) yield return item;
            if (response.LastEvaluatedKey is not { Count: > 0 } next) yield break;
            request.ExclusiveStartKey = next;
        }
    }
}
