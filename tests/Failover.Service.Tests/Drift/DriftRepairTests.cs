using Failover.Core.Contracts;
using Failover.Core.Drift;
using Failover.Core.Route53;
using Failover.Core.Spec;
using Failover.Service.Apply;
using Failover.Service.Drift;
using Failover.Service.Progress;
using Failover.Service.Tests.Workflow;
using Failover.Service.Workflow;

namespace Failover.Service.Tests.Drift;

/// <summary>
/// The drift check and its repair on the in-memory ports: a tree applied by a run, changed out of band, checked, and
/// repaired by a run of its current version — unless the tree moved on while the check was reading the zone.
/// </summary>
[Trait("Category", "Unit")]
public sealed class DriftRepairTests
{
    private static TreeDriftCheck Check(ServiceHarness h) =>
        new(h.Store, h.Route53, new DriftMetrics(new StringWriter()), h.Time, new RunStarterDriftRepair(h.Starter), DriftPolicy.Repair);

    /// <summary>Someone deletes web2's record from the zone, outside the service.</summary>
    private static Task RemoveWeb2Async(ServiceHarness h) =>
        h.Route53.ChangeResourceRecordSetsAsync(h.Zone.Id,
            new ChangeBatch([new RecordChange(ChangeAction.Delete, h.ZoneRecords().Single(r => r.SetIdentifier == "web2"))]));

    [Fact]
    public async Task A_drifted_tree_is_repaired_by_a_run_of_its_current_version_and_the_next_check_finds_nothing()
    {
        var h = new ServiceHarness();
        await h.AppliedAsync(h.Spec());
        var applied = h.ZoneLines();
        await RemoveWeb2Async(h);

        var result = await Check(h).RunAsync("www");
        var repair = await h.Store.GetRunAsync(result.Report!.Repair!.RunId!);
        var outcome = await h.Driver.DriveAsync(repair!.RunId, force: true);
        var again = await Check(h).RunAsync("www");

        Assert.True(result.Report.HasDrift);
        Assert.Equal(DriftRepairStatus.Started, result.Report.Repair.Status);
        Assert.Equal((RunKind.Repair, 1), (repair.Kind, repair.Version));
        Assert.Equal(repair.RunId, h.Executions.Started[^1].Name);
        Assert.Equal("SUCCEEDED", outcome.Status);
        Assert.Equal(applied, h.ZoneLines());
        Assert.False(again.Report!.HasDrift, string.Join("\n", again.Report.Items));
        var stored = await h.Store.GetDriftReportAsync("www");
        Assert.Equal(0, stored!.DriftedItems);
    }

    /// <summary>The repair, after an apply of version 2 ran to its end once the check had read the zone and the tree again.</summary>
    private sealed class AfterAnApply(ServiceHarness h, IDriftRepair repair) : IDriftRepair
    {
        public StartedRun? Second { get; private set; }

        public async Task<string> StartAsync(TreeSpec spec, int version, string? checkedLastRunId, CancellationToken cancellationToken)
        {
            Second = await h.AppliedAsync(h.Spec(secondary: "192.0.2.98"), force: true);
            return await repair.StartAsync(spec, version, checkedLastRunId, cancellationToken);
        }
    }

    [Fact]
    public async Task A_repair_is_refused_when_an_apply_finished_after_the_check_read_the_zone()
    {
        var h = new ServiceHarness();
        var first = await h.AppliedAsync(h.Spec());
        await RemoveWeb2Async(h);
        var afterAnApply = new AfterAnApply(h, new RunStarterDriftRepair(h.Starter));

        var result = await new TreeDriftCheck(h.Store, h.Route53, new DriftMetrics(new StringWriter()), h.Time, afterAnApply,
            DriftPolicy.Repair).RunAsync("www");
        var second = afterAnApply.Second;

        Assert.NotNull(second);
        Assert.Equal(DriftRepairStatus.Refused, result.Report!.Repair!.Status);
        Assert.Contains("changed since its drift check", result.Report.Repair.Reason);
        var stored = DriftReportJson.Read((await h.Store.GetDriftReportAsync("www"))!.ReportJson);
        Assert.Equal(DriftRepairStatus.Refused, stored.Repair!.Status);
        // No repair run was recorded or started, and version 2 stands.
        Assert.Equal([RunKind.Apply, RunKind.Apply], (await h.Store.ListRunsAsync("www")).Select(r => r.Kind));
        Assert.Equal([second.RunId, first.RunId], h.Executions.Started.Select(e => e.Name).Reverse());
        var tree = await h.Store.GetTreeAsync("www");
        Assert.Equal((2, second.RunId), (tree!.CurrentVersion, tree.LastRunId));
        Assert.Null(await h.Store.GetLockAsync("www"));
        Assert.Contains(h.ZoneRecords(), r => r.Failover == "SECONDARY" && r.ResourceRecords.SequenceEqual(["192.0.2.98"]));
        Assert.Contains(h.ZoneRecords(), r => r.SetIdentifier == "web2");
    }

