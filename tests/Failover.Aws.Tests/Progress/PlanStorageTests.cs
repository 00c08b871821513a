using Amazon.DynamoDBv2.Model;
using Failover.Store;
using Failover.Service.Progress;
using static Failover.Aws.Tests.Progress.ProgressTestStores;

namespace Failover.Aws.Tests.Progress;

[Collection(MotoCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class PlanStorageTests(MotoFixture moto)
{
    [Fact]
    public async Task A_small_plan_is_stored_on_the_run()
    {
        var (store, client, _) = await NewAsync(moto);
        using var _c = client;
        await store.PutVersionAsync(Tree("shop"), "{}");
        await store.CreateRunAsync(new NewRun("run-1", "shop", 1, RunKind.Apply) { PlanJson = """{"layers":[]}""" });

        Assert.Equal("""{"layers":[]}""", await store.GetPlanAsync("run-1"));
        Assert.True((await store.GetRunAsync("run-1"))!.HasPlan);
        Assert.Equal(0, await PlanPartCountAsync(store, client, "run-1"));
        Assert.Null(await store.GetPlanAsync("run-unknown"));
    }

    [Fact]
    public async Task A_huge_plan_is_split_into_parts_and_a_replacing_plan_removes_them()
    {
        var (store, client, _) = await NewAsync(moto);
        using var _c = client;
        await store.PutVersionAsync(Tree("huge"), "{}");
        await store.CreateRunAsync(new NewRun("run-1", "huge", 1, RunKind.Apply));
        var hugePlan = "["
            + string.Join(",", Enumerable.Range(0, 40_000).Select(i => $$"""{"node":"n{{i}}","name":"héllo-{{i}}.example.com"}""")) + "]";

        await store.PutPlanAsync("run-1", hugePlan);
        var partsOfHuge = await PlanPartCountAsync(store, client, "run-1");
        var readBack = await store.GetPlanAsync("run-1");
        await store.PutPlanAsync("run-1", """{"small":true}""");

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(hugePlan) > 1_000_000);
        Assert.Equal(hugePlan, readBack);
        Assert.True(partsOfHuge >= 3, $"a plan over 1 MB needs at least 3 parts of 350 KiB, found {partsOfHuge}");
        Assert.Equal("""{"small":true}""", await store.GetPlanAsync("run-1"));
        Assert.Equal(0, await PlanPartCountAsync(store, client, "run-1"));
    }

    [Fact]
    public async Task A_plan_for_an_unknown_run_is_refused()
    {
        var (store, client, _) = await NewAsync(moto);
        using var _c = client;

        await Assert.ThrowsAsync<ProgressConflictException>(() => store.PutPlanAsync("run-x", "{}"));
    }

    /// <summary>Counts part items by reading the table directly, not through the store (every 1 MB page).</summary>
    private static async Task<int> PlanPartCountAsync(ProgressStore store, Amazon.DynamoDBv2.IAmazonDynamoDB client, string runId)
    {
        var request = new QueryRequest
        {
            TableName = store.TableName,
            KeyConditionExpression = "pk = :pk AND begins_with(sk, :prefix)",
            ExpressionAttributeValues = new()
            {
                [":pk"] = new AttributeValue { S = "RUN#" + runId },
                [":prefix"] = new AttributeValue { S = "PLANPART#" },
            },
            Select = Amazon.DynamoDBv2.Select.COUNT,
        };
        var count = 0;
        while (true)
        {
            var response = await client.QueryAsync(request);
            count += response.Count ?? 0;
            if (response.LastEvaluatedKey is not { Count: > 0 } next) return count;
            request.ExclusiveStartKey = next;
        }
    }
}
