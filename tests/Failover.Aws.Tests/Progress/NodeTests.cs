using Failover.Store;
using Failover.Service.Progress;
using Failover.Core.Route53;
using static Failover.Aws.Tests.Progress.ProgressTestStores;

namespace Failover.Aws.Tests.Progress;

[Collection(MotoCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class NodeTests(MotoFixture moto)
{
    private static PlannedNode Node(int i) => new(
        $"node-{i:D3}",
        i % 2 == 0 ? "leaf-records" : "alias-level-1",
        // Every other node has a record in another zone (a move's old zone, another attachment's): it must come back so.
        [
            new RecordKey($"n{i}.example.com", "A", null),
            new RecordKey("www.example.com", "A", $"set-{i}") { Zone = i % 2 == 1 ? "Z2OLD" : null },
        ]);

    [Fact]
    public async Task A_hundred_and_thirty_nodes_are_written_in_batches_and_listed_as_pending()
    {
        var (store, client, _) = await NewAsync(moto);
        using var _c = client;
        var nodes = Enumerable.Range(0, 130).Select(Node).ToList();

        await store.PutNodesAsync("run-1", nodes);
        var listed = await store.ListNodesAsync("run-1");

        Assert.Equal(nodes.Select(n => n.NodeId), listed.Select(n => n.NodeId));
        Assert.All(listed, n => Assert.Equal(NodeStatus.Pending, n.Status));
        Assert.Equal(nodes[17].Records, listed[17].Records);
        Assert.Equal("alias-level-1", listed[17].Layer);
        Assert.Equal(Start, listed[17].CreatedAt);
        Assert.Null(listed[17].StartedAt);
        Assert.Empty(await store.ListNodesAsync("run-other"));
    }

    [Fact]
    public async Task Node_statuses_change_with_their_change_id_and_timestamps()
    {
        var (store, client, time) = await NewAsync(moto);
        using var _c = client;
        await store.PutNodesAsync("run-1", Enumerable.Range(0, 40).Select(Node).ToList());
        var layer = Enumerable.Range(0, 30).Select(i => $"node-{i:D3}").ToList();

        time.Advance(TimeSpan.FromSeconds(10));
        await store.SetNodeStatusAsync("run-1", layer, NodeStatus.InProgress, changeId: "C0123");
        time.Advance(TimeSpan.FromSeconds(50));
        await store.SetNodeStatusAsync("run-1", layer[..10], NodeStatus.Done);
        var nodes = (await store.ListNodesAsync("run-1")).ToDictionary(n => n.NodeId);

        var done = nodes["node-003"];
        Assert.Equal((NodeStatus.Done, "C0123"), (done.Status, done.ChangeId));
        Assert.Equal(Start + TimeSpan.FromSeconds(10), done.StartedAt);
        Assert.Equal(Start + TimeSpan.FromSeconds(60), done.FinishedAt);
        Assert.Equal(NodeStatus.InProgress, nodes["node-020"].Status);
        Assert.Null(nodes["node-020"].FinishedAt);
        Assert.Equal(NodeStatus.Pending, nodes["node-035"].Status);
        Assert.Equal(10, nodes.Values.Count(n => n.Status == NodeStatus.Done));
    }

    [Fact]
    public async Task A_node_records_its_health_check_and_last_error()
    {
        var (store, client, _) = await NewAsync(moto);
        using var _c = client;
        await store.PutNodesAsync("run-1", [new PlannedNode("eu", "health-checks", [])]);

        await store.UpdateNodeAsync("run-1", "eu", new NodeUpdate { Status = NodeStatus.InProgress, HealthCheckId = "hc-1" });
        var failed =
            await store.UpdateNodeAsync("run-1", "eu", new NodeUpdate { Status = NodeStatus.Failed, Error = "HealthCheckAlreadyExists" });

        Assert.Equal((NodeStatus.Failed, "hc-1", "HealthCheckAlreadyExists"), (failed.Status, failed.HealthCheckId, failed.Error));
        Assert.Empty(failed.Records);
        Assert.Equivalent(failed, Assert.Single(await store.ListNodesAsync("run-1")), strict: true);
    }

    [Fact]
    public async Task Unknown_nodes_are_named_and_the_known_ones_still_updated()
    {
        var (store, client, _) = await NewAsync(moto);
        using var _c = client;
        await store.PutNodesAsync("run-1", [Node(1), Node(2)]);

        var error = await Assert.ThrowsAsync<ProgressConflictException>(
            () => store.SetNodeStatusAsync("run-1", ["node-001", "ghost-a", "node-002", "ghost-b"], NodeStatus.Deleted));

        Assert.Equal("run 'run-1' has no node 'ghost-a', 'ghost-b'", error.Message);
        Assert.All(await store.ListNodesAsync("run-1"), n => Assert.Equal(NodeStatus.Deleted, n.Status));
        Assert.Equal(["node-001", "node-002"], (await store.ListNodesAsync("run-1")).Select(n => n.NodeId));
    }

    [Fact]
    public async Task Duplicate_node_ids_are_refused_before_anything_is_written()
    {
        var (store, client, _) = await NewAsync(moto);
        using var _c = client;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.PutNodesAsync("run-1", [Node(1), Node(2), Node(1)]));

        Assert.Contains("node-001", error.Message);
        Assert.Empty(await store.ListNodesAsync("run-1"));
    }
}
