using Failover.Core.Adoption;
using Failover.Core.Drift;
using Failover.Core.Route53;
using Failover.Core.Spec;
using Failover.Service.Drift;
using Failover.Service.Ports;
using Failover.Service.Progress;
using Failover.Service.Tests.Workflow;
using Failover.Service.Workflow;
using Failover.Testing.Route53;

namespace Failover.Service.Tests.Drift;

/// <summary>
/// The drift check of a zone's trees from one shared read (in-memory Route 53, counting requests): the requests do not
/// grow with the trees, drift is found and repaired per tree, a tree in another zone is not touched, and the per-tree
/// check's safety rules hold (a run holding a tree, a tree that changed while the zone was read).
/// </summary>
[Trait("Category", "Unit")]
public sealed class ZoneDriftCheckTests
{
    private static readonly string[] ReadOperations =
        ["GetHostedZone", "ListResourceRecordSets", "ListHealthChecks", "ListTagsForResources", "GetHealthCheck"];

    private static (ZoneDriftCheck Zone, StringWriter Metrics) Check(ServiceHarness h, DriftPolicy policy = DriftPolicy.Report)
    {
        var metrics = new StringWriter();
        var tree = new TreeDriftCheck(h.Store, h.Route53, new DriftMetrics(metrics), h.Time, new RunStarterDriftRepair(h.Starter), policy);
        return (new ZoneDriftCheck(tree, h.Route53, new DriftMetrics(metrics), h.Time), metrics);
    }

    private static async Task<List<string>> AppliedAsync(ServiceHarness h, int trees)
    {
        var names = Enumerable.Range(0, trees).Select(i => $"t{i:D2}").ToList();
        foreach (var name in names) await h.AppliedAsync(h.Spec(name));
        return names;
    }

    private static Dictionary<string, int> Reads(InMemoryRoute53 route53) =>
        route53.Requests.Where(r => ReadOperations.Contains(r.Key)).ToDictionary(r => r.Key, r => r.Value);

    [Fact]
    public async Task One_tree_and_fifty_trees_of_a_zone_cost_the_same_reads_apart_from_pages_and_tag_batches()
    {
        var one = new ServiceHarness();
        await AppliedAsync(one, 1);
        var fifty = new ServiceHarness();
        var names = await AppliedAsync(fifty, 50);
        one.Route53.ResetRequests();
        fifty.Route53.ResetRequests();

        var single = await Check(one).Zone.RunAsync(new DriftWorkOrder(one.Zone.Id, ["t00"]));
        var shared = await Check(fifty).Zone.RunAsync(new DriftWorkOrder(fifty.Zone.Id, names));

        Assert.All(single.Results.Concat(shared.Results), r => Assert.False(r.Report!.HasDrift, string.Join("\n", r.Report.Items)));
        Assert.Equal(50, shared.Results.Count);
        // One small tree: its stretch of the zone (one page), the account's checks (one page), its two checks' tags.
        Assert.Equal(new Dictionary<string, int> { ["ListResourceRecordSets"] = 1, ["ListHealthChecks"] = 1, ["ListTagsForResources"] = 1 },
            Reads(one.Route53));
        // Fifty trees: one pass through their stretches of the zone (no more pages than the zone has, no GetHostedZone);
        // the checks listed once; the 100 checks' tags ten at a time. Nothing is read once per tree.
        var zonePages = (fifty.Route53.RecordsOf(fifty.Zone.Id).Count + 299) / 300;
        var checks = fifty.Route53.HealthChecks.Count;
        Assert.Equal(100, checks);
        var reads = Reads(fifty.Route53);
        Assert.InRange(reads["ListResourceRecordSets"], 1, zonePages);
        Assert.Equal(new Dictionary<string, int>
        {
            ["ListResourceRecordSets"] = reads["ListResourceRecordSets"], ["ListHealthChecks"] = 1, ["ListTagsForResources"] = checks / 10,
        }, reads);
        Assert.Equal(ZoneRecordsRead.OnePass, shared.RecordsRead);
        Assert.Equal(Reads(fifty.Route53).Values.Sum(), shared.Requests.Total);
        Assert.Equal(3, single.Requests.Total);
    }

