using System.Text.Json;
using Failover.Service.Apply;
using Failover.Service.Drift;
using Failover.Store;
using Failover.Service.Progress;
using Failover.Aws.Route53;
using Failover.Service.Ports.Route53;
using Failover.Aws.Tests.Progress;
using Failover.Aws.Tests.Route53;
using Failover.Core.Compilation;
using Failover.Core.Drift;
using Failover.Core.Route53;
using Failover.Core.Spec;
using Failover.Testing;
using Failover.Core.Contracts;
using Microsoft.Extensions.Time.Testing;
using Failover.Service.Zones;

namespace Failover.Aws.Tests.Drift;

/// <summary>The drift check of one tree against moto: a tree applied for real, changed out of band, read back.</summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class TreeDriftCheckTests(MotoFixture moto)
{
    private sealed record Setup(ProgressStore Store, FakeTimeProvider Time, Route53Client Route53, RequestCounter Requests,
        TreeSpec Spec, StringWriter Metrics)
    {
        public TreeDriftCheck Check(IDriftRepair? repair = null, DriftPolicy defaultPolicy = DriftPolicy.Report,
            ZoneAllowList? allowedZones = null) =>
            new(Store, Route53, new DriftMetrics(Metrics), Time, repair, defaultPolicy, allowedZones);

        public ResourceRecordSet Compiled(string nodeId) => TreeCompiler.Compile(Spec).Records.Single(r => r.NodeId == nodeId).RecordSet;
    }

    private async Task<Setup> AppliedAsync(DriftPolicy? policy = DriftPolicy.Report)
    {
        var (store, _, time) = await ProgressTestStores.NewAsync(moto);
        var requests = new RequestCounter();
        var route53 =
            new Route53Client(new Route53ClientOptions { Endpoint = moto.Url, RequestsPerSecond = 10_000, Burst = 10_000,
                OperationLimits = Route53OperationLimits.None },
            new HttpClient(requests));
        var zone = await Route53MotoClient.NewZoneAsync(route53);
        var www = SampleTrees.Www();
        var spec = www with { HostedZoneId = zone.Id, ZoneName = zone.Name, RecordName = "www." + zone.Name, DriftPolicy = policy };
        await new DirectApplier(route53, store, time) { SyncPollInterval = TimeSpan.Zero }.ApplyAsync(spec);
        await DriftTestStores.RecordAppliedAsync(store, spec, time);
        // Someone else's records around the tree: a sibling that sorts inside the tree's stretch in moto's order, and after it.
        foreach (var name in new[] { "www-a." + zone.Name, "wwwb." + zone.Name, "a.www." + zone.Name })
            await route53.ChangeResourceRecordSetsAsync(zone.Id, new ChangeBatch([new RecordChange(ChangeAction.Create,
                new ResourceRecordSet { Name = name, Type = "A", Ttl = 60, ResourceRecords = ["203.0.113.1"] })]));
        requests.Reset();
        return new Setup(store, time, route53, requests, spec, new StringWriter());
    }

    [Fact]
    public async Task An_untouched_tree_has_an_empty_report_read_in_one_record_page_and_a_zero_metric()
    {
        var setup = await AppliedAsync();

        var result = await setup.Check().RunAsync("www");

        Assert.True(result.Checked);
        Assert.False(result.Report!.HasDrift, string.Join("\n", result.Report.Items));
        Assert.Equal(1, setup.Requests.Count("/rrset"));
        var stored = await setup.Store.GetDriftReportAsync("www");
        Assert.NotNull(stored);
        Assert.Equal(0, stored.DriftedItems);
        var read = DriftReportJson.Read(stored.ReportJson);
        Assert.Equal(1, read.Version);
        Assert.Equal(ProgressTestStores.Start, read.CheckedAt);

        var metric = JsonDocument.Parse(setup.Metrics.ToString()).RootElement;
        Assert.Equal("www", metric.GetProperty("Tree").GetString());
        Assert.Equal(0, metric.GetProperty("DriftedItems").GetInt32());
        var directive = metric.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0];
        Assert.Equal("Failover", directive.GetProperty("Namespace").GetString());
        Assert.Equal("Tree", directive.GetProperty("Dimensions")[0][0].GetString());
        Assert.Equal("DriftedItems", directive.GetProperty("Metrics")[0].GetProperty("Name").GetString());
        Assert.Equal(ProgressTestStores.Start.ToUnixTimeMilliseconds(), metric.GetProperty("_aws").GetProperty("Timestamp").GetInt64());
    }

    [Fact]
    public async Task Changes_made_out_of_band_are_stored_and_counted()
    {
        var setup = await AppliedAsync();
        var zone = setup.Spec.HostedZoneId;
        var current = (await setup.Route53.ListResourceRecordSetsAtNamesAsync(zone, ["_use1." + setup.Spec.RecordName]))
            .Single(r => r.SetIdentifier == "use1-a");
        var gone = (await setup.Route53.ListResourceRecordSetsAtNamesAsync(zone, ["_regions." + setup.Spec.RecordName]))
            .Single(r => r.SetIdentifier == "euw1");
        var squatter =
            new ResourceRecordSet { Name = "_old." + setup.Spec.RecordName, Type = "TXT", Ttl = 60, ResourceRecords = ["\"mine\""] };
        await setup.Route53.ChangeResourceRecordSetsAsync(zone, new ChangeBatch([
            new RecordChange(ChangeAction.Upsert, current with { Weight = 5 }),
            new RecordChange(ChangeAction.Delete, gone),
            new RecordChange(ChangeAction.Create, squatter)]));

        var report = (await setup.Check().RunAsync("www")).Report!;

        Assert.Equal(
            [(DriftKind.RecordExtra, squatter.Key), (DriftKind.RecordMissing, gone.Key), (DriftKind.RecordChanged, current.Key)],
            report.Items.Select(i => (i.Kind, i.Record!.Value)));
        Assert.Equal([new FieldDifference("weight", "50", "5")], report.Items[2].Fields);
        Assert.Equal(3, (await setup.Store.GetDriftReportAsync("www"))!.DriftedItems);
        Assert.Contains("\"DriftedItems\":3", setup.Metrics.ToString());
    }

    [Fact]
    public async Task With_the_repair_policy_a_run_converges_the_zone_and_the_next_check_finds_nothing()
    {
        var setup = await AppliedAsync(DriftPolicy.Repair);
        var zone = setup.Spec.HostedZoneId;
        var current = (await setup.Route53.ListResourceRecordSetsAtNamesAsync(zone, ["_use1." + setup.Spec.RecordName]))
            .Single(r => r.SetIdentifier == "use1-b");
        await setup.Route53.ChangeResourceRecordSetsAsync(zone,
            new ChangeBatch([new RecordChange(ChangeAction.Upsert, current with { Weight = 1 })]));
        await setup.Route53.DeleteHealthCheckAsync(current.HealthCheckId!);
        var repair =
            new DirectDriftRepair(setup.Store, options =>
            new DirectApplier(setup.Route53, setup.Store, setup.Time) { SyncPollInterval = TimeSpan.Zero, CompileOptions = options },
            setup.Time);

        var first = (await setup.Check(repair).RunAsync("www")).Report!;
        Assert.Equal(3, first.DriftedItems);
        Assert.Equal(DriftRepairStatus.Started, first.Repair!.Status);
        Assert.StartsWith("direct-repair-", first.Repair.RunId);

        var second = (await setup.Check(repair).RunAsync("www")).Report!;
        Assert.False(second.HasDrift, string.Join("\n", second.Items));
        Assert.Null(second.Repair);
    }

    [Fact]
    public async Task A_repair_in_a_zone_the_deployment_does_not_allow_is_refused_and_the_drift_still_reported()
    {
        var setup = await AppliedAsync(DriftPolicy.Repair);
        var zone = setup.Spec.HostedZoneId;
        var current = (await setup.Route53.ListResourceRecordSetsAtNamesAsync(zone, ["_use1." + setup.Spec.RecordName]))
            .Single(r => r.SetIdentifier == "use1-b");
        await setup.Route53.ChangeResourceRecordSetsAsync(zone,
            new ChangeBatch([new RecordChange(ChangeAction.Upsert, current with { Weight = 1 })]));
        var started = 0;
        var repair = new CountingRepair(() => started++);
        setup.Requests.Reset();

        var report = (await setup.Check(repair, allowedZones: new ZoneAllowList(["ZSOMEOTHERZONE"])).RunAsync("www")).Report!;

        Assert.Equal(1, report.DriftedItems);
        Assert.Equal(DriftRepairStatus.Refused, report.Repair!.Status);
        Assert.Contains("not one this service may change", report.Repair.Reason);
        Assert.Equal(0, started);
        Assert.Equal(1, (await setup.Store.GetDriftReportAsync("www"))!.DriftedItems);
    }

    private sealed class CountingRepair(Action started) : IDriftRepair
    {
        public Task<string> StartAsync(TreeSpec spec, int version, string? checkedLastRunId, CancellationToken cancellationToken)
        {
            started();
            return Task.FromResult("counted");
        }
    }

    [Fact]
    public async Task A_spec_without_a_drift_policy_follows_the_deployment_default_and_an_explicit_one_overrides_it()
    {
        var silent = await AppliedAsync(policy: null);
        Assert.Null((await silent.Store.GetTreeAsync("www"))!.Descriptor.DriftPolicy);
        var record =
            (await silent.Route53.ListResourceRecordSetsAtNamesAsync(silent.Spec.HostedZoneId, ["_use1." + silent.Spec.RecordName]))
            .Single(r => r.SetIdentifier == "use1-b");
        await silent.Route53.ChangeResourceRecordSetsAsync(silent.Spec.HostedZoneId,
            new ChangeBatch([new RecordChange(ChangeAction.Upsert, record with { Weight = 1 })]));
        var repair =
            new DirectDriftRepair(silent.Store, options =>
            new DirectApplier(silent.Route53, silent.Store, silent.Time) { SyncPollInterval = TimeSpan.Zero, CompileOptions = options },
            silent.Time);

        // Report by default: the drift is stored, nothing repaired.
        var reported = (await silent.Check(repair).RunAsync("www")).Report!;
        Assert.Equal(1, reported.DriftedItems);
        Assert.Null(reported.Repair);
        // A deployment whose default is repair repairs the same tree, and the zone converges.
        var repaired = (await silent.Check(repair, DriftPolicy.Repair).RunAsync("www")).Report!;
        Assert.Equal(DriftRepairStatus.Started, repaired.Repair!.Status);
        Assert.False((await silent.Check(repair).RunAsync("www")).Report!.HasDrift);

        // A spec that says report is only reported, whatever the deployment's default.
        var explicitReport = await AppliedAsync(DriftPolicy.Report);
        var other =
            (await explicitReport.Route53.ListResourceRecordSetsAtNamesAsync(explicitReport.Spec.HostedZoneId,
            ["_use1." + explicitReport.Spec.RecordName]))
            .Single(r => r.SetIdentifier == "use1-b");
        await explicitReport.Route53.ChangeResourceRecordSetsAsync(explicitReport.Spec.HostedZoneId,
            new ChangeBatch([new RecordChange(ChangeAction.Upsert, other with { Weight = 1 })]));
        var kept = (await explicitReport.Check(repair, DriftPolicy.Repair).RunAsync("www")).Report!;
        Assert.Equal(1, kept.DriftedItems);
        Assert.Null(kept.Repair);
    }

    [Fact]
    public async Task A_tree_never_applied_unknown_or_held_by_a_run_is_skipped()
    {
        var setup = await AppliedAsync();
        await setup.Store.PutVersionAsync(TreeDescriptor.From(setup.Spec with { Name = "fresh" }),
            SpecJsonWriter.Write(setup.Spec with { Name = "fresh" }));
        Assert.Contains("no version", (await setup.Check().RunAsync("fresh")).SkippedBecause);
        Assert.Contains("no tree", (await setup.Check().RunAsync("nothing")).SkippedBecause);

        Assert.True(await setup.Store.TryAcquireLockAsync("www", "run-x", TimeSpan.FromMinutes(5)));
        Assert.Contains("run-x", (await setup.Check().RunAsync("www")).SkippedBecause);
        setup.Time.Advance(TimeSpan.FromMinutes(6));
        Assert.True((await setup.Check().RunAsync("www")).Checked);
    }

    [Fact]
    public async Task A_tree_whose_zone_vanished_fails_its_check_by_name()
    {
        var setup = await AppliedAsync();
        await DriftTestStores.RecordAppliedAsync(setup.Store,
            setup.Spec with { Name = "orphan", HostedZoneId = "Z0NOSUCHZONE0000" }, setup.Time);

        var error = await Assert.ThrowsAsync<DriftCheckException>(() => setup.Check().RunAsync("orphan"));
        Assert.Contains("orphan", error.Message);
        Assert.Contains("Z0NOSUCHZONE0000", error.Message);
        Assert.Null(await setup.Store.GetDriftReportAsync("orphan"));
    }

    /// <summary>Counts requests by path, so a test can tell how many listing pages a check read.</summary>
    private sealed class RequestCounter() : DelegatingHandler(new SocketsHttpHandler())
    {
        private readonly List<string> _paths = [];

        public int Count(string pathPart)
        {
            lock (_paths) return _paths.Count(p => p.Contains(pathPart, StringComparison.Ordinal));
        }

        public void Reset()
        {
            lock (_paths) _paths.Clear();
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (_paths) _paths.Add(request.RequestUri!.AbsolutePath);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
