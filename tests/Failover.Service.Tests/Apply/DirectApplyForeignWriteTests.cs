using Failover.Core.Compilation;
using Failover.Core.Route53;
using Failover.Service.Apply;
using Failover.Service.Ports.Route53;
using Failover.Service.Tests.Workflow;

namespace Failover.Service.Tests.Apply;

/// <summary>
/// Someone writes a record between the direct apply's zone read and its CREATE, at a key the batch creates: Route 53
/// refuses the batch, and the record must not become the tree's — a later direct teardown (or apply) would delete or
/// overwrite a record the tree never made. The workflow's foreign-write case, on the direct path.
/// </summary>
[Trait("Category", "Unit")]
public sealed class DirectApplyForeignWriteTests
{
    [Fact]
    public async Task A_record_written_at_a_key_the_refused_batch_creates_is_not_owned_and_survives_the_teardown()
    {
        var h = new ServiceHarness();
        var spec = h.Spec();
        var web1 = TreeCompiler.Compile(spec).Records.Single(r => r.NodeId == "web1").RecordSet;
        var foreign = new ResourceRecordSet
        {
            Name = web1.Name, Type = web1.Type, SetIdentifier = web1.SetIdentifier, Weight = 200, Ttl = 300,
            ResourceRecords = ["203.0.113.9"],
        };
        h.Route53.BeforeRequest = async operation =>
        {
            if (operation != "ChangeResourceRecordSets") return;
            h.Route53.BeforeRequest = null;
            await h.Route53.ChangeResourceRecordSetsAsync(h.Zone.Id, new ChangeBatch([new RecordChange(ChangeAction.Create, foreign)]));
        };
        var direct = new DirectApplier(h.Route53, h.Store, h.Time) { SyncPollInterval = TimeSpan.Zero };

        await Assert.ThrowsAsync<InvalidChangeBatchException>(() => direct.ApplyAsync(spec));

        Assert.DoesNotContain(foreign.Key, (await h.Store.GetOwnedRecordsAsync("www")).Select(k => k.WithoutZone));
        await direct.DestroyAsync(spec);
        Assert.Equal([ServiceHarness.Describe(foreign)], h.ZoneLines());
        Assert.Empty(await h.ChecksOfAsync("www"));
    }
}
