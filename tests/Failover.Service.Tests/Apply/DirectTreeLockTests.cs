using Failover.Service.Apply;
using Failover.Service.Tests.Workflow;

namespace Failover.Service.Tests.Apply;

/// <summary>
/// The tree's lock around a direct apply, teardown or repair: refused while a run holds it, held while the work runs,
/// renewed through the hook the work is given, given back whatever happened.
/// </summary>
[Trait("Category", "Unit")]
public sealed class DirectTreeLockTests
{
    [Fact]
    public async Task Work_is_refused_while_a_run_holds_the_tree_and_never_starts()
    {
        var h = new ServiceHarness();
        Assert.True(await h.Store.TryAcquireLockAsync("www", "run-elsewhere", TimeSpan.FromMinutes(5)));
        var locks = new DirectTreeLock(h.Store, h.Time);
        var started = false;

        var refused = await Assert.ThrowsAsync<ApplyRefusedException>(() => locks.HoldAsync("www", locks.NewOwner("apply"), _ =>
        {
            started = true;
            return Task.FromResult(0);
        }, CancellationToken.None));

        Assert.Contains("busy", refused.Message);
        Assert.Contains("run-elsewhere", refused.Message);
        Assert.False(started);
        Assert.Equal("run-elsewhere", (await h.Store.GetHeldLockAsync("www"))!.Owner);
    }

    [Fact]
    public async Task The_lock_is_held_while_the_work_runs_and_given_back_when_it_fails()
    {
        var h = new ServiceHarness();
        var locks = new DirectTreeLock(h.Store, h.Time);
        var owner = locks.NewOwner("destroy");
        string? heldBy = null;

        await Assert.ThrowsAsync<TimeoutException>(() => locks.HoldAsync<int>("www", owner, async _ =>
        {
            heldBy = (await h.Store.GetHeldLockAsync("www"))?.Owner;
            // A run starting now finds the tree busy.
            Assert.False(await h.Store.TryAcquireLockAsync("www", "run-new", TimeSpan.FromMinutes(5)));
            throw new TimeoutException("Route 53 did not answer");
        }, CancellationToken.None));

        Assert.Equal(owner, heldBy);
        Assert.StartsWith("direct-destroy-", owner);
        Assert.Null(await h.Store.GetHeldLockAsync("www"));
    }

    [Fact]
    public async Task Renewing_keeps_the_tree_past_the_lock_time_and_a_lock_taken_over_stops_the_work()
    {
        var h = new ServiceHarness();
        var locks = new DirectTreeLock(h.Store, h.Time) { LockFor = TimeSpan.FromMinutes(10) };
        var owner = locks.NewOwner("apply");

        await locks.HoldAsync("www", owner, async renew =>
        {
            // Two writes, each 8 minutes after the last renewal: 16 minutes in all, past the 10 the lock was taken for.
            for (var write = 0; write < 2; write++)
            {
                h.Time.Advance(TimeSpan.FromMinutes(8));
                await renew(CancellationToken.None);
                Assert.False(await h.Store.TryAcquireLockAsync("www", "run-elsewhere", TimeSpan.FromMinutes(5)));
            }
            // Then a write that took longer than the lock time: a run took the tree in between.
            h.Time.Advance(TimeSpan.FromMinutes(11));
            Assert.True(await h.Store.TryAcquireLockAsync("www", "run-elsewhere", TimeSpan.FromMinutes(30)));
            var stopped = await Assert.ThrowsAsync<InvalidOperationException>(() => renew(CancellationToken.None));
            Assert.Contains("no longer holds the lock", stopped.Message);
            return 0;
        }, CancellationToken.None);

        // Giving back its own lock does not free the run's.
        Assert.Equal("run-elsewhere", (await h.Store.GetHeldLockAsync("www"))!.Owner);
    }
}
