using Failover.Core.Compilation;
using Failover.Core.Route53;
using Failover.Service.Progress;
using Failover.Service.Workflow;
using Failover.Service.Workflow.Steps;
using Failover.Testing.Route53;

namespace Failover.Service.Tests.Workflow;

/// <summary>
/// Runs that meet trouble on the in-memory ports: a batch Route 53 refuses, a function that dies after its write
/// landed, an answer lost on the way back, an invocation that stalled until another run took the tree over.
/// </summary>
[Trait("Category", "Unit")]
public sealed class RunFailureTests
{
    /// <summary>The function's process died at this point (the invocation ends; Step Functions will retry the step).</summary>
    private sealed class FunctionDiedException() : Exception("the function's process died");

    [Fact]
    public async Task A_batch_Route_53_refuses_rolls_an_update_back_and_the_zone_is_as_it_was_exactly()
    {
        var h = new ServiceHarness();
        await h.AppliedAsync(h.Spec());
        var zoneBefore = h.ZoneLines();
        var checksBefore = (await h.ChecksOfAsync("www")).Select(c => c.Check.Id).Order().ToList();
        var ownedBefore = (await h.Store.GetOwnedRecordsAsync("www")).ToHashSet();
        // Version 2 moves web1's weight and makes the secondary a weighted pool at a name the zone does not use yet.
        var v2 = h.Spec(pool: """
            [{ "id": "web1", "weight": 30, "endpoint": { "values": ["192.0.2.11"], "healthCheck": {} } },
             { "id": "web2", "weight": 10, "endpoint": { "values": ["192.0.2.12"], "healthCheck": {} } }]
            """, secondaryNode: """
            { "id": "backup", "routing": "weighted", "children": [
              { "id": "b1", "weight": 1, "endpoint": { "values": ["192.0.2.51"], "healthCheck": {} } },
              { "id": "b2", "weight": 1, "endpoint": { "values": ["192.0.2.52"] } }] }
            """);
        var backupName = TreeCompiler.Compile(v2).Records.Single(r => r.NodeId == "b1").RecordSet.Name;
        var foreign = new ResourceRecordSet { Name = backupName, Type = "A", Ttl = 300, ResourceRecords = ["203.0.113.9"] };
        var started = await h.Starter.ApplyAsync(v2, force: true);

        // Someone else's tool writes a simple record at that name after the plan was made: the leaf batch would put
        // weighted records beside it, which Route 53 refuses (one routing policy per name and type).
        var outcome = await h.Driver.DriveWithRollbackAsync(started.RunId, force: true, beforeStep: cursor =>
            cursor.Step == LayerSteps.LeafRecords
                ? h.Route53.ChangeResourceRecordSetsAsync(h.Zone.Id, new ChangeBatch([new RecordChange(ChangeAction.Create, foreign)]))
                : Task.CompletedTask);

        Assert.Equal(("ROLLED_BACK", "InvalidChangeBatchException"), (outcome.Status, outcome.Error));
        Assert.Contains("mix routing policies", outcome.Cause);
        Assert.Equal([.. zoneBefore.Append(ServiceHarness.Describe(foreign)).Order()], h.ZoneLines().Order());
        Assert.Equal(checksBefore, (await h.ChecksOfAsync("www")).Select(c => c.Check.Id).Order());
        Assert.Equal(ownedBefore, (await h.Store.GetOwnedRecordsAsync("www")).ToHashSet());
        var tree = await h.Store.GetTreeAsync("www");
        Assert.Equal((TreeStatus.Active, 1, RunStatus.RolledBack), (tree!.Status, tree.CurrentVersion, tree.LastRunStatus));
        Assert.StartsWith("InvalidChangeBatchException: ", (await h.Store.GetRunAsync(started.RunId))!.Error);
        Assert.Null(await h.Store.GetLockAsync("www"));
    }