    [Fact]
    public async Task A_direct_repair_is_refused_when_an_apply_finished_after_the_check_read_the_zone()
    {
        var h = new ServiceHarness();
        await h.AppliedAsync(h.Spec());
        await RemoveWeb2Async(h);
        var direct = new AfterAnApply(h, new DirectDriftRepair(h.Store, options =>
            new DirectApplier(h.Route53, h.Store, h.Time) { SyncPollInterval = TimeSpan.Zero, CompileOptions = options }, h.Time));

        var result = await new TreeDriftCheck(h.Store, h.Route53, new DriftMetrics(new StringWriter()), h.Time, direct,
            DriftPolicy.Repair).RunAsync("www");

        Assert.NotNull(direct.Second);
        Assert.Equal(DriftRepairStatus.Refused, result.Report!.Repair!.Status);
        Assert.Contains("changed since its drift check", result.Report.Repair.Reason);
        // Version 1 was not applied over version 2, and the tree's lock is free again.
        Assert.Contains(h.ZoneRecords(), r => r.Failover == "SECONDARY" && r.ResourceRecords.SequenceEqual(["192.0.2.98"]));
        Assert.Null(await h.Store.GetHeldLockAsync("www"));
    }

    [Fact]
    public async Task A_direct_repair_that_outlives_its_lock_time_renews_the_lock_so_no_run_takes_the_tree_meanwhile()
    {
        var h = new ServiceHarness();
        await h.AppliedAsync(h.Spec());
        var seen = await h.Store.GetTreeAsync("www");
        // Every record of the tree is gone: the repair writes leaf records, then the alias levels above them, in several batches.
        await h.Route53.ChangeResourceRecordSetsAsync(h.Zone.Id,
            new ChangeBatch([.. h.ZoneRecords().Select(r => new RecordChange(ChangeAction.Delete, r))]));
        // Each batch takes longer than the repair's lock time (Route 53 throttling it, say); before each, a run tries to take
        // the tree.
        var taken = new List<bool>();
        h.Route53.BeforeRequest = async operation =>
        {
            if (operation != "ChangeResourceRecordSets") return;
            taken.Add(await h.Store.TryAcquireLockAsync("www", "run-elsewhere", TimeSpan.FromMinutes(30)));
            h.Time.Advance(TimeSpan.FromMinutes(12));
        };
        var direct = new DirectDriftRepair(h.Store, options =>
            new DirectApplier(h.Route53, h.Store, h.Time) { SyncPollInterval = TimeSpan.Zero, CompileOptions = options }, h.Time)
        {
            LockFor = TimeSpan.FromMinutes(10),
        };

        await direct.StartAsync(h.Spec(), 1, seen!.LastRunId, CancellationToken.None);

        Assert.True(taken.Count >= 2, $"{taken.Count} batch(es)");
        Assert.All(taken, Assert.False);
        Assert.Null(await h.Store.GetHeldLockAsync("www"));
    }

    [Fact]
    public async Task A_direct_repair_whose_lock_a_run_took_over_stops_before_writing_more()
    {
        var h = new ServiceHarness();
        await h.AppliedAsync(h.Spec());
        var seen = await h.Store.GetTreeAsync("www");
        await h.Route53.ChangeResourceRecordSetsAsync(h.Zone.Id,
            new ChangeBatch([.. h.ZoneRecords().Select(r => new RecordChange(ChangeAction.Delete, r))]));
        // The first batch takes longer than the lock's time: its lock expires, and a run takes the tree.
        var batches = 0;
        h.Route53.BeforeRequest = async operation =>
        {
            if (operation != "ChangeResourceRecordSets" || ++batches > 1) return;
            h.Time.Advance(TimeSpan.FromMinutes(12));
            Assert.True(await h.Store.TryAcquireLockAsync("www", "run-elsewhere", TimeSpan.FromMinutes(30)));
        };
        var direct = new DirectDriftRepair(h.Store, options =>
            new DirectApplier(h.Route53, h.Store, h.Time) { SyncPollInterval = TimeSpan.Zero, CompileOptions = options }, h.Time)
        {
            LockFor = TimeSpan.FromMinutes(10),
        };

        var stopped = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            direct.StartAsync(h.Spec(), 1, seen!.LastRunId, CancellationToken.None));

