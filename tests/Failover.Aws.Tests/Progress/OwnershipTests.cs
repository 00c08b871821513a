using Failover.Core.Route53;
using static Failover.Aws.Tests.Progress.ProgressTestStores;

namespace Failover.Aws.Tests.Progress;

[Collection(MotoCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class OwnershipTests(MotoFixture moto)
{
    [Fact]
    public async Task The_owned_set_is_replaced_by_adding_the_missing_and_removing_the_rest()
    {
        var (store, client, _) = await NewAsync(moto);
        using var _c = client;
        var first = Enumerable.Range(0, 60).Select(i => new RecordKey("www.example.com", "A", $"w{i}")).ToHashSet();
        var second = first.Take(20).Append(new RecordKey("_fo-eu.www.example.com", "A", null)).ToHashSet();

        await store.SetOwnedRecordsAsync("shop", first);
        var afterFirst = await store.GetOwnedRecordsAsync("shop");
        await store.SetOwnedRecordsAsync("shop", second);
        var afterSecond = await store.GetOwnedRecordsAsync("shop");

        Assert.True(afterFirst.SetEquals(first));
        Assert.True(afterSecond.SetEquals(second));
        Assert.Empty(await store.GetOwnedRecordsAsync("blog"));
    }

    [Fact]
    public async Task Records_are_added_and_removed_one_change_at_a_time_and_keys_stay_distinct()
    {
        var (store, client, _) = await NewAsync(moto);
        using var _c = client;
        // Keys that differ only in where a '#' falls, or in a missing set identifier, are different records.
        RecordKey[] keys =
        [
            new("a.example.com", "A", null),
            new("a.example.com", "A", "x#y"),
            new("a.example.com", "A", "x"),
            new("a.example.com", "AAAA", null),
        ];

        await store.AddOwnedRecordsAsync("shop", keys);
        await store.AddOwnedRecordsAsync("shop", [keys[0]]);
        await store.RemoveOwnedRecordsAsync("shop", [keys[2], new RecordKey("never.example.com", "A", null)]);

        var owned = await store.GetOwnedRecordsAsync("shop");
        Assert.True(owned.SetEquals([keys[0], keys[1], keys[3]]), string.Join("; ", owned));
    }
}
