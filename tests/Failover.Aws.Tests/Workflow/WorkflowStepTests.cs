using Failover.Service.Apply;
using Failover.Store;
using Failover.Service.Progress;
using Failover.Service.Workflow;
using Failover.Service.Workflow.Steps;
using Failover.Core.Route53;
using Failover.Core.Contracts;

namespace Failover.Aws.Tests.Workflow;

[Collection(MotoCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class WorkflowStepTests(MotoFixture moto)
{
    [Fact]
    public async Task A_run_driven_through_its_steps_creates_the_tree_and_ends_succeeded()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var tree = WorkflowHarness.NewTreeName();
        var started = await harness.Starter.ApplyAsync(harness.Spec(tree));

        var outcome = await harness.DriveAsync(started.RunId);

        Assert.Equal("SUCCEEDED", outcome.Status);
        Assert.Equal(["HealthChecks", "LeafRecords", "AliasLevel", "CheckChange", "Finalize"], harness.StatesEntered);
        var zone = (await harness.ZoneRecordsAsync()).Where(r => r.Name.EndsWith(tree + "." + harness.ZoneName)).ToList();
        var root = $"{tree}.{harness.ZoneName}";
        Assert.Equal(["PRIMARY alias", "SECONDARY 192.0.2.99"],
            zone.Where(r => r.Name == root)
                .Select(r => r.Failover + " " + (r.AliasTarget is null ? string.Join(",", r.ResourceRecords) : "alias")).Order());
        var primary = zone.Single(r => r.Name == root && r.Failover == "PRIMARY");
        var pool = zone.Where(r => r.Name == primary.AliasTarget!.DnsName).ToList();
        Assert.Equal(["web1", "web2"], pool.Select(r => r.SetIdentifier).Order());

        // Each endpoint's record carries a check that exists and is tagged as the tree's node.
        var checks = await harness.HealthChecksOfAsync(tree);
        Assert.Equal(2, checks.Count);
        foreach (var record in pool)
        {
            var check = Assert.Single(checks, c => c.Id == record.HealthCheckId);
            var tags = await harness.Route53.ListTagsForResourceAsync(check.Id);
            Assert.Equal(tree, HealthCheckTags.Find(tags, HealthCheckTags.Tree));
            Assert.Equal(record.SetIdentifier, HealthCheckTags.Find(tags, HealthCheckTags.Node));
        }

        var nodes = await harness.Store.ListNodesAsync(started.RunId);
        Assert.Equal(["pool", "sorry", "web1", "web2"], nodes.Select(n => n.NodeId));
        Assert.All(nodes, n => Assert.Equal(NodeStatus.Done, n.Status));
        Assert.All(nodes, n => Assert.NotNull(n.ChangeId));
        var treeRecord = await harness.Store.GetTreeAsync(tree);
        Assert.Equal((TreeStatus.Active, 1), (treeRecord!.Status, treeRecord.CurrentVersion));
        Assert.Null(await harness.Store.GetLockAsync(tree));
        Assert.Equal(zone.Select(r => r.Key with { Zone = harness.Zone.Id }).ToHashSet(),
            (await harness.Store.GetOwnedRecordsAsync(tree)).ToHashSet());
    }

    [Fact]
    public async Task Every_step_run_a_second_time_converges_without_a_second_change_or_check()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var tree = WorkflowHarness.NewTreeName();
        var started = await harness.Starter.ApplyAsync(harness.Spec(tree));
        var repeatedChanges = new List<(string Step, int Requests)>();

        await harness.DriveAsync(started.RunId, beforeStep: async cursor =>
        {
            if (cursor.Step is not (LayerSteps.HealthChecks or LayerSteps.LeafRecords or LayerSteps.AliasLevel)) return;
            // Run the layer once ahead of the driver: the driver's own run of it is then a retry.
            if (cursor.Step == LayerSteps.HealthChecks) await new ApplyHealthChecksStep(harness.Services)
                .RunAsync(started.RunId, cursor.Layer);
            else await new ApplyRecordLayerStep(harness.Services).RunAsync(started.RunId, cursor.Layer);
        });

        var records = (await harness.ZoneRecordsAsync()).Where(r => r.Name.EndsWith(tree + "." + harness.ZoneName)).ToList();
        Assert.Equal(4, records.Count);
        Assert.Equal(2, (await harness.HealthChecksOfAsync(tree)).Count);
        Assert.All(await harness.Store.ListNodesAsync(started.RunId), n => Assert.Equal(NodeStatus.Done, n.Status));
    }

    [Fact]
    public async Task A_layer_retried_after_its_batch_went_through_submits_nothing()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var started = await harness.Starter.ApplyAsync(harness.Spec(WorkflowHarness.NewTreeName()));
        var cursor = await new PlanTreeStep(harness.Services).RunAsync(started.RunId, force: false);
        cursor = await new ApplyHealthChecksStep(harness.Services).RunAsync(started.RunId, cursor.Layer);
        var leaf = await new ApplyRecordLayerStep(harness.Services).RunAsync(started.RunId, cursor.Layer);
        var before = await harness.ZoneRecordsAsync();

        var requests = harness.Route53Requests.Count;
        var again = await new ApplyRecordLayerStep(harness.Services).RunAsync(started.RunId, cursor.Layer);
        var calls = harness.Route53Requests.Count - requests;

        Assert.Equal(leaf, again);
        // Only reads: the zone at the layer's names (one page each stretch), nothing written.
        Assert.InRange(calls, 1, 3);
        Assert.Equal(before.Select(WorkflowHarness.Describe).Order(),
            (await harness.ZoneRecordsAsync()).Select(WorkflowHarness.Describe).Order());
    }

    [Fact]
    public async Task An_update_deletes_top_down_after_creating_and_collects_the_unused_check()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var tree = WorkflowHarness.NewTreeName();
        await harness.DriveAsync((await harness.Starter.ApplyAsync(harness.Spec(tree))).RunId);
        var v2 = harness.Spec(tree, pool: """
            [{ "id": "web1", "weight": 30, "endpoint": { "values": ["192.0.2.11"], "healthCheck": {} } },
             { "id": "web3", "weight": 10, "endpoint": { "values": ["192.0.2.13"], "healthCheck": {} } }]
            """);

        var started = await harness.Starter.ApplyAsync(v2);
        harness.StatesEntered.Clear();
        var outcome = await harness.DriveAsync(started.RunId);

        Assert.Equal(("SUCCEEDED", 2), (outcome.Status, started.Version));
        Assert.Equal(["HealthChecks", "LeafRecords", "DeleteRecords", "HealthCheckCleanup", "CheckChange", "Finalize"],
            harness.StatesEntered);
        var pool = (await harness.ZoneRecordsAsync())
            .Where(r => r.SetIdentifier is "web1" or "web2" or "web3" && r.Name.Contains(tree)).ToList();
        Assert.Equal(["web1 30", "web3 10"], pool.Select(r => $"{r.SetIdentifier} {r.Weight}").Order());
        var checks = await harness.HealthChecksOfAsync(tree);
        Assert.Equal(pool.Select(r => r.HealthCheckId).Order(), checks.Select(c => c.Id).Order());
        var nodes = (await harness.Store.ListNodesAsync(started.RunId)).ToDictionary(n => n.NodeId);
        Assert.Equal(NodeStatus.Deleted, nodes["web2"].Status);
        Assert.Equal((NodeStatus.Done, NodeStatus.Done), (nodes["web1"].Status, nodes["web3"].Status));
        Assert.Equal("delete-leaf-records", nodes["web2"].Layer);
    }

    [Fact]
    public async Task A_record_someone_else_owns_at_the_root_stops_the_run_in_Plan_before_any_change()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var tree = WorkflowHarness.NewTreeName();
        var foreign =
            new ResourceRecordSet { Name = $"{tree}.{harness.ZoneName}", Type = "A", Ttl = 300, ResourceRecords = ["203.0.113.5"] };
        await harness.Route53.ChangeResourceRecordSetsAsync(harness.Zone.Id,
            new ChangeBatch([new RecordChange(ChangeAction.Create, foreign)]));
        var before = (await harness.ZoneRecordsAsync()).Select(WorkflowHarness.Describe).Order().ToList();
        var started = await harness.Starter.ApplyAsync(harness.Spec(tree));

        var error =
            await Assert.ThrowsAsync<WorkflowStepException>(() => new PlanTreeStep(harness.Services).RunAsync(started.RunId, force: false));
        var outcome = await new RollbackStep(harness.Services)
            .RunAsync(started.RunId, new CaughtError { Error = error.ErrorName, Cause = error.Message });

        Assert.Equal(WorkflowErrors.RecordConflict, error.ErrorName);
        Assert.Contains($"{tree}.{harness.ZoneName} A", error.Message);
        Assert.Contains("nothing was changed", error.Message);
        Assert.Equal(before, (await harness.ZoneRecordsAsync()).Select(WorkflowHarness.Describe).Order());
        Assert.Empty(await harness.HealthChecksOfAsync(tree));
        Assert.Equal("ROLLED_BACK", outcome.Status);
        Assert.Null(await harness.Store.GetRecordNameOwnerAsync(harness.Zone.Id, $"{tree}.{harness.ZoneName}", "A"));
    }

    [Fact]
    public async Task The_change_size_guard_refuses_in_Plan_unless_the_run_is_forced()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var tree = WorkflowHarness.NewTreeName();
        await harness.DriveAsync((await harness.Starter.ApplyAsync(harness.Spec(tree))).RunId);
        var rewritten = harness.Spec(tree, pool: """
            [{ "id": "web1", "weight": 1, "endpoint": { "values": ["192.0.2.21"], "healthCheck": {} } },
             { "id": "web2", "weight": 1, "endpoint": { "values": ["192.0.2.22"], "healthCheck": {} } }]
            """, secondary: "192.0.2.98");

        var refused = await harness.Starter.ApplyAsync(rewritten);
        var error =
            await Assert.ThrowsAsync<WorkflowStepException>(() => new PlanTreeStep(harness.Services).RunAsync(refused.RunId, force: false));
        await new RollbackStep(harness.Services)
            .RunAsync(refused.RunId, new CaughtError { Error = error.ErrorName, Cause = error.Message });
        var forced = await harness.Starter.ApplyAsync(rewritten, force: true);
        var outcome = await harness.DriveAsync(forced.RunId, force: true);

        Assert.Equal(WorkflowErrors.ChangeTooLarge, error.ErrorName);
        Assert.Contains("more than half", error.Message);
        Assert.Equal(refused.Version, forced.Version);
        Assert.Equal("SUCCEEDED", outcome.Status);
    }

    [Fact]
    public async Task A_check_an_abandoned_run_created_but_never_tagged_is_the_trees_for_the_next_run_to_clean_up()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var tree = WorkflowHarness.NewTreeName();
        var abandoned = await harness.Starter.ApplyAsync(harness.Spec(tree));
        await new PlanTreeStep(harness.Services).RunAsync(abandoned.RunId, force: false);
        // Its function died between CreateHealthCheck and tagging the check; then its execution was stopped.
        var planned = PlanJson.Read((await harness.Store.GetPlanAsync(abandoned.RunId))!).Layers
            .SelectMany(l => l.HealthChecks).First();
        var untagged = await harness.Route53.CreateHealthCheckAsync(planned.CallerReference, planned.Config);

        harness.Time.Advance(new WorkflowOptions().LockTtl);
        var next = await harness.Starter.ApplyAsync(harness.Spec(tree));
        var outcome = await harness.DriveAsync(next.RunId);

        Assert.Equal("SUCCEEDED", outcome.Status);
        var used = (await harness.ZoneRecordsAsync()).Select(r => r.HealthCheckId).OfType<string>().ToHashSet();
        var checks = await harness.HealthChecksOfAsync(tree);
        Assert.Equal(2, checks.Count);
        Assert.All(checks, check => Assert.Contains(check.Id, used));
        Assert.DoesNotContain(untagged.Id, checks.Select(c => c.Id));
    }

    [Fact]
    public async Task A_failure_in_a_later_layer_rolls_a_new_tree_back_to_nothing_and_leaves_no_check()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var tree = WorkflowHarness.NewTreeName();
        var before = (await harness.ZoneRecordsAsync()).Select(WorkflowHarness.Describe).Order().ToList();
        var started = await harness.Starter.ApplyAsync(harness.Spec(tree));
        var foreign = new ResourceRecordSet
        {
            Name = $"{tree}.{harness.ZoneName}", Type = "A", SetIdentifier = "pool", Failover = "PRIMARY", Ttl = 60,
                ResourceRecords = ["203.0.113.7"],
        };

        // Someone writes the alias level's record between Plan and that layer.
        var outcome = await harness.DriveWithRollbackAsync(started.RunId, beforeStep: async cursor =>
        {
            if (cursor.Step == LayerSteps.AliasLevel)
                await harness.Route53.ChangeResourceRecordSetsAsync(harness.Zone.Id,
                    new ChangeBatch([new RecordChange(ChangeAction.Create, foreign)]));
        });

        Assert.Equal(("ROLLED_BACK", WorkflowErrors.RecordConflict), (outcome.Status, outcome.Error));
        Assert.Contains("does not own", outcome.Cause);
        Assert.Equal(before.Append(WorkflowHarness.Describe(foreign)).Order(),
            (await harness.ZoneRecordsAsync()).Select(WorkflowHarness.Describe).Order());
        Assert.Empty(await harness.HealthChecksOfAsync(tree));
        var run = await harness.Store.GetRunAsync(started.RunId);
        Assert.Equal(RunStatus.RolledBack, run!.Status);
        Assert.StartsWith("RecordConflict: ", run.Error);
        Assert.All(await harness.Store.ListNodesAsync(started.RunId), n => Assert.Equal(NodeStatus.Failed, n.Status));
        Assert.Null(await harness.Store.GetLockAsync(tree));
        Assert.Empty(await harness.Store.GetOwnedRecordsAsync(tree));
        Assert.Equal(TreeStatus.Failed, (await harness.Store.GetTreeAsync(tree))!.Status);
    }

    [Fact]
    public async Task A_failed_update_rolls_back_to_the_applied_version_exactly()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var tree = WorkflowHarness.NewTreeName();
        await harness.DriveAsync((await harness.Starter.ApplyAsync(harness.Spec(tree))).RunId);
        var before = (await harness.ZoneRecordsAsync()).Select(WorkflowHarness.Describe).Order().ToList();
        var checksBefore = (await harness.HealthChecksOfAsync(tree)).Select(c => c.Id).Order().ToList();
        var v2 = harness.Spec(tree, pool: """
            [{ "id": "web1", "weight": 30, "endpoint": { "values": ["192.0.2.11"], "healthCheck": {} } },
             { "id": "web2", "weight": 10, "endpoint": { "values": ["192.0.2.12"], "healthCheck": {} } },
             { "id": "web3", "weight": 10, "endpoint": { "values": ["192.0.2.13"], "healthCheck": { "port": 8080 } } }]
            """);
        var started = await harness.Starter.ApplyAsync(v2);

        // The run fails after its leaf records went in (a step that cannot go on, as a lost lock would).
        var outcome = await harness.DriveWithRollbackAsync(started.RunId, beforeStep: cursor =>
            cursor.Step == LayerSteps.CheckChange
                ? throw new WorkflowStepException(WorkflowErrors.SyncTimeout, "injected: Route 53 never reported INSYNC")
                : Task.CompletedTask);

        Assert.Equal(("ROLLED_BACK", "SyncTimeout"), (outcome.Status, outcome.Error));
        Assert.Equal("injected: Route 53 never reported INSYNC", outcome.Cause);
        Assert.Equal(string.Join("\n", before),
            string.Join("\n", (await harness.ZoneRecordsAsync()).Select(WorkflowHarness.Describe).Order()));
        Assert.Equal(checksBefore, (await harness.HealthChecksOfAsync(tree)).Select(c => c.Id).Order());
        var treeRecord = await harness.Store.GetTreeAsync(tree);
        Assert.Equal((TreeStatus.Active, 1, RunStatus.RolledBack),
            (treeRecord!.Status, treeRecord.CurrentVersion, treeRecord.LastRunStatus));
    }

    [Fact]
    public async Task A_teardown_run_removes_every_record_and_check_and_frees_the_name()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var tree = WorkflowHarness.NewTreeName();
        var before = (await harness.ZoneRecordsAsync()).Select(WorkflowHarness.Describe).Order().ToList();
        await harness.DriveAsync((await harness.Starter.ApplyAsync(harness.Spec(tree))).RunId);

        var started = await harness.Starter.TeardownAsync(tree);
        harness.StatesEntered.Clear();
        var outcome = await harness.DriveAsync(started.RunId);

        Assert.Equal("SUCCEEDED", outcome.Status);
        Assert.Equal(["DeleteRecords", "DeleteRecords", "HealthCheckCleanup", "CheckChange", "Finalize"], harness.StatesEntered);
        Assert.Equal(before, (await harness.ZoneRecordsAsync()).Select(WorkflowHarness.Describe).Order());
        Assert.Empty(await harness.HealthChecksOfAsync(tree));
        Assert.All(await harness.Store.ListNodesAsync(started.RunId), n => Assert.Equal(NodeStatus.Deleted, n.Status));
        Assert.Equal(TreeStatus.Deleted, (await harness.Store.GetTreeAsync(tree))!.Status);
        Assert.Null(await harness.Store.GetRecordNameOwnerAsync(harness.Zone.Id, $"{tree}.{harness.ZoneName}", "A"));
        Assert.Empty(await harness.Store.GetOwnedRecordsAsync(tree));
    }

    [Fact]
    public async Task A_step_of_a_run_that_has_ended_refuses_to_touch_the_zone()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var started = await harness.Starter.ApplyAsync(harness.Spec(WorkflowHarness.NewTreeName()));
        await harness.DriveAsync(started.RunId);

        var error =
            await Assert.ThrowsAsync<WorkflowStepException>(() => new ApplyRecordLayerStep(harness.Services).RunAsync(started.RunId, 1));
        var again = await new FinalizeStep(harness.Services).RunAsync(started.RunId);

        Assert.Equal(WorkflowErrors.RunNotRunning, error.ErrorName);
        Assert.Equal("SUCCEEDED", again.Status);
    }
}
