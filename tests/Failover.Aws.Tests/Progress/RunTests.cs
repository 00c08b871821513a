using Amazon.DynamoDBv2.Model;
using Failover.Store;
using Failover.Service.Progress;
using static Failover.Aws.Tests.Progress.ProgressTestStores;

namespace Failover.Aws.Tests.Progress;

[Collection(MotoCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class RunTests(MotoFixture moto)
{
    [Fact]
    public async Task A_created_run_is_running_and_the_tree_points_at_it()
    {
        var (store, client, _) = await NewAsync(moto);
        using var _c = client;
        await store.PutVersionAsync(Tree("shop"), "{}");

        var created = await store.CreateRunAsync(new NewRun("run-1", "shop", 1, RunKind.Apply) { ExecutionArn = "arn:aws:states:x" });

        var run = await store.GetRunAsync("run-1");
        Assert.Equal(created, run);
        Assert.Equal(("shop", 1, RunKind.Apply, RunStatus.Running), (run!.Tree, run.Version, run.Kind, run.Status));
        Assert.Equal("arn:aws:states:x", run.ExecutionArn);
        Assert.False(run.HasPlan);
        var tree = await store.GetTreeAsync("shop");
        Assert.Equal((TreeStatus.Applying, "run-1", RunStatus.Running), (tree!.Status, tree.LastRunId, tree.LastRunStatus));
        Assert.Null(await store.GetRunAsync("run-unknown"));
    }

    [Fact]
    public async Task A_run_needs_a_free_id_a_stored_tree_and_a_stored_version()
    {
        var (store, client, _) = await NewAsync(moto);
        using var _c = client;
        await store.PutVersionAsync(Tree("shop"), "{}");
        await store.CreateRunAsync(new NewRun("run-1", "shop", 1, RunKind.Apply));

        var taken =
            await Assert.ThrowsAsync<ProgressConflictException>(() => store.CreateRunAsync(new NewRun("run-1", "shop", 1, RunKind.Repair)));
        var noTree =
            await Assert.ThrowsAsync<ProgressConflictException>(() => store.CreateRunAsync(new NewRun("run-2", "ghost", 1, RunKind.Apply)));
        var noVersion =
            await Assert.ThrowsAsync<ProgressConflictException>(() =>
            store.CreateRunAsync(new NewRun("run-3", "shop", 2, RunKind.Rollback)));

        Assert.Contains("run-1", taken.Message);
        Assert.Contains("ghost", noTree.Message);
        Assert.Contains("not 2", noVersion.Message);
        Assert.Equal(RunKind.Apply, (await store.GetRunAsync("run-1"))!.Kind);
    }

    [Fact]
    public async Task A_run_leaves_running_once_and_a_retry_with_the_same_status_is_answered_as_such()
    {
        var (store, client, time) = await NewAsync(moto);
        using var _c = client;
        await store.PutVersionAsync(Tree("shop"), "{}");
        await store.CreateRunAsync(new NewRun("run-1", "shop", 1, RunKind.Apply));
        time.Advance(TimeSpan.FromMinutes(3));

        var failed = await store.SetRunStatusAsync("run-1", RunStatus.Failed, "alias target missing");
        var again = await store.SetRunStatusAsync("run-1", RunStatus.Failed, "alias target missing");
        var late = await store.SetRunStatusAsync("run-1", RunStatus.Succeeded);
        var unknown = await store.SetRunStatusAsync("run-x", RunStatus.Succeeded);

        Assert.Equal(RunStatusOutcome.Changed, failed.Outcome);
        Assert.Equal(RunStatusOutcome.AlreadyInStatus, again.Outcome);
        Assert.Equal(RunStatusOutcome.Refused, late.Outcome);
        Assert.Equal(RunStatus.Failed, late.Run!.Status);
        Assert.Equal(RunStatusOutcome.NotFound, unknown.Outcome);
        var run = await store.GetRunAsync("run-1");
        Assert.Equal((RunStatus.Failed, "alias target missing"), (run!.Status, run.Error));
        Assert.Equal(Start + TimeSpan.FromMinutes(3), run.FinishedAt);
        // A tree that never had a version applied is FAILED after its run fails.
        Assert.Equal(TreeStatus.Failed, (await store.GetTreeAsync("shop"))!.Status);
        await Assert.ThrowsAsync<ArgumentException>(() => store.SetRunStatusAsync("run-1", RunStatus.Running));
    }

    [Fact]
    public async Task Of_concurrent_status_changes_exactly_one_lands()
    {
        var (store, client, _) = await NewAsync(moto);
        using var _c = client;
        await store.PutVersionAsync(Tree("shop"), "{}");
        await store.CreateRunAsync(new NewRun("run-1", "shop", 1, RunKind.Apply));
        RunStatus[] statuses =
            [RunStatus.Succeeded, RunStatus.Failed, RunStatus.RolledBack, RunStatus.Succeeded, RunStatus.Failed, RunStatus.RolledBack];

        var results = await Task.WhenAll(statuses.Select(s => Task.Run(() => store.SetRunStatusAsync("run-1", s))));

        var winner = Assert.Single(results, r => r.Outcome == RunStatusOutcome.Changed);
        var final = (await store.GetRunAsync("run-1"))!.Status;
        Assert.Equal(final, winner.Run!.Status);
        // Every other caller learns the run is already finished: with its own status, or refused with another.
        var others = statuses.Zip(results).Where(pair => pair.Second != winner).ToList();
        Assert.All(others, pair => Assert.Equal(
            pair.First == final ? RunStatusOutcome.AlreadyInStatus : RunStatusOutcome.Refused, pair.Second.Outcome));
    }

    [Fact]
    public async Task Success_makes_the_runs_version_current_and_failure_keeps_it()
    {
        var (store, client, _) = await NewAsync(moto);
        using var _c = client;
        await store.PutVersionAsync(Tree("shop", "www.example.com"), "{}");
        await store.PutVersionAsync(Tree("shop", "shop.example.com", Failover.Core.Spec.DriftPolicy.Repair), "{}");
        await store.CreateRunAsync(new NewRun("run-1", "shop", 2, RunKind.Apply));
        await store.SetRunStatusAsync("run-1", RunStatus.Succeeded);
        var applied = await store.GetTreeAsync("shop");

        await store.CreateRunAsync(new NewRun("run-2", "shop", 1, RunKind.Rollback));
        await store.SetRunStatusAsync("run-2", RunStatus.RolledBack, "throttled");
        var afterFailure = await store.GetTreeAsync("shop");

        Assert.Equal((TreeStatus.Active, 2), (applied!.Status, applied.CurrentVersion));
        Assert.Equal(Tree("shop", "shop.example.com", Failover.Core.Spec.DriftPolicy.Repair), applied.Descriptor);
        Assert.Equal((TreeStatus.Active, 2, "run-2", RunStatus.RolledBack),
            (afterFailure!.Status, afterFailure.CurrentVersion, afterFailure.LastRunId, afterFailure.LastRunStatus));
    }

    [Fact]
    public async Task A_finished_older_run_does_not_overwrite_the_tree_of_a_newer_one()
    {
        var (store, client, _) = await NewAsync(moto);
        using var _c = client;
        await store.PutVersionAsync(Tree("shop"), "{}");
        await store.CreateRunAsync(new NewRun("run-old", "shop", 1, RunKind.Apply));
        await store.CreateRunAsync(new NewRun("run-new", "shop", 1, RunKind.Apply));

        await store.SetRunStatusAsync("run-old", RunStatus.Succeeded);

        var tree = await store.GetTreeAsync("shop");
        Assert.Equal((TreeStatus.Applying, "run-new", (int?)null), (tree!.Status, tree.LastRunId, tree.CurrentVersion));
    }

    [Fact]
    public async Task A_successful_teardown_unlists_the_tree_and_a_new_version_lists_it_again()
    {
        var (store, client, _) = await NewAsync(moto);
        using var _c = client;
        await store.PutVersionAsync(Tree("gone"), "{}");
        await store.PutVersionAsync(Tree("kept"), "{}");
        await store.CreateRunAsync(new NewRun("run-1", "gone", 1, RunKind.Apply));
        await store.SetRunStatusAsync("run-1", RunStatus.Succeeded);
        await store.CreateRunAsync(new NewRun("run-2", "gone", 1, RunKind.Teardown));
        Assert.Equal(TreeStatus.Deleting, (await store.GetTreeAsync("gone"))!.Status);

        await store.SetRunStatusAsync("run-2", RunStatus.Succeeded);
        var deleted = await store.GetTreeAsync("gone");
        var listedAfterTeardown = (await store.ListTreesAsync()).Trees.Select(t => t.Name).ToList();
        var version = await store.PutVersionAsync(Tree("gone", "again.example.com"), "{}");
        var recreated = await store.GetTreeAsync("gone");

        Assert.Equal((TreeStatus.Deleted, (int?)null), (deleted!.Status, deleted.CurrentVersion));
        Assert.Equal(["kept"], listedAfterTeardown);
        Assert.Equal(2, version);
        Assert.Equal((TreeStatus.New, "again.example.com"), (recreated!.Status, recreated.Descriptor.RecordName));
        Assert.Equal(["gone", "kept"], (await store.ListTreesAsync()).Trees.Select(t => t.Name));
    }

    [Fact]
    public async Task Runs_of_a_tree_are_listed_newest_first()
    {
        var (store, client, time) = await NewAsync(moto);
        using var _c = client;
        await store.PutVersionAsync(Tree("shop"), "{}");
        await store.PutVersionAsync(Tree("other"), "{}");
        foreach (var id in new[] { "run-a", "run-b", "run-c" })
        {
            await store.CreateRunAsync(new NewRun(id, "shop", 1, RunKind.Apply));
            time.Advance(TimeSpan.FromSeconds(1));
        }
        await store.CreateRunAsync(new NewRun("run-other", "other", 1, RunKind.Apply));

        Assert.Equal(["run-c", "run-b", "run-a"], (await store.ListRunsAsync("shop")).Select(r => r.RunId));
        Assert.Equal(["run-c", "run-b"], (await store.ListRunsAsync("shop", limit: 2)).Select(r => r.RunId));
    }

    [Fact]
    public async Task Runs_of_a_tree_come_in_pages_newest_first_and_a_page_token_not_handed_out_is_refused()
    {
        var (store, client, time) = await NewAsync(moto);
        using var _c = client;
        await store.PutVersionAsync(Tree("shop"), "{}");
        foreach (var id in new[] { "run-a", "run-b", "run-c" })
        {
            await store.CreateRunAsync(new NewRun(id, "shop", 1, RunKind.Apply));
            time.Advance(TimeSpan.FromSeconds(1));
        }

        var first = await store.ListRunsPageAsync("shop", pageSize: 2);
        Assert.Equal(["run-c", "run-b"], first.Runs.Select(r => r.RunId));
        Assert.NotNull(first.NextPageToken);
        // A run started between the pages is newer than the token: the next page goes on from where the first stopped.
        await store.CreateRunAsync(new NewRun("run-d", "shop", 1, RunKind.Apply));
        var second = await store.ListRunsPageAsync("shop", pageSize: 2, pageToken: first.NextPageToken);
        Assert.Equal(["run-a"], second.Runs.Select(r => r.RunId));
        Assert.Null(second.NextPageToken);
        Assert.Null((await store.ListRunsPageAsync("shop", pageSize: 4)).NextPageToken);
        Assert.Empty((await store.ListRunsPageAsync("none")).Runs);
        await Assert.ThrowsAsync<ArgumentException>(() => store.ListRunsPageAsync("shop", pageToken: "not-a-token!"));
    }

    [Fact]
    public async Task The_execution_can_be_recorded_after_the_run_is_created()
    {
        var (store, client, _) = await NewAsync(moto);
        using var _c = client;
        await store.PutVersionAsync(Tree("shop"), "{}");
        await store.CreateRunAsync(new NewRun("run-1", "shop", 1, RunKind.Apply));

        await store.SetRunExecutionAsync("run-1", "arn:aws:states:us-east-1:123456789012:execution:apply:run-1");

        Assert.Equal("arn:aws:states:us-east-1:123456789012:execution:apply:run-1", (await store.GetRunAsync("run-1"))!.ExecutionArn);
        await Assert.ThrowsAsync<ProgressConflictException>(() => store.SetRunExecutionAsync("run-x", "arn"));
    }

    [Fact]
    public async Task Run_items_carry_the_ttl_attribute()
    {
        var (store, client, _) = await NewAsync(moto, new ProgressStoreOptions { RunRetention = TimeSpan.FromDays(30) });
        using var _c = client;
        await store.PutVersionAsync(Tree("shop"), "{}");
        await store.CreateRunAsync(new NewRun("run-1", "shop", 1, RunKind.Apply));

        var raw = await client.GetItemAsync(store.TableName, new Dictionary<string, AttributeValue>
        {
            ["pk"] = new() { S = "RUN#run-1" },
            ["sk"] = new() { S = "RUN" },
        });

        Assert.Equal((Start + TimeSpan.FromDays(30)).ToUnixTimeSeconds().ToString(), raw.Item["expireAt"].N);
    }

    [Fact]
    public async Task An_unreadable_bucket_state_reads_as_none_so_the_next_step_starts_with_full_copies()
    {
        var (store, client, _) = await NewAsync(moto);
        using var _c = client;
        await store.PutVersionAsync(Tree("shop"), "{}");
        await store.CreateRunAsync(new NewRun("run-1", "shop", 1, RunKind.Apply));
        var key = new Dictionary<string, AttributeValue> { ["pk"] = new() { S = "RUN#run-1" }, ["sk"] = new() { S = "RUN" } };
        var readable = new AttributeValue { M = new() { ["balance"] = new() { N = "2" }, ["perSecond"] = new() { N = "0.5" },
            ["atMs"] = new() { N = "1767225600000" } } };
        var noRate = new AttributeValue { M = new() { ["balance"] = new() { N = "2" }, ["atMs"] = new() { N = "1767225600000" } } };
        var zeroRate = new AttributeValue { M = new() { ["balance"] = new() { N = "2" }, ["perSecond"] = new() { N = "0" },
            ["atMs"] = new() { N = "1767225600000" } } };
        var debt = new AttributeValue { M = new() { ["balance"] = new() { N = "-1000" }, ["perSecond"] = new() { N = "0.5" },
            ["atMs"] = new() { N = "1767225600000" } } };
        var states = new[]
        {
            new AttributeValue { S = "CreateHealthCheck=2" },
            new AttributeValue { M = new() { ["CreateHealthCheck"] = debt } },
            new AttributeValue { M = new() { ["CreateHealthCheck"] = readable, ["DeleteHealthCheck"] = noRate } },
            new AttributeValue { M = new() { ["CreateHealthCheck"] = zeroRate } },
            new AttributeValue { M = new() { ["CreateHealthCheck"] = readable } },
        };

        var read = new List<int>();
        foreach (var state in states)
        {
            await client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = store.TableName, Key = key, UpdateExpression = "SET route53Buckets = :b",
                ExpressionAttributeValues = new() { [":b"] = state },
            });
            read.Add((await store.GetRunAsync("run-1"))!.Route53OperationBuckets.Count);
        }

        // A map with one unreadable entry is not half believed: the whole state counts as absent.
        Assert.Equal([0, 0, 0, 0, 1], read);
    }
}
