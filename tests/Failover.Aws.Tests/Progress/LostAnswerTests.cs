using Failover.Core.Route53;
using Failover.Service.Ports;
using Failover.Service.Progress;
using Failover.Store;
using Microsoft.Extensions.Time.Testing;
using static Failover.Aws.Tests.Progress.ProgressTestStores;

namespace Failover.Aws.Tests.Progress;

/// <summary>
/// Conditional writes whose answer DynamoDB loses after applying them (a cut connection, a 500): the SDK resends, the
/// resend fails its condition against the first attempt, and the store must read the item and take the write as done
/// — not as a lock held by someone else, a run id taken, a version number taken (a second version stored) or a claim
/// refused. With the SDK's resends used up, the item decides as well.
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class LostAnswerTests(MotoFixture moto)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(15);

    private async Task<(ProgressStore Store, LostAnswerHandler Faults)> NewAsync(int? maxErrorRetry = null)
    {
        var faults = new LostAnswerHandler();
        var client = faults.Client(moto.Url, maxErrorRetry);
        var table = "progress-" + Guid.NewGuid().ToString("N")[..12];
        await ProgressTable.CreateAsync(client, table);
        return (new ProgressStore(client, table, new FakeTimeProvider(Start)), faults);
    }

    [Theory]
    [InlineData(LostAnswer.Dropped)]
    [InlineData(LostAnswer.ServerError)]
    public async Task A_version_whose_answer_was_lost_is_stored_once(LostAnswer kind)
    {
        var (store, faults) = await NewAsync();
        faults.Arm("PutItem", kind);

        var version = await store.PutVersionAsync(Tree("shop"), "{\"name\":\"shop\"}");

        Assert.Equal(1, faults.Fired);
        Assert.Equal(1, version);
        Assert.Equal([1], (await store.ListVersionsAsync("shop")).Select(v => v.Version));
    }

    [Theory]
    [InlineData(LostAnswer.Dropped)]
    [InlineData(LostAnswer.ServerError)]
    public async Task A_run_whose_answer_was_lost_is_created_not_refused_as_taken(LostAnswer kind)
    {
        var (store, faults) = await NewAsync();
        await store.PutVersionAsync(Tree("shop"), "{\"name\":\"shop\"}");
        faults.Arm("PutItem", kind);

        var run = await store.CreateRunAsync(new NewRun("run-1", "shop", 1, RunKind.Apply));

        Assert.Equal(1, faults.Fired);
        Assert.Equal((RunStatus.Running, "run-1"), (run.Status, (await store.GetTreeAsync("shop"))!.LastRunId));
        await Assert.ThrowsAsync<ProgressConflictException>(() => store.CreateRunAsync(new NewRun("run-1", "shop", 1, RunKind.Apply)));
    }

    [Theory]
    [InlineData(LostAnswer.Dropped)]
    [InlineData(LostAnswer.ServerError)]
    public async Task A_lock_or_claim_whose_answer_was_lost_is_held(LostAnswer kind)
    {
        var (store, faults) = await NewAsync();
        faults.Arm("PutItem", kind);
        var locked = await store.TryAcquireLockAsync("shop", "run-1", Ttl);
        faults.Arm("UpdateItem", kind);
        var renewed = await store.RenewLockAsync("shop", "run-1", Ttl);
        faults.Arm("PutItem", kind);
        var claimed = await store.ClaimRecordNameAsync("Z1", "www.example.com", "A", "shop");

        Assert.Equal(3, faults.Fired);
        Assert.Equal((true, true, true), (locked, renewed, claimed));
        Assert.Equal(("run-1", "shop"), ((await store.GetLockAsync("shop"))!.Owner,
            await store.GetRecordNameOwnerAsync("Z1", "www.example.com", "A")));
        // Someone else's lock and claim are still refused: reading back decides for the writer only.
        Assert.False(await store.TryAcquireLockAsync("shop", "run-2", Ttl));
        Assert.False(await store.ClaimRecordNameAsync("Z1", "www.example.com", "A", "blog"));
    }

    [Theory]
    [InlineData(LostAnswer.Dropped)]
    [InlineData(LostAnswer.ServerError)]
    public async Task With_the_sdk_resends_used_up_the_item_decides(LostAnswer kind)
    {
        var (store, faults) = await NewAsync(maxErrorRetry: 0);
        faults.Arm("PutItem", kind);
        var locked = await store.TryAcquireLockAsync("shop", "run-1", Ttl);
        faults.Arm("DeleteItem", kind);
        var released = await store.ReleaseLockAsync("shop", "run-1");
        faults.Arm("PutItem", kind);
        var version = await store.PutVersionAsync(Tree("shop"), "{\"name\":\"shop\"}");

        Assert.Equal(3, faults.Fired);
        Assert.Equal((true, true, 1), (locked, released, version));
        Assert.Null(await store.GetLockAsync("shop"));
    }

    [Fact]
    public async Task A_write_that_did_not_land_still_fails_as_retryable()
    {
        var (store, _) = await NewAsync(maxErrorRetry: 0);
        // Taken by another run: the condition fails for real, and no resend is involved.
        Assert.True(await store.TryAcquireLockAsync("shop", "run-1", Ttl));
        Assert.False(await store.TryAcquireLockAsync("shop", "run-2", Ttl));
        await Assert.ThrowsAsync<ProgressConflictException>(() => store.CreateRunAsync(new NewRun("run-9", "nope", 1, RunKind.Apply)));
    }

    [Fact]
    public async Task Pending_records_are_not_owned_until_confirmed_and_dropped_claims_leave_nothing()
    {
        var (store, _) = await NewAsync();
        var confirmed = new RecordKey("a.example.com", "A", "x");
        var dropped = new RecordKey("b.example.com", "A", null);
        await store.AddPendingOwnedRecordsAsync("shop", new Dictionary<RecordKey, string> { [confirmed] = "{1}", [dropped] = "{2}" });

        var ownedWhilePending = await store.GetOwnedRecordsAsync("shop");
        var pending = await store.GetPendingOwnedRecordsAsync("shop");
        await store.AddOwnedRecordsAsync("shop", [confirmed]);
        await store.RemoveOwnedRecordsAsync("shop", [dropped]);

        Assert.Empty(ownedWhilePending);
        Assert.Equal(new Dictionary<RecordKey, string> { [confirmed] = "{1}", [dropped] = "{2}" }, pending);
        Assert.Equal([confirmed], await store.GetOwnedRecordsAsync("shop"));
        Assert.Empty(await store.GetPendingOwnedRecordsAsync("shop"));
    }
}
