using Failover.Core.Spec;
using Failover.Service.Progress;
using Failover.Service.Workflow;

namespace Failover.Service.Tests.Workflow;

/// <summary>
/// A stored version whose text no longer validates (Route 53's rules, checked again on reading, grew stricter) still says
/// where it is attached: the claims of its attachments in other zones are given back when a later version drops them, so
/// they do not outlive the tree's teardown.
/// </summary>
[Trait("Category", "Unit")]
public sealed class UnloadableVersionClaimTests
{
    [Fact]
    public async Task The_claim_of_an_attachment_a_version_that_no_longer_validates_held_is_given_back_when_the_next_drops_it()
    {
        var h = new ServiceHarness();
        var other = h.Route53.AddZone("example.org");
        // Version 1, attached at app.example.org too, was stored and applied; its text no longer validates (a weight above
        // 255 stands in for a rule that grew stricter since).
        var v1 = ServiceHarness.Attached(Spec(h, weight: 50), other.Id, other.Name, "app.example.org");
        var stored = SpecJsonWriter.Write(v1).Replace("\"weight\": 50", "\"weight\": 300", StringComparison.Ordinal);
        Assert.NotEqual(SpecJsonWriter.Write(v1), stored);
        Assert.Null(SpecLoader.LoadStored(stored).Spec);
        var version = await h.Store.PutVersionAsync(TreeDescriptor.From(v1), stored);
        foreach (var (zone, name) in new[] { (h.Zone.Id, "app.example.com"), (other.Id, "app.example.org") })
            await h.Store.ClaimRecordNameAsync(zone, name, "A", "www");
        await h.Store.CreateRunAsync(new NewRun("run-v1", "www", version, RunKind.Apply));
        await h.Store.SetRunStatusAsync("run-v1", RunStatus.Succeeded);

        // Version 2 is attached at app.example.com only; then the tree is torn down.
        await h.AppliedAsync(Spec(h, weight: 50), force: true);
        var afterV2 = await h.Store.GetRecordNameOwnerAsync(other.Id, "app.example.org", "A");
        var down = await h.Starter.TeardownAsync("www");
        Assert.Equal("SUCCEEDED", (await h.Driver.DriveAsync(down.RunId)).Status);

        Assert.Null(await h.Store.GetRecordNameOwnerAsync(h.Zone.Id, "app.example.com", "A"));
        Assert.Null(await h.Store.GetRecordNameOwnerAsync(other.Id, "app.example.org", "A"));
        Assert.Null(afterV2);
    }

    /// <summary>A weighted pair of tree "www" at app.example.com.</summary>
    private static TreeSpec Spec(ServiceHarness h, int weight)
    {
        var json = $$"""
            {
              "name": "www", "hostedZoneId": "{{h.Zone.Id}}", "zoneName": "example.com", "recordName": "app.example.com",
              "recordType": "A", "ttl": 60,
              "root": { "id": "app", "routing": "weighted", "children": [
                { "id": "web-a", "weight": {{weight}}, "endpoint": { "values": ["192.0.2.10"] } },
                { "id": "web-b", "weight": {{weight}}, "endpoint": { "values": ["192.0.2.11"] } } ] }
            }
            """;
        var loaded = SpecLoader.Load(json);
        return loaded.HasErrors ? throw new ArgumentException(string.Join("; ", loaded.Diagnostics)) : loaded.Spec!;
    }
}