    [Fact]
    public async Task Drift_in_one_tree_of_a_shared_zone_is_reported_and_repaired_for_that_tree_only_and_another_zone_is_untouched()
    {
        var h = new ServiceHarness();
        var names = await AppliedAsync(h, 5);
        var otherZone = h.Route53.AddZone("example.org");
        var elsewhere = Failover.Testing.Workflow.WorkflowTrees.FailoverPool("away", otherZone.Id, otherZone.Name);
        await h.AppliedAsync(elsewhere);
        var otherZoneBefore = h.Route53.RecordsOf(otherZone.Id);
        var web2 = h.ZoneRecords().Single(r => r.SetIdentifier == "web2" && r.Name.EndsWith(".t03.example.com", StringComparison.Ordinal));
        await h.Route53.ChangeResourceRecordSetsAsync(h.Zone.Id, new ChangeBatch([new RecordChange(ChangeAction.Delete, web2)]));
        var applied = h.ZoneLines().Count;

        var (check, metrics) = Check(h, DriftPolicy.Repair);
        var result = await check.RunAsync(new DriftWorkOrder(h.Zone.Id, names));

        Assert.Empty(result.Failures);
        var drifted = Assert.Single(result.Results, r => r.Report!.HasDrift);
        Assert.Equal("t03", drifted.Tree);
        Assert.Equal(DriftKind.RecordMissing, Assert.Single(drifted.Report!.Items).Kind);
        Assert.Equal(DriftRepairStatus.Started, drifted.Report.Repair!.Status);
        Assert.All(result.Results.Where(r => r.Tree != "t03"), r => Assert.Null(r.Report!.Repair?.RunId));
        Assert.Null(await h.Store.GetDriftReportAsync("away"));
        Assert.Equal(otherZoneBefore, h.Route53.RecordsOf(otherZone.Id));
        // The message's requests are a metric line of their own, beside one DriftedItems line per tree.
        var lines = metrics.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Count(l => l.Contains("\"DriftedItems\"", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.Contains($"\"{DriftMetrics.RequestsMetricName}\":{result.Requests.Total}", StringComparison.Ordinal)
            && l.Contains(h.Zone.Id, StringComparison.Ordinal));

        var repair = drifted.Report.Repair.RunId!;
        Assert.Equal("SUCCEEDED", (await h.Driver.DriveAsync(repair, force: true)).Status);
        Assert.Equal(applied + 1, h.ZoneLines().Count);
        var again = await Check(h).Zone.RunAsync(new DriftWorkOrder(h.Zone.Id, names));
        Assert.All(again.Results, r => Assert.False(r.Report!.HasDrift, $"{r.Tree}: " + string.Join("\n", r.Report.Items)));
    }

    [Fact]
    public async Task A_tree_held_by_a_run_is_skipped_and_one_that_changed_while_the_zone_was_read_is_not_reported_or_repaired()
    {
        var h = new ServiceHarness();
        var names = await AppliedAsync(h, 4);
        foreach (var name in names)
        {
            var sorry = h.ZoneRecords().Single(r => r.Failover == "SECONDARY" && r.Name.StartsWith(name + ".", StringComparison.Ordinal));
            await h.Route53.ChangeResourceRecordSetsAsync(h.Zone.Id, new ChangeBatch([new RecordChange(ChangeAction.Upsert,
                sorry with { Ttl = 7 })]));
        }
        Assert.True(await h.Store.TryAcquireLockAsync("t01", "run-elsewhere", TimeSpan.FromMinutes(5)));
        // While the snapshot is read (its last read is the health check listing), version 2 of t02 is applied to its end.
        StartedRun? second = null;
        h.Route53.BeforeRequest = async operation =>
        {
            if (operation != "ListHealthChecks") return;
            h.Route53.BeforeRequest = null;
            second = await h.AppliedAsync(h.Spec("t02", secondary: "192.0.2.98"), force: true);
        };

        var result = await Check(h, DriftPolicy.Repair).Zone.RunAsync(new DriftWorkOrder(h.Zone.Id, names));

        Assert.NotNull(second);
        var byTree = result.Results.ToDictionary(r => r.Tree);
        Assert.Contains("run-elsewhere", byTree["t01"].SkippedBecause);
        Assert.Contains("changed while its zone was read", byTree["t02"].SkippedBecause);
        Assert.Null(await h.Store.GetDriftReportAsync("t02"));
        Assert.Null(await h.Store.GetDriftReportAsync("t01"));
        foreach (var tree in new[] { "t00", "t03" })
            Assert.Equal(DriftRepairStatus.Started, byTree[tree].Report!.Repair!.Status);
        // Version 2 of t02 stands: no repair run of it was started.
        Assert.Equal([RunKind.Apply, RunKind.Apply], (await h.Store.ListRunsAsync("t02")).Select(r => r.Kind));
        Assert.Contains(h.ZoneRecords(), r => r.Failover == "SECONDARY" && r.ResourceRecords.SequenceEqual(["192.0.2.98"]));
    }

    [Fact]
    public async Task Trees_without_health_checks_read_no_health_check_at_all()
    {
        var h = new ServiceHarness();
        const string noChecks = """[{ "id": "web1", "weight": 10, "endpoint": { "values": ["192.0.2.11"] } }]""";
        // A failover primary that is an alias to a weighted group needs no check of its own (it evaluates target health).
        foreach (var name in new[] { "u0", "u1" }) await h.AppliedAsync(h.Spec(name, pool: noChecks));
        h.Route53.ResetRequests();

        var result = await Check(h).Zone.RunAsync(new DriftWorkOrder(h.Zone.Id, ["u0", "u1"]));

        Assert.All(result.Results, r => Assert.False(r.Report!.HasDrift, string.Join("\n", r.Report.Items)));
        Assert.Equal(ZoneChecksRead.None, result.ChecksRead);
        Assert.False(h.Route53.Requests.ContainsKey("ListHealthChecks"));
        Assert.False(h.Route53.Requests.ContainsKey("ListTagsForResources"));
    }

    [Fact]
    public async Task A_tree_whose_current_version_is_in_another_zone_than_the_message_is_checked_alone()
    {
        var h = new ServiceHarness();
        await AppliedAsync(h, 1);
        var result = await Check(h).Zone.RunAsync(new DriftWorkOrder("ZSOMEOTHERZONE", ["t00"]));
        Assert.False(Assert.Single(result.Results).Report!.HasDrift);
    }

    [Fact]
    public async Task The_messages_of_a_big_zone_read_it_about_once_between_them_not_once_each()
    {
        var h = new ServiceHarness();
        var names = await AppliedAsync(h, 40);
        // Someone else's records fill the zone after the trees' names (and one batch among them): 3,000 record sets.
        for (var batch = 0; batch < 3; batch++)
            await h.Route53.ChangeResourceRecordSetsAsync(h.Zone.Id, new ChangeBatch([.. Enumerable.Range(0, 1_000).Select(i =>
                new RecordChange(ChangeAction.Create, new ResourceRecordSet
                {
                    Name = batch == 1 ? $"x{i:D4}.t19.other.example.com" : $"z{batch}-{i:D4}.example.com", Type = "A", Ttl = 60,
                    ResourceRecords = ["192.0.2.1"],
                }))]));
        var zonePages = (h.Route53.RecordsOf(h.Zone.Id).Count + 299) / 300;
        // The scheduler's cut: the zone's trees in the listing's order, ten a message.
        var sent = new List<string>();
        var scheduler = new DriftScheduler(h.Store, (_, entries, _) =>
        {
            sent.AddRange(entries.Select(e => e.Body));
            return Task.FromResult(new QueueBatchResult([.. entries.Select(e => e.Id)], []));
        }, "queue", h.Time) { TreesPerMessage = 10 };
        await scheduler.RunAsync();
        var orders = sent.Select(DriftMessage.Read).ToList();
        Assert.Equal(4, orders.Count);
        Assert.Equal(names.Order(), orders.SelectMany(o => o.Trees).Order());
        h.Route53.ResetRequests();

        var results = new List<ZoneDriftResult>();
        foreach (var order in orders) results.Add(await Check(h).Zone.RunAsync(order));

        Assert.All(results.SelectMany(r => r.Results), r => Assert.False(r.Report!.HasDrift, string.Join("\n", r.Report.Items)));
        Assert.Equal(40, results.Sum(r => r.Results.Count));
        // Each message reads its own run of the trees' names (about one page), none reads the 3,000 others: four messages
        // cost about four pages, where each reading the whole zone would cost four times its pages.
        var pages = Reads(h.Route53)["ListResourceRecordSets"];
        Assert.True(zonePages >= 10, $"the zone has {zonePages} pages");
        Assert.InRange(pages, orders.Count, 2 * orders.Count);
        Assert.False(Reads(h.Route53).ContainsKey("GetHostedZone"));
    }

    [Fact]
    public async Task A_tree_attached_at_a_second_name_of_the_zone_has_that_names_stretch_read_as_the_per_tree_check_reads_it()
    {
        var h = new ServiceHarness();
        var names = await AppliedAsync(h, 2);
        await h.AppliedAsync(ServiceHarness.Attached(h.Spec("www"), h.Zone.Id, h.Zone.Name, "web.example.com"));
        // Someone else's records at names the tree reserves for its nested rules, under each of its two names.
        foreach (var squatter in new[] { "_old.www.example.com", "_old.web.example.com" })
            await h.Route53.ChangeResourceRecordSetsAsync(h.Zone.Id, new ChangeBatch([new RecordChange(ChangeAction.Create,
                new ResourceRecordSet { Name = squatter, Type = "A", Ttl = 60, ResourceRecords = ["203.0.113.1"] })]));
        var (check, _) = Check(h);
        var alone = (await new TreeDriftCheck(h.Store, h.Route53, new DriftMetrics(new StringWriter()), h.Time)
            .RunAsync("www")).Report!;

        var shared = await check.RunAsync(new DriftWorkOrder(h.Zone.Id, [.. names, "www"]));

        var report = Assert.Single(shared.Results, r => r.Tree == "www").Report!;
        Assert.Equal(["_old.web.example.com", "_old.www.example.com"],
            alone.Items.Where(i => i.Kind == DriftKind.RecordExtra).Select(i => i.Record!.Value.Name));
        Assert.Equal(alone.Items.Select(i => i.Describe()), report.Items.Select(i => i.Describe()));
        Assert.All(shared.Results.Where(r => r.Tree != "www"), r => Assert.False(r.Report!.HasDrift));
    }

    [Fact]
    public async Task An_adopted_trees_checks_are_found_by_id_in_the_zones_shared_read_as_in_the_per_tree_check()
    {
        var h = new ServiceHarness();
        // Built by hand: a failover pair whose primary's check someone else made, under a reference of their own.
        var check = await h.Route53.CreateHealthCheckAsync("hand-made-1",
            new HealthCheckConfig { Type = "HTTP", IpAddress = "192.0.2.10", Port = 80, ResourcePath = "/health" });
        var name = "www." + h.Zone.Name.TrimEnd('.');
        await h.Route53.ChangeResourceRecordSetsAsync(h.Zone.Id, new ChangeBatch([
            new RecordChange(ChangeAction.Create, new ResourceRecordSet { Name = name, Type = "A", SetIdentifier = "Primary",
                Failover = "PRIMARY", Ttl = 60, ResourceRecords = ["192.0.2.10"], HealthCheckId = check.Id }),
            new RecordChange(ChangeAction.Create, new ResourceRecordSet { Name = name, Type = "A", SetIdentifier = "Secondary",
                Failover = "SECONDARY", Ttl = 60, ResourceRecords = ["192.0.2.20"] }),
        ]));
        var adopted = ZoneAdopter.Adopt(
            new Failover.Core.Adoption.ZoneSnapshot(h.Zone.Id, h.Zone.Name, h.Route53.RecordsOf(h.Zone.Id),
                [new ExistingHealthCheckView(check.Id, check.Config)]),
            new AdoptionRequest("www", name));
        Assert.Empty(adopted.Errors);
        await h.AppliedAsync(adopted.Spec!);

        var shared = await Check(h).Zone.RunAsync(new DriftWorkOrder(h.Zone.Id, ["www"]));

        var report = Assert.Single(shared.Results).Report!;
        Assert.False(report.HasDrift, string.Join("\n", report.Items));
        Assert.Contains(h.Route53.HealthChecks, c => c.Id == check.Id);
    }
}
