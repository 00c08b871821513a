using Failover.Core.Route53;
using Failover.Core.Spec;
using Failover.Service.Apply;
using Failover.Service.Progress;
using Failover.Service.Workflow;
using Failover.Service.Workflow.Steps;

namespace Failover.Service.Tests.Workflow;

/// <summary>
/// A dual-stack tree answers for A and AAAA at its name, so it claims the name in both types, by a workflow run and by
/// the direct path alike: a tree of one type at the same name is refused, naming the type, and a teardown frees both.
/// </summary>
[Trait("Category", "Unit")]
public sealed class DualStackNameClaimTests
{
    [Fact]
    public async Task A_dual_stack_run_claims_A_and_AAAA_and_its_teardown_frees_both()
    {
        var h = new ServiceHarness();
        await h.AppliedAsync(Spec(h, "both", DualStack, """["192.0.2.10", "2001:db8::10"]"""));
        Assert.Equal("both", await h.Store.GetRecordNameOwnerAsync(h.Zone.Id, "app.example.com", "A"));
        Assert.Equal("both", await h.Store.GetRecordNameOwnerAsync(h.Zone.Id, "app.example.com", "AAAA"));

        // An IPv6 tree at the same name is refused before it stores a version or changes anything.
        var before = h.ZoneLines();
        var v6 = Spec(h, "v6", IPv6Only, """["2001:db8::20"]""");
        var refused = await Assert.ThrowsAsync<RunRefusedException>(() => h.Starter.ApplyAsync(v6));
        Assert.Contains($"app.example.com AAAA in zone {h.Zone.Id} belongs to tree 'both'", refused.Message);
        Assert.Null(await h.Store.GetTreeAsync("v6"));
        Assert.Equal(before, h.ZoneLines());

        var down = await h.Starter.TeardownAsync("both");
        Assert.Equal("SUCCEEDED", (await h.Driver.DriveAsync(down.RunId, false)).Status);
        Assert.Null(await h.Store.GetRecordNameOwnerAsync(h.Zone.Id, "app.example.com", "A"));
        Assert.Null(await h.Store.GetRecordNameOwnerAsync(h.Zone.Id, "app.example.com", "AAAA"));
    }

    [Fact]
    public async Task A_dual_stack_direct_apply_claims_A_and_AAAA_and_its_destroy_frees_both()
    {
        var h = new ServiceHarness();
        var spec = Spec(h, "both", DualStack, """["192.0.2.10", "2001:db8::10"]""");
        var direct = new DirectApplier(h.Route53, h.Store, h.Time) { SyncPollInterval = TimeSpan.Zero };

        await direct.ApplyAsync(spec);
        Assert.Equal("both", await h.Store.GetRecordNameOwnerAsync(h.Zone.Id, "app.example.com", "AAAA"));
        // The records are there, so the direct path's plan already refuses an IPv6 tree at the name; the claim keeps a
        // workflow run of it out too, before anything is written.
        var refused = await Assert.ThrowsAsync<RunRefusedException>(() =>
            h.Starter.ApplyAsync(Spec(h, "v6", IPv6Only, """["2001:db8::20"]""")));
        Assert.Contains($"app.example.com AAAA in zone {h.Zone.Id} belongs to tree 'both'", refused.Message);

        await direct.DestroyAsync(spec);
        Assert.Null(await h.Store.GetRecordNameOwnerAsync(h.Zone.Id, "app.example.com", "A"));
        Assert.Null(await h.Store.GetRecordNameOwnerAsync(h.Zone.Id, "app.example.com", "AAAA"));
    }

    [Fact]
    public async Task A_dual_stack_tree_that_drops_AAAA_gives_back_that_claim_only_so_an_IPv6_tree_may_answer_there()
    {
        var h = new ServiceHarness();
        await h.AppliedAsync(Spec(h, "both", DualStack, """["192.0.2.10", "2001:db8::10"]"""));

        await h.AppliedAsync(Spec(h, "both", IPv4Only, """["192.0.2.10"]"""));

        Assert.Equal("both", await h.Store.GetRecordNameOwnerAsync(h.Zone.Id, "app.example.com", "A"));
        Assert.Null(await h.Store.GetRecordNameOwnerAsync(h.Zone.Id, "app.example.com", "AAAA"));
        await h.AppliedAsync(Spec(h, "v6", IPv6Only, """["2001:db8::20"]"""));
        Assert.Equal("v6", await h.Store.GetRecordNameOwnerAsync(h.Zone.Id, "app.example.com", "AAAA"));
        Assert.Equal("both", await h.Store.GetRecordNameOwnerAsync(h.Zone.Id, "app.example.com", "A"));
    }

