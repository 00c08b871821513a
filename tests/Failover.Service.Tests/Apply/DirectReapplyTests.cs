using Failover.Service.Apply;
using Failover.Service.Tests.Workflow;

namespace Failover.Service.Tests.Apply;

/// <summary>
/// The direct path applies a tree again after its checks were deleted: Route 53 refuses the CallerReference of a deleted
/// check for some days, whatever the settings (API reference, CreateHealthCheck: CallerReference), and the direct
/// path's references are not salted by a run as a workflow run's are.
/// </summary>
[Trait("Category", "Unit")]
public sealed class DirectReapplyTests
{
    [Fact]
    public async Task A_tree_torn_down_directly_is_applied_again_directly_and_torn_down_again()
    {
        var h = new ServiceHarness();
        var direct = new DirectApplier(h.Route53, h.Store, h.Time) { SyncPollInterval = TimeSpan.Zero };
        await direct.ApplyAsync(h.Spec());
        var applied = h.ZoneLines();
        await direct.DestroyAsync(h.Spec());

        await direct.ApplyAsync(h.Spec());

        Assert.Equal(applied, h.ZoneLines());
        Assert.Equal(2, (await h.ChecksOfAsync("www")).Count);
        // Once more, and a plain apply of what is there changes nothing.
        await direct.DestroyAsync(h.Spec());
        await direct.ApplyAsync(h.Spec());
        Assert.True((await direct.ApplyAsync(h.Spec())).Plan.IsEmpty);
        await direct.DestroyAsync(h.Spec());
        Assert.Empty(h.ZoneLines());
        Assert.Empty(await h.ChecksOfAsync("www"));
    }

    [Fact]
    public async Task A_check_whose_config_changed_and_changed_back_is_made_again()
    {
        var h = new ServiceHarness();
        var direct = new DirectApplier(h.Route53, h.Store, h.Time) { SyncPollInterval = TimeSpan.Zero };
        await direct.ApplyAsync(h.Spec());
        var moved = h.Spec(pool: Failover.Testing.Workflow.WorkflowTrees.TwoCheckedEndpoints.Replace("192.0.2.12", "192.0.2.13"));

        await direct.ApplyAsync(moved);
        await direct.ApplyAsync(h.Spec());

        Assert.Contains(h.ZoneLines(), line => line.Contains("[192.0.2.12]", StringComparison.Ordinal));
        Assert.Equal(2, (await h.ChecksOfAsync("www")).Count);
    }
}