        Assert.Contains("no longer holds the lock", stopped.Message);
        Assert.Equal(1, batches);
        Assert.Equal("run-elsewhere", (await h.Store.GetHeldLockAsync("www"))!.Owner);
    }

    [Fact]
    public async Task A_direct_repair_waits_for_a_run_marked_finished_while_it_gives_back_the_lock()
    {
        var h = new ServiceHarness();
        var applied = await h.AppliedAsync(h.Spec());
        await RemoveWeb2Async(h);
        var seen = await h.Store.GetTreeAsync("www");
        // As Finalize leaves it between its status write and its lock release: what the drift check saw as done.
        Assert.True(await h.Store.TryAcquireLockAsync("www", applied.RunId, TimeSpan.FromMinutes(5)));
        var released = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(300));
            Assert.True(await h.Store.ReleaseLockAsync("www", applied.RunId));
        });
        // The repair waits on the real clock; the fakes keep theirs.
        var direct = new DirectDriftRepair(h.Store, options =>
            new DirectApplier(h.Route53, h.Store, h.Time) { SyncPollInterval = TimeSpan.Zero, CompileOptions = options },
            TimeProvider.System);

        await direct.StartAsync(h.Spec(), 1, seen!.LastRunId, CancellationToken.None);
        await released;

        Assert.Contains(h.ZoneRecords(), r => r.SetIdentifier == "web2");
        Assert.Null(await h.Store.GetHeldLockAsync("www"));
    }

    [Fact]
    public async Task A_direct_repair_is_refused_while_a_run_holds_the_tree_and_touches_nothing()
    {
        var h = new ServiceHarness();
        await h.AppliedAsync(h.Spec());
        await RemoveWeb2Async(h);
        var seen = await h.Store.GetTreeAsync("www");
        // A run took the tree after the check read it: its execution is still going.
        Assert.True(await h.Store.TryAcquireLockAsync("www", "run-elsewhere", TimeSpan.FromMinutes(5)));
        var before = h.ZoneLines();
        var direct = new DirectDriftRepair(h.Store, options =>
            new DirectApplier(h.Route53, h.Store, h.Time) { SyncPollInterval = TimeSpan.Zero, CompileOptions = options }, h.Time);

        var refused = await Assert.ThrowsAsync<DriftRepairRefusedException>(() =>
            direct.StartAsync(h.Spec(), 1, seen!.LastRunId, CancellationToken.None));

        Assert.Contains("run-elsewhere", refused.Message);
        Assert.Equal(before, h.ZoneLines());
        Assert.Equal("run-elsewhere", (await h.Store.GetHeldLockAsync("www"))!.Owner);
    }

    [Fact]
    public async Task Someone_elses_record_at_a_reserved_helper_name_alone_starts_no_repair_run_cycle_after_cycle()
    {
        var h = new ServiceHarness();
        await h.AppliedAsync(h.Spec());
        await h.Route53.ChangeResourceRecordSetsAsync(h.Zone.Id, new ChangeBatch([new RecordChange(ChangeAction.Create,
            new ResourceRecordSet { Name = "_old.www.example.com", Type = "A", Ttl = 60, ResourceRecords = ["203.0.113.1"] })]));
        var started = h.Executions.Started.Count;

        var first = await Check(h).RunAsync("www");
        var second = await Check(h).RunAsync("www");

        // A run would delete nothing (the record is not the tree's): it is reported, and left for a person.
        foreach (var report in new[] { first.Report!, second.Report! })
        {
            Assert.Equal(DriftKind.RecordExtra, Assert.Single(report.Items).Kind);
            Assert.Equal(DriftRepairStatus.Blocked, report.Repair!.Status);
        }
        Assert.Equal(started, h.Executions.Started.Count);
        Assert.Equal([RunKind.Apply], (await h.Store.ListRunsAsync("www")).Select(r => r.Kind));
    }

    [Fact]
    public async Task A_deleted_check_the_spec_names_by_id_starts_no_repair_run_cycle_after_cycle()
    {
        var h = new ServiceHarness();
        var byHand = await h.Route53.CreateHealthCheckAsync("hand-made-1",
            new HealthCheckConfig { Type = "HTTP", IpAddress = "192.0.2.11", Port = 80, ResourcePath = "/health" });
        await h.AppliedAsync(h.Spec(pool: $$"""
            [{ "id": "web1", "weight": 10, "endpoint": { "values": ["192.0.2.11"], "healthCheckId": "{{byHand.Id}}" } },
             { "id": "web2", "weight": 10, "endpoint": { "values": ["192.0.2.12"], "healthCheck": {} } }]
            """));
        await h.Route53.DeleteHealthCheckAsync(byHand.Id);
        var started = h.Executions.Started.Count;

        var first = await Check(h).RunAsync("www");
        var second = await Check(h).RunAsync("www");

        // A run names the check the spec names, and cannot make one of that id: it would change nothing.
        foreach (var report in new[] { first.Report!, second.Report! })
        {
            Assert.Equal(DriftKind.RecordHealthCheckDeleted, Assert.Single(report.Items).Kind);
            Assert.Equal(DriftRepairStatus.Blocked, report.Repair!.Status);
        }
        Assert.Equal(started, h.Executions.Started.Count);
    }

    [Theory]
    [InlineData("repointed")]
    [InlineData("missing")]
    [InlineData("beside other drift")]
    public async Task A_deleted_check_the_spec_names_by_id_blocks_the_repair_whatever_else_drifted(string shape)
    {
        var h = new ServiceHarness();
        var byHand = await h.Route53.CreateHealthCheckAsync("hand-made-1",
            new HealthCheckConfig { Type = "HTTP", IpAddress = "192.0.2.11", Port = 80, ResourcePath = "/health" });
        var other = await h.Route53.CreateHealthCheckAsync("hand-made-2",
            new HealthCheckConfig { Type = "HTTP", IpAddress = "192.0.2.11", Port = 81, ResourcePath = "/health" });
        await h.AppliedAsync(h.Spec(pool: $$"""
            [{ "id": "web1", "weight": 10, "endpoint": { "values": ["192.0.2.11"], "healthCheckId": "{{byHand.Id}}" } },
             { "id": "web2", "weight": 10, "endpoint": { "values": ["192.0.2.12"], "healthCheck": {} } }]
            """));
        var web1 = h.ZoneRecords().Single(r => r.SetIdentifier == "web1");
        // Out of band: the check is deleted, and web1's record points at another check, or is gone, or web2's record is gone.
        var change = shape switch
        {
            "repointed" => new RecordChange(ChangeAction.Upsert, web1 with { HealthCheckId = other.Id }),
            "missing" => new RecordChange(ChangeAction.Delete, web1),
            _ => new RecordChange(ChangeAction.Delete, h.ZoneRecords().Single(r => r.SetIdentifier == "web2")),
        };
        await h.Route53.ChangeResourceRecordSetsAsync(h.Zone.Id, new ChangeBatch([change]));
        await h.Route53.DeleteHealthCheckAsync(byHand.Id);
        var started = h.Executions.Started.Count;

        var result = await Check(h).RunAsync("www");

        // Route 53 refuses a record naming a check that does not exist (NoSuchHealthCheck): a run would fail at every cycle.
        Assert.Equal(DriftRepairStatus.Blocked, result.Report!.Repair!.Status);
        Assert.Contains($"health check {byHand.Id} of node web1", result.Report.Repair.Reason);
        Assert.Equal(started, h.Executions.Started.Count);
    }

    [Fact]
    public async Task A_tree_a_run_holds_is_not_checked_until_its_lock_expires()
    {
        var h = new ServiceHarness();
        await h.AppliedAsync(h.Spec());
        await RemoveWeb2Async(h);
        // A second apply was started and its execution stopped: its lock stays until it expires.
        await h.Starter.ApplyAsync(h.Spec(secondary: "192.0.2.98"));

        var whileHeld = await Check(h).RunAsync("www");
        var reportWhileHeld = await h.Store.GetDriftReportAsync("www");
        h.Time.Advance(h.Services.Options.LockTtl);
        var afterExpiry = await Check(h).RunAsync("www");

        Assert.False(whileHeld.Checked);
        Assert.Contains("holds the tree", whileHeld.SkippedBecause);
        Assert.Null(reportWhileHeld);
        Assert.True(afterExpiry.Report!.HasDrift);
        Assert.NotNull(await h.Store.GetDriftReportAsync("www"));
    }
}