    [Fact]
    public async Task A_dual_stack_direct_apply_that_drops_AAAA_gives_back_that_claim_only()
    {
        var h = new ServiceHarness();
        var direct = new DirectApplier(h.Route53, h.Store, h.Time) { SyncPollInterval = TimeSpan.Zero };
        await direct.ApplyAsync(Spec(h, "both", DualStack, """["192.0.2.10", "2001:db8::10"]"""));

        await direct.ApplyAsync(Spec(h, "both", IPv4Only, """["192.0.2.10"]"""));

        Assert.Equal("both", await h.Store.GetRecordNameOwnerAsync(h.Zone.Id, "app.example.com", "A"));
        Assert.Null(await h.Store.GetRecordNameOwnerAsync(h.Zone.Id, "app.example.com", "AAAA"));
        await direct.ApplyAsync(Spec(h, "v6", IPv6Only, """["2001:db8::20"]"""));
        Assert.Equal("v6", await h.Store.GetRecordNameOwnerAsync(h.Zone.Id, "app.example.com", "AAAA"));
    }

    [Fact]
    public async Task A_direct_apply_run_again_after_a_store_error_in_its_release_gives_back_the_AAAA_claim()
    {
        var h = new ServiceHarness();
        var direct = new DirectApplier(h.Route53, h.Store, h.Time) { SyncPollInterval = TimeSpan.Zero };
        await direct.ApplyAsync(Spec(h, "both", DualStack, """["192.0.2.10", "2001:db8::10"]"""));
        // The AAAA records go, then the release meets a DynamoDB error: the same apply again finds nothing to change.
        h.Store.FailNextRelease(h.Zone.Id, "app.example.com", "AAAA", new HttpRequestException("connection reset"));
        await Assert.ThrowsAsync<HttpRequestException>(() => direct.ApplyAsync(Spec(h, "both", IPv4Only, """["192.0.2.10"]""")));

        var again = await direct.ApplyAsync(Spec(h, "both", IPv4Only, """["192.0.2.10"]"""));

        Assert.True(again.Plan.IsEmpty);
        Assert.Null(await h.Store.GetRecordNameOwnerAsync(h.Zone.Id, "app.example.com", "AAAA"));
        Assert.Equal("both", await h.Store.GetRecordNameOwnerAsync(h.Zone.Id, "app.example.com", "A"));
    }

    [Fact]
    public async Task A_run_that_adds_AAAA_and_is_rolled_back_gives_back_the_AAAA_claim_and_keeps_the_A_one()
    {
        var h = new ServiceHarness();
        await h.AppliedAsync(Spec(h, "both", IPv4Only, """["192.0.2.10"]"""));
        var started = await h.Starter.ApplyAsync(Spec(h, "both", DualStack, """["192.0.2.10", "2001:db8::10"]"""));
        Assert.Equal("both", await h.Store.GetRecordNameOwnerAsync(h.Zone.Id, "app.example.com", "AAAA"));

        // Another tool writes a simple AAAA record at the name after the plan was made: Route 53 refuses the weighted
        // AAAA records beside it (one routing policy per name and type), and the run rolls back.
        var foreign = new ResourceRecordSet { Name = "app.example.com", Type = "AAAA", Ttl = 300, ResourceRecords = ["2001:db8::99"] };
        var outcome = await h.Driver.DriveWithRollbackAsync(started.RunId, force: false, beforeStep: cursor =>
            cursor.Step == LayerSteps.LeafRecords
                ? h.Route53.ChangeResourceRecordSetsAsync(h.Zone.Id, new ChangeBatch([new RecordChange(ChangeAction.Create, foreign)]))
                : Task.CompletedTask);

        Assert.Equal("ROLLED_BACK", outcome.Status);
        Assert.Equal("both", await h.Store.GetRecordNameOwnerAsync(h.Zone.Id, "app.example.com", "A"));
        Assert.Null(await h.Store.GetRecordNameOwnerAsync(h.Zone.Id, "app.example.com", "AAAA"));
    }

    [Fact]
    public async Task A_version_made_A_only_over_one_whose_spec_no_longer_loads_gives_back_the_AAAA_claim_it_may_have_held()
    {
        var h = new ServiceHarness();
        // The applied version's text no longer loads (Route 53's rules, checked again on reading, grew stricter): only its
        // descriptor says what it claimed, the first type (A) of what was a dual-stack tree holding A and AAAA.
        var v1 = await h.Store.PutVersionAsync(TreeDescriptor.From(Spec(h, "both", DualStack, """["192.0.2.10", "2001:db8::10"]""")),
            "{}");
        foreach (var type in (string[])["A", "AAAA"]) await h.Store.ClaimRecordNameAsync(h.Zone.Id, "app.example.com", type, "both");
        await h.Store.CreateRunAsync(new NewRun("run-v1", "both", v1, RunKind.Apply));
        await h.Store.SetRunStatusAsync("run-v1", RunStatus.Succeeded);

        await h.AppliedAsync(Spec(h, "both", IPv4Only, """["192.0.2.10"]"""));

        Assert.Equal("both", await h.Store.GetRecordNameOwnerAsync(h.Zone.Id, "app.example.com", "A"));
        Assert.Null(await h.Store.GetRecordNameOwnerAsync(h.Zone.Id, "app.example.com", "AAAA"));
    }

