using Failover.Service.Apply;
using Failover.Service.Tests.Workflow;

namespace Failover.Service.Tests.Apply;

/// <summary>
/// The direct apply dies after Route 53 accepted a record batch and before it confirmed the batch's claims (the process
/// killed, an answer lost for good): the records it claimed pending are in the zone as it wrote them, so the next direct
/// apply settles them as the tree's and finishes, never taking its own records for someone else's.
/// </summary>
[Trait("Category", "Unit")]
public sealed class DirectApplyCrashTests
{
    [Fact]
    public async Task Records_that_landed_before_the_apply_died_are_the_tree_s_and_the_next_apply_finishes()
    {
        var h = new ServiceHarness();
        var spec = h.Spec();
        Assert.Contains(Failover.Core.Compilation.TreeCompiler.Compile(spec).Records, r => r.RecordSet.HealthCheckId is not null);
        h.Route53.FailNext("ChangeResourceRecordSets", new OperationCanceledException("the process was killed"), applied: true);
        var direct = new DirectApplier(h.Route53, h.Store, h.Time) { SyncPollInterval = TimeSpan.Zero };

        await Assert.ThrowsAsync<OperationCanceledException>(() => direct.ApplyAsync(spec));
        var landed = h.ZoneLines();
        Assert.NotEmpty(landed);

        await direct.ApplyAsync(spec);

        var owned = (await h.Store.GetOwnedRecordsAsync("www")).Select(k => k.WithoutZone).ToHashSet();
        Assert.All(h.ZoneRecords(), r => Assert.Contains(r.Key, owned));
        Assert.True((await direct.ApplyAsync(spec)).Plan.IsEmpty);
    }
}
