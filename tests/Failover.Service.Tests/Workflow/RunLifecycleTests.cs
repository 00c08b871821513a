using Failover.Core.Route53;
using Failover.Service.Apply;
using Failover.Service.Progress;
using Failover.Service.Workflow;

namespace Failover.Service.Tests.Workflow;

/// <summary>
/// Whole runs driven step by step (Plan → health checks → leaf records → alias levels → CheckChange → Finalize) on the
/// in-memory ports: create, update make-before-break, teardown. The zone is looked at before every change batch and
/// between every two steps, not only at the end.
/// </summary>
[Trait("Category", "Unit")]
public sealed class RunLifecycleTests
{
    private const string Root = "www.example.com";

    [Fact]
    public async Task A_new_tree_is_built_bottom_up_and_the_zone_can_answer_after_every_batch()
    {
        var h = new ServiceHarness();
        var zones = ZoneInvariants.RecordBeforeEveryBatch(h);
        var started = await h.Starter.ApplyAsync(h.Spec());

        var outcome = await h.Driver.DriveAsync(started.RunId, beforeStep: _ =>
        {
            zones.Add(h.Snapshot());
            return Task.CompletedTask;
        });
        zones.Add(h.Snapshot());

        Assert.Equal("SUCCEEDED", outcome.Status);
        Assert.Equal(["HealthChecks", "LeafRecords", "AliasLevel", "CheckChange", "Finalize"], h.Driver.StatesEntered);
        Assert.All(zones, zone => ZoneInvariants.AssertServable(zone, h.Zone.Id));
        var zoneNow = h.ZoneRecords();
        Assert.Equal(["PRIMARY alias", "SECONDARY 192.0.2.99"], zoneNow.Where(r => r.Name == Root)
            .Select(r => r.Failover + " " + (r.AliasTarget is null ? string.Join(",", r.ResourceRecords) : "alias")).Order());
        var pool = zoneNow.Where(r => r.Name == zoneNow.Single(p => p.Failover == "PRIMARY").AliasTarget!.DnsName).ToList();
        Assert.Equal(["web1 192.0.2.11", "web2 192.0.2.12"], pool.Select(r => $"{r.SetIdentifier} {r.ResourceRecords[0]}").Order());
        var checks = await h.ChecksOfAsync("www");
        Assert.Equal(pool.Select(r => r.HealthCheckId).Order(), checks.Select(c => c.Check.Id).Order());
        Assert.All(pool, r => Assert.Equal(r.SetIdentifier,
            HealthCheckTags.Find(checks.Single(c => c.Check.Id == r.HealthCheckId).Tags, HealthCheckTags.Node)));

        var nodes = await h.Store.ListNodesAsync(started.RunId);
        Assert.Equal(["pool", "sorry", "web1", "web2"], nodes.Select(n => n.NodeId));
        Assert.All(nodes, n => Assert.Equal(NodeStatus.Done, n.Status));
        var tree = await h.Store.GetTreeAsync("www");
        Assert.Equal((TreeStatus.Active, 1, RunStatus.Succeeded), (tree!.Status, tree.CurrentVersion, tree.LastRunStatus));
        Assert.Null(await h.Store.GetLockAsync("www"));
        // Owned as the store keeps them: each with its zone spelled out.
        Assert.Equal(zoneNow.Select(r => r.Key with { Zone = h.Zone.Id }).ToHashSet(),
            (await h.Store.GetOwnedRecordsAsync("www")).ToHashSet());
        Assert.Equal("www", await h.Store.GetRecordNameOwnerAsync(h.Zone.Id, Root, "A"));
        Assert.Equal(started.RunId, Assert.Single(h.Executions.Started).Name);
    }

