using Failover.Core.Spec;
using Failover.Service.Progress;

namespace Failover.Service.Tests.Workflow;

/// <summary>
/// A tree whose current version no longer validates (the rules grew stricter after it was applied) can still be torn
/// down: the teardown removes what the tree owns and leaves the zone and the account's checks clean.
/// </summary>
[Trait("Category", "Unit")]
public sealed class StaleVersionTeardownTests
{
    [Fact]
    public async Task A_tree_whose_current_version_today_s_rules_refuse_is_torn_down_with_nothing_left_behind()
    {
        var h = new ServiceHarness();
        var zoneBefore = h.ZoneLines();
        var applied = Load(Spec(h, secondTtl: 60));
        await h.AppliedAsync(applied);
        Assert.NotEmpty(h.Route53.HealthChecks);

        // As an older service stored and applied it: the weighted endpoints' TTLs differ, which the validator now refuses.
        var stale = Spec(h, secondTtl: 300);
        Assert.True(SpecLoader.Load(stale).HasErrors);
        var version = await h.Store.PutVersionAsync(TreeDescriptor.From(applied), stale);
        await h.Store.CreateRunAsync(new NewRun("run-old", "www", version, RunKind.Apply));
        await h.Store.SetRunStatusAsync("run-old", RunStatus.Succeeded);
        Assert.Equal(version, (await h.Store.GetTreeAsync("www"))!.CurrentVersion);

        var down = await h.Starter.TeardownAsync("www");
        var outcome = await h.Driver.DriveAsync(down.RunId);

        Assert.True(outcome.Status == "SUCCEEDED", outcome.Error);
        Assert.Equal(zoneBefore, h.ZoneLines());
        Assert.Empty(h.Route53.HealthChecks);
        Assert.Empty(await h.Store.GetOwnedRecordsAsync("www"));
    }

    /// <summary>A weighted pair of health-checked endpoints of tree "www" at app.example.com.</summary>
    private static string Spec(ServiceHarness h, int secondTtl) => $$"""
        {
          "name": "www", "hostedZoneId": "{{h.Zone.Id}}", "zoneName": "example.com", "recordName": "app.example.com",
          "recordType": "A", "ttl": 60,
          "root": { "id": "app", "routing": "weighted", "children": [
            { "id": "web-a", "weight": 50, "endpoint": { "values": ["192.0.2.10"], "healthCheck": { "type": "HTTP" } } },
            { "id": "web-b", "weight": 50,
              "endpoint": { "values": ["192.0.2.11"], "ttl": {{secondTtl}}, "healthCheck": { "type": "HTTP" } } } ] }
        }
        """;

    private static TreeSpec Load(string json)
    {
        var loaded = SpecLoader.Load(json);
        return loaded.HasErrors ? throw new ArgumentException(string.Join("; ", loaded.Diagnostics)) : loaded.Spec!;
    }
}
