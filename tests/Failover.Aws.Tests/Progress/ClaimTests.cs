using static Failover.Aws.Tests.Progress.ProgressTestStores;

namespace Failover.Aws.Tests.Progress;

[Collection(MotoCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ClaimTests(MotoFixture moto)
{
    [Fact]
    public async Task A_record_name_and_type_belongs_to_one_tree_at_a_time()
    {
        var (store, client, _) = await NewAsync(moto);
        using var _c = client;

        var shop = await store.ClaimRecordNameAsync("Z1", "www.example.com", "A", "shop");
        var sameTree = await store.ClaimRecordNameAsync("Z1", "www.example.com", "A", "shop");
        // Route 53 names are case-insensitive and the trailing dot is optional: this is the same name.
        var spelledOtherwise = await store.ClaimRecordNameAsync("Z1", "WWW.Example.COM.", "a", "blog");
        var otherType = await store.ClaimRecordNameAsync("Z1", "www.example.com", "AAAA", "blog");
        var otherZone = await store.ClaimRecordNameAsync("Z2", "www.example.com", "A", "blog");

        Assert.Equal((true, true, false, true, true), (shop, sameTree, spelledOtherwise, otherType, otherZone));
        Assert.Equal("shop", await store.GetRecordNameOwnerAsync("Z1", "www.example.com.", "A"));
        Assert.Equal("blog", await store.GetRecordNameOwnerAsync("Z1", "www.example.com", "AAAA"));
        Assert.Null(await store.GetRecordNameOwnerAsync("Z1", "api.example.com", "A"));
    }

    [Fact]
    public async Task Of_concurrent_claims_exactly_one_tree_wins()
    {
        var (store, client, _) = await NewAsync(moto);
        using var _c = client;
        var trees = Enumerable.Range(0, 12).Select(i => $"tree-{i}").ToList();

        var results =
            await Task.WhenAll(trees.Select(tree => Task.Run(() => store.ClaimRecordNameAsync("Z1", "api.example.com", "A", tree))));

        var winner = Assert.Single(trees.Zip(results), pair => pair.Second).First;
        Assert.Equal(winner, await store.GetRecordNameOwnerAsync("Z1", "api.example.com", "A"));
    }

    [Fact]
    public async Task Only_the_owning_tree_releases_a_claim()
    {
        var (store, client, _) = await NewAsync(moto);
        using var _c = client;
        await store.ClaimRecordNameAsync("Z1", "www.example.com", "A", "shop");

        var byOther = await store.ReleaseRecordNameAsync("Z1", "www.example.com", "A", "blog");
        var byOwner = await store.ReleaseRecordNameAsync("Z1", "www.example.com.", "A", "shop");
        var nowFree = await store.ClaimRecordNameAsync("Z1", "www.example.com", "A", "blog");

        Assert.Equal((false, true, true), (byOther, byOwner, nowFree));
        Assert.Equal("blog", await store.GetRecordNameOwnerAsync("Z1", "www.example.com", "A"));
    }
}
