using Failover.Store;
using Failover.Service.Progress;
using static Failover.Aws.Tests.Progress.ProgressTestStores;

namespace Failover.Aws.Tests.Progress;

[Collection(MotoCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class LockTests(MotoFixture moto)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task A_held_lock_is_refused_to_other_runs_and_renewed_for_its_owner()
    {
        var (store, client, time) = await NewAsync(moto);
        using var _c = client;

        var first = await store.TryAcquireLockAsync("shop", "run-1", Ttl);
        var other = await store.TryAcquireLockAsync("shop", "run-2", Ttl);
        time.Advance(TimeSpan.FromMinutes(5));
        var again = await store.TryAcquireLockAsync("shop", "run-1", Ttl);
        var otherTree = await store.TryAcquireLockAsync("blog", "run-2", Ttl);

        Assert.Equal((true, false, true, true), (first, other, again, otherTree));
        var held = await store.GetLockAsync("shop");
        Assert.Equal("run-1", held!.Owner);
        Assert.Equal(Start + TimeSpan.FromMinutes(20), held.ExpiresAt);
        Assert.False(held.IsExpired(time.GetUtcNow()));
    }

    [Fact]
    public async Task Of_many_concurrent_runs_exactly_one_takes_the_lock()
    {
        var (store, client, _) = await NewAsync(moto);
        using var _c = client;
        var runs = Enumerable.Range(0, 16).Select(i => $"run-{i}").ToList();

        var results = await Task.WhenAll(runs.Select(run => Task.Run(() => store.TryAcquireLockAsync("shop", run, Ttl))));

        var winners = runs.Zip(results).Where(pair => pair.Second).Select(pair => pair.First).ToList();
        var winner = Assert.Single(winners);
        Assert.Equal(winner, (await store.GetLockAsync("shop"))!.Owner);
    }

    [Fact]
    public async Task An_expired_lock_is_taken_over_and_its_old_owner_can_no_longer_renew_or_release_it()
    {
        var (store, client, time) = await NewAsync(moto);
        using var _c = client;
        await store.TryAcquireLockAsync("shop", "crashed-run", Ttl);

        time.Advance(Ttl - TimeSpan.FromSeconds(1));
        var beforeExpiry = await store.TryAcquireLockAsync("shop", "run-2", Ttl);
        time.Advance(TimeSpan.FromSeconds(1));
        var atExpiry = await store.TryAcquireLockAsync("shop", "run-2", Ttl);
        var oldRenews = await store.RenewLockAsync("shop", "crashed-run", Ttl);
        var oldReleases = await store.ReleaseLockAsync("shop", "crashed-run");

        Assert.Equal((false, true, false, false), (beforeExpiry, atExpiry, oldRenews, oldReleases));
        var held = await store.GetLockAsync("shop");
        Assert.Equal(("run-2", Start + Ttl + Ttl), (held!.Owner, held.ExpiresAt));
    }

    [Fact]
    public async Task Taking_the_lock_tells_whose_expired_lock_was_taken_over()
    {
        var (store, client, time) = await NewAsync(moto);
        using var _c = client;

        var fresh = await store.AcquireLockAsync("shop", "run-1", Ttl);
        var renewed = await store.AcquireLockAsync("shop", "run-1", Ttl);
        var refused = await store.AcquireLockAsync("shop", "run-2", Ttl);
        time.Advance(Ttl);
        var takenOver = await store.AcquireLockAsync("shop", "run-2", Ttl);

        Assert.Equal(new LockAcquisition(true, null), fresh);
        Assert.Equal(new LockAcquisition(true, null), renewed);
        Assert.Equal(new LockAcquisition(false, null), refused);
        Assert.Equal(new LockAcquisition(true, "run-1"), takenOver);
    }

    [Fact]
    public async Task Renewing_extends_the_expiry_so_the_lock_is_not_taken_over()
    {
        var (store, client, time) = await NewAsync(moto);
        using var _c = client;
        await store.TryAcquireLockAsync("shop", "run-1", Ttl);

        time.Advance(TimeSpan.FromMinutes(10));
        var renewed = await store.RenewLockAsync("shop", "run-1", Ttl);
        time.Advance(TimeSpan.FromMinutes(10));
        var taken = await store.TryAcquireLockAsync("shop", "run-2", Ttl);

        Assert.Equal((true, false), (renewed, taken));
        Assert.Equal(Start + TimeSpan.FromMinutes(25), (await store.GetLockAsync("shop"))!.ExpiresAt);
    }

    [Fact]
    public async Task Only_the_owner_releases_the_lock_and_then_another_run_can_take_it()
    {
        var (store, client, _) = await NewAsync(moto);
        using var _c = client;
        await store.TryAcquireLockAsync("shop", "run-1", Ttl);

        var byOther = await store.ReleaseLockAsync("shop", "run-2");
        var byOwner = await store.ReleaseLockAsync("shop", "run-1");
        var afterRelease = await store.GetLockAsync("shop");
        var next = await store.TryAcquireLockAsync("shop", "run-2", Ttl);
        var releaseFree = await store.ReleaseLockAsync("blog", "run-1");

        Assert.Equal((false, true, true, false), (byOther, byOwner, next, releaseFree));
        Assert.Null(afterRelease);
        Assert.False(await store.RenewLockAsync("blog", "run-1", Ttl));
    }
}