    [Fact]
    public async Task A_record_layer_whose_function_died_after_its_batch_landed_converges_when_it_runs_again()
    {
        var h = new ServiceHarness();
        var started = await h.Starter.ApplyAsync(h.Spec());
        var acceptedAfterCrash = -1;
        IReadOnlyList<NodeProgress> nodesAfterCrash = [];

        var outcome = await h.Driver.DriveAsync(started.RunId, beforeStep: async cursor =>
        {
            if (cursor.Step != LayerSteps.LeafRecords) return;
            // The batch is applied, then the function dies before it records anything: the driver's run is the retry.
            h.Route53.FailNext("ChangeResourceRecordSets", new FunctionDiedException(), applied: true);
            await Assert.ThrowsAsync<FunctionDiedException>(() =>
                new ApplyRecordLayerStep(h.Services).RunAsync(started.RunId, cursor.Layer));
            acceptedAfterCrash = h.Route53.AcceptedChanges.Count;
            nodesAfterCrash = await h.Store.ListNodesAsync(started.RunId);
        });

        Assert.Equal("SUCCEEDED", outcome.Status);
        Assert.Equal(1, acceptedAfterCrash);
        Assert.Equal(NodeStatus.InProgress, nodesAfterCrash.Single(n => n.NodeId == "web1").Status);
        // The retry sent nothing again: the one batch after the crash is the alias level's.
        Assert.Equal(2, h.Route53.AcceptedChanges.Count);
        Assert.Equal(4, h.ZoneRecords().Count);
        Assert.All(await h.Store.ListNodesAsync(started.RunId), n => Assert.Equal(NodeStatus.Done, n.Status));
    }

    private static string ElevenValueEndpoint(int i) =>
        $$"""{ "id": "web{{i}}", "weight": 1, "endpoint": { "values": [{{string.Join(",",
            Enumerable.Range(1, 11).Select(j => $"\"10.{i}.0.{j}\""))}}] } }""";

    [Fact]
    public async Task A_layer_of_two_batches_whose_function_died_after_the_first_landed_sends_only_the_second_when_run_again()
    {
        var h = new ServiceHarness();
        // 100 endpoints of 11 values: 1,100 ResourceRecord elements, more than one batch may carry (1,000).
        var pool = "[" + string.Join(",", Enumerable.Range(1, 100).Select(ElevenValueEndpoint)) + "]";
        var started = await h.Starter.ApplyAsync(h.Spec(pool: pool));
        var leafBatchesAfterCrash = -1;

        var outcome = await h.Driver.DriveAsync(started.RunId, beforeStep: async cursor =>
        {
            if (cursor.Step != LayerSteps.LeafRecords) return;
            h.Route53.FailNext("ChangeResourceRecordSets", new FunctionDiedException(), applied: true);
            await Assert.ThrowsAsync<FunctionDiedException>(() =>
                new ApplyRecordLayerStep(h.Services).RunAsync(started.RunId, cursor.Layer));
            leafBatchesAfterCrash = h.Route53.AcceptedChanges.Count;
        });

        Assert.Equal("SUCCEEDED", outcome.Status);
        Assert.Equal(1, leafBatchesAfterCrash);
        var leafBatches = h.Route53.AcceptedChanges.Where(c => c.Batch.Changes.Any(change => change.NodeId?.StartsWith("web") == true));
        Assert.Equal(2, leafBatches.Count());
        // Each endpoint's record went out once: the retry re-read the zone and sent only what the first batch lacked.
        Assert.Equal(100, leafBatches.SelectMany(c => c.Batch.Changes).Count(change => change.NodeId?.StartsWith("web") == true));
        Assert.Equal(102, h.ZoneRecords().Count);
        Assert.All(await h.Store.ListNodesAsync(started.RunId), n => Assert.Equal(NodeStatus.Done, n.Status));
    }

