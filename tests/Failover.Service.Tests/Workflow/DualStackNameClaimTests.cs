using Failover.Core.Spec;
using Failover.Service.Apply;
using Failover.Service.Workflow;

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