    [Fact]
    public async Task A_Finalize_run_again_after_a_store_error_among_its_releases_gives_back_the_rest_and_the_lock()
    {
        var h = new ServiceHarness();
        var other = h.Route53.AddZone("example.org");
        TreeSpec At2(TreeSpec spec) => ServiceHarness.Attached(spec, other.Id, other.Name, "app.example.org");
        await h.AppliedAsync(At2(Spec(h, "both", DualStack, """["192.0.2.10", "2001:db8::10"]""")));
        var started = await h.Starter.ApplyAsync(At2(Spec(h, "both", IPv4Only, """["192.0.2.10"]""")));
        // The AAAA claim in the first zone goes, the one in the other zone meets a DynamoDB error: Finalize fails after the
        // run was marked SUCCEEDED, and the state machine's Retry enters it again.
        h.Store.FailNextRelease(other.Id, "app.example.org", "AAAA", new HttpRequestException("connection reset"));
        await Assert.ThrowsAsync<HttpRequestException>(() => h.Driver.DriveAsync(started.RunId));
        Assert.Null(await h.Store.GetRecordNameOwnerAsync(h.Zone.Id, "app.example.com", "AAAA"));

        Assert.Equal("SUCCEEDED", (await new FinalizeStep(h.Services).RunAsync(started.RunId)).Status);

        Assert.Null(await h.Store.GetRecordNameOwnerAsync(other.Id, "app.example.org", "AAAA"));
        Assert.Equal("both", await h.Store.GetRecordNameOwnerAsync(other.Id, "app.example.org", "A"));
        Assert.Equal("both", await h.Store.GetRecordNameOwnerAsync(h.Zone.Id, "app.example.com", "A"));
        Assert.Null(await h.Store.GetLockAsync("both"));
    }

    [Fact]
    public async Task A_Rollback_run_again_after_a_store_error_among_its_releases_gives_back_the_claim_and_the_lock()
    {
        var h = new ServiceHarness();
        await h.AppliedAsync(Spec(h, "both", IPv4Only, """["192.0.2.10"]"""));
        var started = await h.Starter.ApplyAsync(Spec(h, "both", DualStack, """["192.0.2.10", "2001:db8::10"]"""));
        var foreign = new ResourceRecordSet { Name = "app.example.com", Type = "AAAA", Ttl = 300, ResourceRecords = ["2001:db8::99"] };
        h.Store.FailNextRelease(h.Zone.Id, "app.example.com", "AAAA", new HttpRequestException("connection reset"));
        // Route 53 refuses the run's AAAA records beside another tool's; the rollback's release meets a DynamoDB error
        // after the run was marked ROLLED_BACK, and the state machine's Retry enters Rollback again.
        await Assert.ThrowsAsync<HttpRequestException>(() => h.Driver.DriveWithRollbackAsync(started.RunId, beforeStep: cursor =>
            cursor.Step == LayerSteps.LeafRecords
                ? h.Route53.ChangeResourceRecordSetsAsync(h.Zone.Id, new ChangeBatch([new RecordChange(ChangeAction.Create, foreign)]))
                : Task.CompletedTask));
        Assert.Equal("both", await h.Store.GetRecordNameOwnerAsync(h.Zone.Id, "app.example.com", "AAAA"));

        var caught = new CaughtError { Error = "InvalidChangeBatch", Cause = "refused" };
        Assert.Equal("ROLLED_BACK", (await new RollbackStep(h.Services).RunAsync(started.RunId, caught)).Status);

        Assert.Null(await h.Store.GetRecordNameOwnerAsync(h.Zone.Id, "app.example.com", "AAAA"));
        Assert.Equal("both", await h.Store.GetRecordNameOwnerAsync(h.Zone.Id, "app.example.com", "A"));
        Assert.Null(await h.Store.GetLockAsync("both"));
    }

    private const string IPv4Only = "\"recordType\": \"A\"";
    private const string DualStack = "\"recordTypes\": [\"A\", \"AAAA\"]";
    private const string IPv6Only = "\"recordType\": \"AAAA\"";

    /// <summary>A weighted pair at app.example.com, of the record types given.</summary>
    private static TreeSpec Spec(ServiceHarness h, string tree, string types, string values)
    {
        var json = $$"""
            {
              "name": "{{tree}}", "hostedZoneId": "{{h.Zone.Id}}", "zoneName": "example.com", "recordName": "app.example.com",
              {{types}}, "ttl": 60,
              "root": { "id": "app", "routing": "weighted", "children": [
                { "id": "web-a", "weight": 50, "endpoint": { "values": {{values}} } },
                { "id": "web-b", "weight": 50, "endpoint": { "values": {{values}} } } ] }
            }
            """;
        var loaded = SpecLoader.Load(json);
        return loaded.HasErrors ? throw new ArgumentException(string.Join("; ", loaded.Diagnostics)) : loaded.Spec!;
    }
}