    [Fact]
    public async Task A_health_check_layer_whose_function_died_after_creating_a_check_makes_no_second_one()
    {
        var h = new ServiceHarness();
        var started = await h.Starter.ApplyAsync(h.Spec());

        var outcome = await h.Driver.DriveAsync(started.RunId, beforeStep: async cursor =>
        {
            if (cursor.Step != LayerSteps.HealthChecks) return;
            // The check is created; the function dies before tagging it or writing its id on the node.
            h.Route53.FailNext("CreateHealthCheck", new FunctionDiedException(), applied: true);
            await Assert.ThrowsAsync<FunctionDiedException>(() =>
                new ApplyHealthChecksStep(h.Services).RunAsync(started.RunId, cursor.Layer));
        });

        Assert.Equal("SUCCEEDED", outcome.Status);
        var checks = await h.ChecksOfAsync("www");
        Assert.Equal(2, h.Route53.HealthChecks.Count);
        Assert.Equal(h.ZoneRecords().Select(r => r.HealthCheckId).OfType<string>().Order(), checks.Select(c => c.Check.Id).Order());
        Assert.All(checks, c => Assert.Equal("www", c.Tags.Single(t => t.Key == "failover:tree").Value));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_lost_answer_to_a_change_batch_is_settled_by_reading_the_zone_and_the_run_goes_on(bool landed)
    {
        var h = new ServiceHarness();
        var started = await h.Starter.ApplyAsync(h.Spec());

        var outcome = await h.Driver.DriveWithRollbackAsync(started.RunId, beforeStep: cursor =>
        {
            if (cursor.Step == LayerSteps.LeafRecords)
                h.Route53.FailNext("ChangeResourceRecordSets", InMemoryRoute53.LostAnswer("ChangeResourceRecordSets"), applied: landed);
            return Task.CompletedTask;
        });

        Assert.Equal("SUCCEEDED", outcome.Status);
        // The leaf batch was accepted exactly once: not resent after it landed, sent again when it had not.
        Assert.Single(h.Route53.AcceptedChanges, c => c.Batch.Changes.Any(change => change.NodeId == "web1"));
        Assert.Equal(4, h.ZoneRecords().Count);
        var tree = await h.Store.GetTreeAsync("www");
        Assert.Equal((TreeStatus.Active, 1, RunStatus.Succeeded), (tree!.Status, tree.CurrentVersion, tree.LastRunStatus));
        Assert.All(await h.Store.ListNodesAsync(started.RunId), n => Assert.Equal(NodeStatus.Done, n.Status));
    }

    [Fact]
    public async Task An_invocation_that_stalled_until_another_run_took_the_tree_over_writes_nothing()
    {
        var h = new ServiceHarness();
        var ttl = h.Services.Options.LockTtl;
        var started = await h.Starter.ApplyAsync(h.Spec(), force: true);

        var outcome = await h.Driver.DriveWithRollbackAsync(started.RunId, force: true, beforeStep: cursor =>
        {
            if (cursor.Step != LayerSteps.LeafRecords) return Task.CompletedTask;
            // The layer's zone read is its last request before its first batch: there the invocation stalls past its
            // lock's expiry, and another run takes the tree over.
            h.Route53.BeforeRequest = async operation =>
            {
                if (operation != "ListResourceRecordSets") return;
                h.Route53.BeforeRequest = null;
                h.Time.Advance(ttl + TimeSpan.FromSeconds(1));
                Assert.True((await h.Store.AcquireLockAsync("www", "intruder-run", ttl)).Acquired);
            };
            return Task.CompletedTask;
        });

        // Rollback does not undo anything either: the tree is the other run's now.
        Assert.Equal(("FAILED", WorkflowErrors.LockLost), (outcome.Status, outcome.Error));
        Assert.Empty(h.Route53.AcceptedChanges);
        Assert.Empty(h.ZoneRecords());
        Assert.Equal("intruder-run", (await h.Store.GetLockAsync("www"))!.Owner);
        var run = await h.Store.GetRunAsync(started.RunId);
        Assert.Equal(RunStatus.Failed, run!.Status);
        Assert.Contains("another run holds the lock", run.Error);
    }
}
