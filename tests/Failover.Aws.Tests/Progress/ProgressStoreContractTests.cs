using Failover.Core.Route53;
using Failover.Service.Ports.Route53;
using Failover.Service.Ports.Store;
using Failover.Service.Progress;
using Failover.Testing.Store;
using Microsoft.Extensions.Time.Testing;
using static Failover.Aws.Tests.Progress.ProgressTestStores;

namespace Failover.Aws.Tests.Progress;

/// <summary>
/// The progress store's contract — the conditional writes the workflow's safety rests on — run against the DynamoDB
/// store on moto and against <see cref="InMemoryProgressStore"/>, so the fake the service's unit tests use decides
/// every race as the table does.
/// </summary>
public abstract class ProgressStoreContract
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(15);

    protected abstract Task<(IProgressStore Store, FakeTimeProvider Time)> NewStoreAsync();

    [Fact]
    public async Task A_lock_is_held_renewed_and_once_expired_taken_over_from_an_owner_who_then_cannot_renew_or_release_it()
    {
        var (store, time) = await NewStoreAsync();

        var first = await store.AcquireLockAsync("shop", "run-1", Ttl);
        var refused = await store.AcquireLockAsync("shop", "run-2", Ttl);
        time.Advance(TimeSpan.FromMinutes(5));
        var renewed = await store.RenewLockAsync("shop", "run-1", Ttl);
        time.Advance(Ttl - TimeSpan.FromSeconds(1));
        var beforeExpiry = await store.AcquireLockAsync("shop", "run-2", Ttl);
        var heldBefore = await store.GetHeldLockAsync("shop");
        time.Advance(TimeSpan.FromSeconds(1));
        var heldAtExpiry = await store.GetHeldLockAsync("shop");
        var takenOver = await store.AcquireLockAsync("shop", "run-2", Ttl);
        var oldRenews = await store.RenewLockAsync("shop", "run-1", Ttl);
        var oldReleases = await store.ReleaseLockAsync("shop", "run-1");

        Assert.True(first.Acquired);
        Assert.Null(first.TakenOverFrom);
        Assert.Equal((false, true, false), (refused.Acquired, renewed, beforeExpiry.Acquired));
        Assert.Equal("run-1", heldBefore!.Owner);
        Assert.Null(heldAtExpiry);
        Assert.Equal((true, "run-1"), (takenOver.Acquired, takenOver.TakenOverFrom));
        Assert.Equal((false, false), (oldRenews, oldReleases));
        var now = await store.GetLockAsync("shop");
        Assert.Equal(("run-2", time.GetUtcNow() + Ttl), (now!.Owner, now.ExpiresAt));
        Assert.True(await store.ReleaseLockAsync("shop", "run-2"));
        Assert.Null(await store.GetLockAsync("shop"));
    }

    [Fact]
    public async Task A_run_leaves_RUNNING_once_and_the_tree_follows_its_last_run_through_teardown_and_back()
    {
        var (store, _) = await NewStoreAsync();
        var v1 = await store.PutVersionAsync(Tree("shop"), """{"v":1}""");
        var v2 = await store.PutVersionAsync(Tree("shop"), """{"v":2}""");
        var fresh = await store.GetTreeAsync("shop");
        await Assert.ThrowsAsync<ProgressConflictException>(() => store.CreateRunAsync(new NewRun("run-x", "shop", 3, RunKind.Apply)));

        await store.CreateRunAsync(new NewRun("run-1", "shop", 2, RunKind.Apply));
        var applying = await store.GetTreeAsync("shop");
        await Assert.ThrowsAsync<ProgressConflictException>(() => store.CreateRunAsync(new NewRun("run-1", "shop", 1, RunKind.Apply)));
        var succeeded = await store.SetRunStatusAsync("run-1", RunStatus.Succeeded);
        var repeated = await store.SetRunStatusAsync("run-1", RunStatus.Succeeded);
        var refused = await store.SetRunStatusAsync("run-1", RunStatus.Failed, "late");
        var active = await store.GetTreeAsync("shop");
        await store.CreateRunAsync(new NewRun("run-2", "shop", 2, RunKind.Teardown));
        await store.SetRunStatusAsync("run-2", RunStatus.Succeeded);
        var deleted = await store.GetTreeAsync("shop");
        var listedWhileDeleted = (await store.ListTreesAsync()).Trees.Select(t => t.Name).ToList();
        var v3 = await store.PutVersionAsync(Tree("shop"), """{"v":3}""");
        var back = await store.GetTreeAsync("shop");

        Assert.Equal((1, 2), (v1, v2));
        Assert.Equal((TreeStatus.New, 2), (fresh!.Status, fresh.LatestVersion));
        Assert.Null(fresh.CurrentVersion);
        Assert.Equal((TreeStatus.Applying, "run-1", RunStatus.Running), (applying!.Status, applying.LastRunId, applying.LastRunStatus));
        Assert.Equal((RunStatusOutcome.Changed, RunStatusOutcome.AlreadyInStatus, RunStatusOutcome.Refused),
            (succeeded.Outcome, repeated.Outcome, refused.Outcome));
        Assert.Equal(RunStatus.Succeeded, refused.Run!.Status);
        Assert.Null(refused.Run.Error);
        Assert.Equal((TreeStatus.Active, 2), (active!.Status, active.CurrentVersion));
        Assert.Equal(TreeStatus.Deleted, deleted!.Status);
        Assert.Null(deleted.CurrentVersion);
        Assert.DoesNotContain("shop", listedWhileDeleted);
        Assert.Equal((3, TreeStatus.New), (v3, back!.Status));
        Assert.Null(back.CurrentVersion);
        Assert.Contains("shop", (await store.ListTreesAsync()).Trees.Select(t => t.Name));
        Assert.Equal([3, 2, 1], (await store.ListVersionsAsync("shop")).Select(v => v.Version));
    }

    [Fact]
    public async Task A_run_keeps_the_Route53_rate_its_steps_learned_and_only_an_existing_run_can()
    {
        var (store, _) = await NewStoreAsync();
        await store.PutVersionAsync(Tree("shop"), """{"v":1}""");
        await store.CreateRunAsync(new NewRun("run-1", "shop", 1, RunKind.Apply));
        var fresh = await store.GetRunAsync("run-1");

        await store.SaveRunStepEndAsync("run-1", RunStepEnd.Nothing with { RequestsPerSecond = 7.5 });
        var learned = await store.GetRunAsync("run-1");
        await store.SaveRunStepEndAsync("run-1", RunStepEnd.Nothing with { RequestsPerSecond = 9.12345 });
        var again = await store.GetRunAsync("run-1");

        Assert.Null(fresh!.Route53RequestsPerSecond);
        Assert.Equal(7.5, learned!.Route53RequestsPerSecond);
        Assert.Equal(9.123, again!.Route53RequestsPerSecond);
        await Assert.ThrowsAsync<ProgressConflictException>(
            () => store.SaveRunStepEndAsync("run-none", RunStepEnd.Nothing with { RequestsPerSecond = 5 }));
    }

    [Fact]
    public async Task A_run_is_marked_announced_once_its_end_is_told_and_only_an_existing_run_can_be()
    {
        var (store, _) = await NewStoreAsync();
        await store.PutVersionAsync(Tree("shop"), """{"v":1}""");
        await store.CreateRunAsync(new NewRun("run-1", "shop", 1, RunKind.Apply));
        await store.SetRunStatusAsync("run-1", RunStatus.Succeeded);
        var ended = await store.GetRunAsync("run-1");

        await store.MarkRunAnnouncedAsync("run-1");

        Assert.False(ended!.Announced);
        Assert.True((await store.GetRunAsync("run-1"))!.Announced);
        Assert.True(Assert.Single(await store.ListRunsAsync("shop")).Announced);
        await Assert.ThrowsAsync<ProgressConflictException>(() => store.MarkRunAnnouncedAsync("run-none"));
    }

    [Fact]
    public async Task A_run_keeps_its_steps_Route53_buckets_rounded_towards_fewer_tokens_and_none_clears_them()
    {
        var (store, time) = await NewStoreAsync();
        await store.PutVersionAsync(Tree("shop"), """{"v":1}""");
        await store.CreateRunAsync(new NewRun("run-1", "shop", 1, RunKind.Apply));
        var at = time.GetUtcNow() + TimeSpan.FromTicks(1234);
        var fresh = await store.GetRunAsync("run-1");

        await store.SaveRunStepEndAsync("run-1", RunStepEnd.Nothing with
        {
            Buckets = [new OperationBucket("CreateHealthCheck", 12.3456, 0.4567, at), new OperationBucket("DeleteHealthCheck", 0, 3, at)],
        });
        var kept = await store.GetRunAsync("run-1");
        await store.SaveRunStepEndAsync("run-1", RunStepEnd.Nothing with { Buckets = [] });
        var cleared = await store.GetRunAsync("run-1");

        Assert.Empty(fresh!.Route53OperationBuckets);
        var later = at - TimeSpan.FromTicks(1234) + TimeSpan.FromMilliseconds(1);
        Assert.Equal(
            [new OperationBucket("CreateHealthCheck", 12.345, 0.456, later), new OperationBucket("DeleteHealthCheck", 0, 3, later)],
            kept!.Route53OperationBuckets.OrderBy(b => b.Operation, StringComparer.Ordinal));
        Assert.Empty(cleared!.Route53OperationBuckets);
        await Assert.ThrowsAsync<ProgressConflictException>(
            () => store.SaveRunStepEndAsync("run-none", RunStepEnd.Nothing with { Buckets = [] }));
    }

    [Fact]
    public async Task A_run_adds_up_its_steps_Route53_requests_and_throttles_and_only_an_existing_run_can()
    {
        var (store, _) = await NewStoreAsync();
        await store.PutVersionAsync(Tree("shop"), """{"v":1}""");
        await store.CreateRunAsync(new NewRun("run-1", "shop", 1, RunKind.Apply));
        var fresh = await store.GetRunAsync("run-1");

        await Task.WhenAll(
            store.SaveRunStepEndAsync("run-1", new RunStepEnd(null, null, 12, 2)),
            store.SaveRunStepEndAsync("run-1", new RunStepEnd(null, null, 5, 0)));
        var added = await store.GetRunAsync("run-1");

        Assert.Equal((0L, 0L), (fresh!.Route53Requests, fresh.Route53Throttles));
        Assert.Equal((17L, 2L), (added!.Route53Requests, added.Route53Throttles));
        await Assert.ThrowsAsync<ProgressConflictException>(() => store.SaveRunStepEndAsync("run-none", new RunStepEnd(null, null, 1, 0)));
    }

    [Fact]
    public async Task A_step_end_writes_its_parts_together_and_leaves_the_ones_it_does_not_name()
    {
        var (store, time) = await NewStoreAsync();
        await store.PutVersionAsync(Tree("shop"), """{"v":1}""");
        await store.CreateRunAsync(new NewRun("run-1", "shop", 1, RunKind.Apply));
        var at = time.GetUtcNow();
        var bucket = new OperationBucket("CreateHealthCheck", 3, 0.5, at);

        await store.SaveRunStepEndAsync("run-1", new RunStepEnd(8, [bucket], 40, 3));
        var all = await store.GetRunAsync("run-1");
        await store.SaveRunStepEndAsync("run-1", new RunStepEnd(null, null, 2, 0));
        var usageOnly = await store.GetRunAsync("run-1");
        await store.SaveRunStepEndAsync("run-1", RunStepEnd.Nothing with { RequestsPerSecond = 6 });
        var rateOnly = await store.GetRunAsync("run-1");
        // Nothing to write: not even the run's existence is asked.
        await store.SaveRunStepEndAsync("run-none", RunStepEnd.Nothing);

        Assert.Equal((8.0, 40L, 3L), (all!.Route53RequestsPerSecond, all.Route53Requests, all.Route53Throttles));
        Assert.Equal([bucket], all.Route53OperationBuckets);
        Assert.Equal((8.0, 42L, 3L), (usageOnly!.Route53RequestsPerSecond, usageOnly.Route53Requests, usageOnly.Route53Throttles));
        Assert.Equal([bucket], usageOnly.Route53OperationBuckets);
        Assert.Equal((6.0, 42L), (rateOnly!.Route53RequestsPerSecond, rateOnly.Route53Requests));
        Assert.Equal([bucket], rateOnly.Route53OperationBuckets);
        await Assert.ThrowsAsync<ProgressConflictException>(
            () => store.SaveRunStepEndAsync("run-none", new RunStepEnd(null, null, 1, 0)));
    }

    [Fact]
    public async Task A_record_name_is_claimed_by_one_tree_and_only_its_holder_releases_it()
    {
        var (store, _) = await NewStoreAsync();

        var first = await store.ClaimRecordNameAsync("Z1", "WWW.example.com.", "a", "shop");
        var other = await store.ClaimRecordNameAsync("Z1", "www.example.com", "A", "blog");
        var again = await store.ClaimRecordNameAsync("Z1", "www.example.com", "A", "shop");
        var otherReleases = await store.ReleaseRecordNameAsync("Z1", "www.example.com", "A", "blog");
        var owner = await store.GetRecordNameOwnerAsync("Z1", "www.example.com.", "A");
        var released = await store.ReleaseRecordNameAsync("Z1", "www.example.com", "A", "shop");

        Assert.Equal((true, false, true, false, "shop", true), (first, other, again, otherReleases, owner, released));
        Assert.Null(await store.GetRecordNameOwnerAsync("Z1", "www.example.com", "A"));
    }

    [Fact]
    public async Task Nodes_are_updated_only_where_the_run_has_them_and_are_listed_by_id()
    {
        var (store, time) = await NewStoreAsync();
        var key = new RecordKey("www.example.com", "A", "b");
        await store.PutNodesAsync("run-1", [new PlannedNode("b", "leaf-records", [key]), new PlannedNode("a", "alias-level-1", [])]);

        await store.SetNodeStatusAsync("run-1", ["a"], NodeStatus.InProgress);
        time.Advance(TimeSpan.FromSeconds(5));
        var unknown = await Assert.ThrowsAsync<ProgressConflictException>(() =>
            store.SetNodeStatusAsync("run-1", ["a", "zz"], NodeStatus.Done, changeId: "C1"));
        await Assert.ThrowsAsync<ProgressConflictException>(() => store.UpdateNodeAsync("run-1", "zz", new NodeUpdate { ChangeId = "C2" }));
        await store.UpdateNodeAsync("run-1", "b", new NodeUpdate { HealthCheckId = "hc-1" });
        await store.AddOwnedRecordsAsync("shop", [key, key with { SetIdentifier = "c" }]);
        await store.RemoveOwnedRecordsAsync("shop", [key]);

        var nodes = await store.ListNodesAsync("run-1");
        Assert.Contains("'zz'", unknown.Message);
        Assert.Equal(["a", "b"], nodes.Select(n => n.NodeId));
        Assert.Equal((NodeStatus.Done, "C1"), (nodes[0].Status, nodes[0].ChangeId));
        Assert.Equal(Start, nodes[0].StartedAt);
        Assert.Equal(Start + TimeSpan.FromSeconds(5), nodes[0].FinishedAt);
        Assert.Equal((NodeStatus.Pending, "hc-1"), (nodes[1].Status, nodes[1].HealthCheckId));
        Assert.Equal([key], nodes[1].Records);
        Assert.Equal([key with { SetIdentifier = "c" }], await store.GetOwnedRecordsAsync("shop"));
    }

    [Fact]
    public async Task A_trees_events_are_listed_newest_first_each_once_and_no_other_trees()
    {
        var (store, time) = await NewStoreAsync();
        var start = time.GetUtcNow();
        TreeEventRecord Event(string tree, string id, string type, TimeSpan after) =>
            new(tree, id, type, start + after, $"{type} of {tree}") { Version = 1, RunId = "run-1", Link = "/runs/run-1" };

        await store.PutTreeEventAsync(Event("shop", "run-1/run-started", "Run Started", TimeSpan.Zero));
        await store.PutTreeEventAsync(Event("shop", "run-1/run-succeeded", "Run Succeeded", TimeSpan.FromSeconds(40)));
        // A retried step publishes its event again, later: listed once.
        await store.PutTreeEventAsync(Event("shop", "run-1/run-succeeded", "Run Succeeded", TimeSpan.FromSeconds(41)));
        await store.PutTreeEventAsync(Event("shop-2", "run-9/run-started", "Run Started", TimeSpan.FromSeconds(50)));
        await store.PutTreeEventAsync(Event("shop", "shop/drift/1", "Drift Detected", TimeSpan.FromMinutes(5)) with { RunId = null });

        var all = await store.ListTreeEventsAsync("shop", 10);
        var latest = await store.ListTreeEventsAsync("shop", 2);

        Assert.Equal(["shop/drift/1", "run-1/run-succeeded", "run-1/run-started"], all.Select(e => e.EventId));
        Assert.Equal(["shop/drift/1", "run-1/run-succeeded"], latest.Select(e => e.EventId));
        Assert.Equal(
            new TreeEventRecord("shop", "run-1/run-started", "Run Started", start, "Run Started of shop")
            {
                Version = 1, RunId = "run-1", Link = "/runs/run-1",
            },
            all[^1]);
        Assert.Null(all[0].RunId);
        Assert.Empty(await store.ListTreeEventsAsync("nobody", 10));
    }
}

/// <summary>The contract against the DynamoDB store on moto.</summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class DynamoDbProgressStoreContractTests(MotoFixture moto) : ProgressStoreContract
{
    protected override async Task<(IProgressStore Store, FakeTimeProvider Time)> NewStoreAsync()
    {
        var (store, _, time) = await NewAsync(moto);
        return (store, time);
    }
}

/// <summary>The contract against the in-memory store of the service's unit tests.</summary>
[Trait("Category", "Unit")]
public sealed class InMemoryProgressStoreContractTests : ProgressStoreContract
{
    protected override Task<(IProgressStore Store, FakeTimeProvider Time)> NewStoreAsync()
    {
        var time = new FakeTimeProvider(Start);
        return Task.FromResult<(IProgressStore, FakeTimeProvider)>((new InMemoryProgressStore(time), time));
    }
}
