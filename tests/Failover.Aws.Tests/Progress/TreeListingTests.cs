using Failover.Store;
using Failover.Service.Progress;
using static Failover.Aws.Tests.Progress.ProgressTestStores;

namespace Failover.Aws.Tests.Progress;

[Collection(MotoCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class TreeListingTests(MotoFixture moto)
{
    [Fact]
    public async Task Trees_are_listed_page_by_page_until_the_last()
    {
        var (store, client, _) = await NewAsync(moto);
        using var _c = client;
        var names = Enumerable.Range(0, 60).Select(i => $"tree-{i:D3}").ToList();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (name, _) => await store.PutVersionAsync(Tree(name, name + ".example.com"), "{}"));

        var pages = new List<TreePage>();
        string? token = null;
        do
        {
            var page = await store.ListTreesAsync(pageSize: 25, pageToken: token);
            pages.Add(page);
            token = page.NextPageToken;
        } while (token is not null && pages.Count < 10);

        Assert.True(pages.Count >= 3, $"expected at least 3 pages of 25, got {pages.Count}");
        Assert.All(pages, p => Assert.True(p.Trees.Count <= 25));
        Assert.Equal(names, pages.SelectMany(p => p.Trees).Select(t => t.Name));
        Assert.Equal("tree-007.example.com", pages[0].Trees[7].Descriptor.RecordName);
    }

    [Fact]
    public async Task ListAllTrees_follows_every_page()
    {
        var (store, client, _) = await NewAsync(moto);
        using var _c = client;
        foreach (var name in new[] { "c", "a", "b" }) await store.PutVersionAsync(Tree(name), "{}");

        var listed = new List<string>();
        await foreach (var tree in store.ListAllTreesAsync(pageSize: 1)) listed.Add(tree.Name);

        Assert.Equal(["a", "b", "c"], listed);
    }

    [Fact]
    public async Task A_page_token_that_the_store_did_not_make_is_refused()
    {
        var (store, client, _) = await NewAsync(moto);
        using var _c = client;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.ListTreesAsync(10, "not*a*token"));
        Assert.Contains("not*a*token", error.Message);
    }
}
