using Amazon.DynamoDBv2.Model;
using Failover.Store;
using Failover.Service.Progress;
using static Failover.Aws.Tests.Progress.ProgressTestStores;

namespace Failover.Aws.Tests.Progress;

/// <summary>
/// moto processes every batch whole, so these tests stand between the writer and moto and hand some items back as
/// unprocessed, the way DynamoDB does under throttling; moto still stores what was passed on.
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class BatchWriterTests(MotoFixture moto)
{
    private static readonly ProgressStoreOptions NoWaiting = new() { BatchRetryBaseDelay = TimeSpan.Zero, MaxBatchAttempts = 4 };

    [Fact]
    public async Task Items_handed_back_as_unprocessed_are_sent_again_until_all_are_written()
    {
        var (store, client, time) = await NewAsync(moto);
        using var _c = client;
        var calls = 0;
        var writer = new BatchWriter(async (request, token) =>
        {
            Interlocked.Increment(ref calls);
            var items = request.RequestItems[store.TableName];
            // Pass on only the first 10 of each call; return the rest as unprocessed.
            var passed = items.Take(10).ToList();
            await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { [store.TableName] = passed } }, token);
            var left = items.Skip(10).ToList();
            return new BatchWriteItemResponse { UnprocessedItems = left.Count == 0 ? new() : new() { [store.TableName] = left } };
        }, store.TableName, time, NoWaiting);

        await writer.WriteAsync(NodeWrites(110), CancellationToken.None);

        Assert.Equal(110, (await store.ListNodesAsync("run-b")).Count);
        // 110 items = 4 full calls of 25 (3 rounds each) + one of 10.
        Assert.Equal(13, calls);
    }

    [Fact]
    public async Task Writing_gives_up_with_a_clear_error_when_items_stay_unprocessed()
    {
        var (store, client, time) = await NewAsync(moto);
        using var _c = client;
        var writer = new BatchWriter(
            (request, _) => Task.FromResult(new BatchWriteItemResponse { UnprocessedItems = request.RequestItems }),
            store.TableName, time, NoWaiting);

        var error = await Assert.ThrowsAsync<ProgressStoreException>(() => writer.WriteAsync(NodeWrites(5), CancellationToken.None));

        Assert.Contains("5 of 5 items unprocessed", error.Message);
        Assert.Contains("after 4 attempts", error.Message);
    }

    private static List<WriteRequest> NodeWrites(int count) => Enumerable.Range(0, count).Select(i => new WriteRequest
    {
        PutRequest = new PutRequest
        {
            Item = new()
            {
                ["pk"] = new AttributeValue { S = "RUN#run-b" },
                ["sk"] = new AttributeValue { S = $"NODE#n{i:D3}" },
                ["runId"] = new AttributeValue { S = "run-b" },
                ["nodeId"] = new AttributeValue { S = $"n{i:D3}" },
                ["status"] = new AttributeValue { S = "PENDING" },
                ["createdAt"] = new AttributeValue { S = "2026-03-01T12:00:00.000Z" },
                ["updatedAt"] = new AttributeValue { S = "2026-03-01T12:00:00.000Z" },
            },
        },
    }).ToList();
}
