using Failover.Core.Adoption;
using Failover.Core.Contracts;
using Failover.Core.Spec;
using Failover.Service.Adoption;
using Failover.Service.Release;
using Failover.Service.Tests.Workflow;
using Failover.Testing.Workflow;

namespace Failover.Service.Tests.Adoption;

/// <summary>
/// A tree adopted at a name in one zone, then attached in another zone that holds the same records: the apply claims
/// both zones' records without writing one, keeps each claim with its zone, and a later teardown finds the other
/// zone's records there and removes them.
/// </summary>
[Trait("Category", "Unit")]
public sealed class AdoptionAcrossZonesTests
{
    [Fact]
    public async Task An_adopted_tree_attached_in_a_second_zone_claims_and_later_tears_down_each_zones_records_in_that_zone()
    {
        var h = new ServiceHarness();
        var org = h.Route53.AddZone("example.org");
        // Records made by a tree that was then released: Route 53 keeps them, nothing owns them.
        await h.AppliedAsync(ServiceHarness.Attached(h.Spec("built"), org.Id, org.Name, "built.example.org"));
        await new TreeRelease(h.Route53, h.Store).ReleaseAsync("built");
        var orgRecords = Names(h.Route53.RecordsOf(org.Id));
        Assert.Contains("built.example.org", orgRecords);
        var orgRecordSets = h.Route53.RecordsOf(org.Id).Count(r => r.Type is not ("NS" or "SOA"));

        var adopted = await new ZoneAdoption(h.Route53, h.Store)
            .AdoptAsync(h.Zone.Id, new AdoptionRequest("taken", "built.example.com"));
        Assert.True(adopted.Spec is not null, string.Join("; ", adopted.Errors));
        var spec = ServiceHarness.Attached(adopted.Spec, org.Id, org.Name, "built.example.org");

        h.Route53.ResetRequests();
        var applied = await h.AppliedAsync(spec);
        Assert.Equal(0, h.Route53.Requests.GetValueOrDefault("ChangeResourceRecordSets"));
        // The stored plan (what the API and the CLI show) says which zone each claimed record is in.
        var claims = PlanJson.Read((await h.Store.GetPlanAsync(applied.RunId))!).Claims;
        Assert.Equal(orgRecordSets, claims.Records.Count(k => k.Zone == org.Id));
        Assert.Equal(claims.Records.Count - orgRecordSets, claims.Records.Count(k => k.Zone is null));
        // The store keeps every claim with its zone spelled out.
        var owned = await h.Store.GetOwnedRecordsAsync("taken");
        Assert.Equal(orgRecordSets, owned.Count(k => k.Name.EndsWith("example.org", StringComparison.Ordinal)));
        Assert.All(owned, key => Assert.Equal(key.Name.EndsWith("example.org", StringComparison.Ordinal) ? org.Id : h.Zone.Id, key.Zone));

        var teardown = await h.Starter.TeardownAsync("taken");
        Assert.Equal("SUCCEEDED", (await h.Driver.DriveAsync(teardown.RunId)).Status);
        Assert.Empty(Names(h.Route53.RecordsOf(org.Id)));
        Assert.Empty(h.ZoneRecords());
    }

    private static List<string> Names(IEnumerable<Core.Route53.ResourceRecordSet> records) =>
        [.. records.Where(r => r.Type is not ("NS" or "SOA")).Select(r => r.Name).Distinct()];
}