    [Fact]
    public async Task An_update_makes_before_it_breaks_and_the_changed_leaf_never_leaves_the_zone()
    {
        var h = new ServiceHarness();
        await h.AppliedAsync(h.Spec());
        var zones = ZoneInvariants.RecordBeforeEveryBatch(h);
        h.Driver.StatesEntered.Clear();
        var v2 = h.Spec(pool: """
            [{ "id": "web1", "weight": 30, "endpoint": { "values": ["192.0.2.11"], "healthCheck": {} } },
             { "id": "web3", "weight": 10, "endpoint": { "values": ["192.0.2.13"], "healthCheck": {} } }]
            """);

        var started = await h.Starter.ApplyAsync(v2);
        var outcome = await h.Driver.DriveAsync(started.RunId, beforeStep: _ =>
        {
            zones.Add(h.Snapshot());
            return Task.CompletedTask;
        });
        zones.Add(h.Snapshot());

        Assert.Equal(("SUCCEEDED", 2), (outcome.Status, started.Version));
        Assert.Equal(["HealthChecks", "LeafRecords", "DeleteRecords", "HealthCheckCleanup", "CheckChange", "Finalize"],
            h.Driver.StatesEntered);
        Assert.All(zones, zone =>
        {
            ZoneInvariants.AssertServable(zone, h.Zone.Id);
            Assert.Equal(2, zone.Records.Count(r => r.Name == Root));
            Assert.Contains(zone.Records, r => r.SetIdentifier == "web1");
            // Make-before-break: web2 goes only once web3 is there to take its traffic.
            if (zone.Records.All(r => r.SetIdentifier != "web2")) Assert.Contains(zone.Records, r => r.SetIdentifier == "web3");
        });
        var pool = h.ZoneRecords().Where(r => r.SetIdentifier is not null && r.Name != Root).ToList();
        Assert.Equal(["web1 30", "web3 10"], pool.Select(r => $"{r.SetIdentifier} {r.Weight}").Order());
        Assert.Equal(pool.Select(r => r.HealthCheckId).Order(), (await h.ChecksOfAsync("www")).Select(c => c.Check.Id).Order());
        var nodes = (await h.Store.ListNodesAsync(started.RunId)).ToDictionary(n => n.NodeId);
        Assert.Equal((NodeStatus.Deleted, "delete-leaf-records"), (nodes["web2"].Status, nodes["web2"].Layer));
        Assert.Equal((NodeStatus.Done, NodeStatus.Done), (nodes["web1"].Status, nodes["web3"].Status));
        Assert.Equal(2, (await h.Store.GetTreeAsync("www"))!.CurrentVersion);
    }

    [Fact]
    public async Task A_teardown_deletes_top_down_then_the_checks_and_frees_the_name()
    {
        var h = new ServiceHarness();
        await h.AppliedAsync(h.Spec());
        var zones = ZoneInvariants.RecordBeforeEveryBatch(h);
        h.Driver.StatesEntered.Clear();

        var started = await h.Starter.TeardownAsync("www");
        var outcome = await h.Driver.DriveAsync(started.RunId);
        zones.Add(h.Snapshot());

        Assert.Equal("SUCCEEDED", outcome.Status);
        Assert.Equal(["DeleteRecords", "DeleteRecords", "HealthCheckCleanup", "CheckChange", "Finalize"], h.Driver.StatesEntered);
        // Top-down: no alias is left pointing at a name whose records are gone.
        Assert.All(zones, zone => ZoneInvariants.AssertServable(zone, h.Zone.Id));
        Assert.Empty(h.ZoneRecords());
        Assert.Empty(await h.ChecksOfAsync("www"));
        Assert.All(await h.Store.ListNodesAsync(started.RunId), n => Assert.Equal(NodeStatus.Deleted, n.Status));
        Assert.Equal(TreeStatus.Deleted, (await h.Store.GetTreeAsync("www"))!.Status);
        Assert.Null(await h.Store.GetRecordNameOwnerAsync(h.Zone.Id, Root, "A"));
        Assert.Empty(await h.Store.GetOwnedRecordsAsync("www"));
        Assert.Null(await h.Store.GetLockAsync("www"));
    }

    [Fact]
    public async Task A_change_still_pending_makes_the_run_wait_and_it_finishes_once_Route_53_reports_it_in_sync()
    {
        var h = new ServiceHarness();
        h.Route53.Propagation = TimeSpan.FromSeconds(30);
        var started = await h.Starter.ApplyAsync(h.Spec());

        var outcome = await h.Driver.DriveAsync(started.RunId, beforeStep: cursor =>
        {
            if (cursor.Step == LayerSteps.WaitForSync) h.Time.Advance(TimeSpan.FromSeconds(cursor.WaitSeconds!.Value));
            return Task.CompletedTask;
        });

        Assert.Equal("SUCCEEDED", outcome.Status);
        Assert.Contains(LayerSteps.WaitForSync, h.Driver.StatesEntered);
        var last = await h.Route53.GetChangeAsync(h.Route53.AcceptedChanges[^1].ChangeId);
        var run = await h.Store.GetRunAsync(started.RunId);
        Assert.True(run!.FinishedAt >= last.SubmittedAt + h.Route53.Propagation,
            $"finished at {run.FinishedAt:O}, before the last change ({last.SubmittedAt:O}) was in sync");
    }
}
