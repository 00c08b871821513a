using Failover.Testing.Workflow;
using Failover.Core.Spec;
using Failover.Service.Apply;
using Failover.Service.Tests.Workflow;
using Failover.Service.Workflow;

namespace Failover.Service.Tests.Apply;

/// <summary>
/// The CLI's direct apply claims the names of every attachment, as a workflow run does: another tree cannot then take any
/// of them, and the direct teardown gives every one back.
/// </summary>
[Trait("Category", "Unit")]
public sealed class DirectApplyNameClaimTests
{
    [Fact]
    public async Task A_direct_apply_claims_every_attachments_name_and_its_teardown_frees_them_all()
    {
        var h = new ServiceHarness();
        var org = h.Route53.AddZone("example.org");
        var spec = ServiceHarness.Attached(h.Spec("www"), org.Id, org.Name, "www.example.org");
        var direct = new DirectApplier(h.Route53, h.Store, h.Time) { SyncPollInterval = TimeSpan.Zero };

        await direct.ApplyAsync(spec);
        Assert.Equal("www", await h.Store.GetRecordNameOwnerAsync(h.Zone.Id, "www.example.com", "A"));
        Assert.Equal("www", await h.Store.GetRecordNameOwnerAsync(org.Id, "www.example.org", "A"));

        // Another tree at the second attachment's name is refused before it changes anything.
        var other = ServiceHarness.Attached(h.Spec("other"), org.Id, org.Name, "www.example.org");
        var refused = await Assert.ThrowsAsync<RunRefusedException>(() => h.Starter.ApplyAsync(other));
        Assert.Contains($"www.example.org A in zone {org.Id} belongs to tree 'www'", refused.Message);
        // The refused start gave back the name it had claimed before it met the taken one.
        Assert.Null(await h.Store.GetRecordNameOwnerAsync(h.Zone.Id, "other.example.com", "A"));

        await direct.DestroyAsync(spec);
        Assert.Null(await h.Store.GetRecordNameOwnerAsync(h.Zone.Id, "www.example.com", "A"));
        Assert.Null(await h.Store.GetRecordNameOwnerAsync(org.Id, "www.example.org", "A"));
        Assert.DoesNotContain(h.Route53.RecordsOf(org.Id), r => r.Type is not ("NS" or "SOA"));
    }

    [Fact]
    public async Task A_direct_apply_gives_back_the_name_of_an_attachment_it_removed_and_keeps_the_rest()
    {
        var h = new ServiceHarness();
        var org = h.Route53.AddZone("example.org");
        var direct = new DirectApplier(h.Route53, h.Store, h.Time) { SyncPollInterval = TimeSpan.Zero };
        await direct.ApplyAsync(ServiceHarness.Attached(h.Spec("www"), org.Id, org.Name, "www.example.org"));

        await direct.ApplyAsync(h.Spec("www"));

        Assert.DoesNotContain(h.Route53.RecordsOf(org.Id), r => r.Type is not ("NS" or "SOA"));
        Assert.Null(await h.Store.GetRecordNameOwnerAsync(org.Id, "www.example.org", "A"));
        Assert.Equal("www", await h.Store.GetRecordNameOwnerAsync(h.Zone.Id, "www.example.com", "A"));
        // The name is free: another tree may now answer there.
        var other = ServiceHarness.Attached(h.Spec("other"), org.Id, org.Name, "www.example.org");
        await direct.ApplyAsync(other);
        Assert.Equal("other", await h.Store.GetRecordNameOwnerAsync(org.Id, "www.example.org", "A"));
    }

    [Fact]
    public async Task A_direct_move_to_another_zone_gives_back_the_old_zones_name()
    {
        var h = new ServiceHarness();
        var direct = new DirectApplier(h.Route53, h.Store, h.Time) { SyncPollInterval = TimeSpan.Zero };
        await direct.ApplyAsync(h.Spec("www"));
        var next = h.Route53.AddZone(h.Zone.Name);

        // Every record moves, so the size guard wants force, as for a workflow run.
        await direct.ApplyAsync(WorkflowTrees.FailoverPool("www", next.Id, next.Name), force: true);

        Assert.DoesNotContain(h.Route53.RecordsOf(h.Zone.Id), r => r.Type is not ("NS" or "SOA"));
        Assert.Null(await h.Store.GetRecordNameOwnerAsync(h.Zone.Id, "www.example.com", "A"));
        Assert.Equal("www", await h.Store.GetRecordNameOwnerAsync(next.Id, "www.example.com", "A"));
    }
}
