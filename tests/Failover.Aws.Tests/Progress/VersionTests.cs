using Failover.Store;
using Failover.Service.Progress;
using Failover.Core.Spec;
using static Failover.Aws.Tests.Progress.ProgressTestStores;

namespace Failover.Aws.Tests.Progress;

[Collection(MotoCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class VersionTests(MotoFixture moto)
{
    [Fact]
    public async Task Versions_are_numbered_from_one_and_read_back_with_their_spec()
    {
        var (store, client, _) = await NewAsync(moto);
        using var _c = client;

        var first = await store.PutVersionAsync(Tree("shop"), """{"name":"shop","v":1}""");
        var second = await store.PutVersionAsync(Tree("shop", drift: DriftPolicy.Repair), """{"name":"shop","v":2}""");

        Assert.Equal((1, 2), (first, second));
        var stored = await store.GetVersionAsync("shop", 1);
        Assert.NotNull(stored);
        Assert.Equal("""{"name":"shop","v":1}""", stored.SpecJson);
        Assert.Equal(Tree("shop"), stored.Info.Descriptor);
        Assert.Equal(Start, stored.Info.CreatedAt);
        Assert.Equal("""{"name":"shop","v":2}""", (await store.GetVersionAsync("shop", 2))!.SpecJson);
        Assert.Null(await store.GetVersionAsync("shop", 3));
        Assert.Null(await store.GetVersionAsync("other", 1));
    }

    [Fact]
    public async Task Versions_are_listed_newest_first_without_reading_their_specs()
    {
        var (store, client, time) = await NewAsync(moto);
        using var _c = client;
        for (var i = 1; i <= 12; i++)
        {
            await store.PutVersionAsync(Tree("api"), $$"""{"v":{{i}}}""");
            time.Advance(TimeSpan.FromMinutes(1));
        }

        var all = await store.ListVersionsAsync("api");
        var newest3 = await store.ListVersionsAsync("api", limit: 3);

        Assert.Equal(Enumerable.Range(1, 12).Reverse(), all.Select(v => v.Version));
        Assert.Equal([12, 11, 10], newest3.Select(v => v.Version));
        Assert.Equal(Start + TimeSpan.FromMinutes(11), all[0].CreatedAt);
        // The digest lets a caller see whether a spec is unchanged without fetching it.
        Assert.Equal(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("""{"v":12}"""u8)),
            all[0].Sha256);
    }

    [Fact]
    public async Task Concurrent_puts_get_distinct_numbers_with_no_gaps()
    {
        var (store, client, _) = await NewAsync(moto);
        using var _c = client;
        await store.PutVersionAsync(Tree("race"), """{"v":0}""");

        var numbers = await Task.WhenAll(Enumerable.Range(1, 12)
            .Select(i => Task.Run(() => store.PutVersionAsync(Tree("race"), $$"""{"writer":{{i}}}"""))));

        Assert.Equal(Enumerable.Range(2, 12), numbers.Order());
        var tree = await store.GetTreeAsync("race");
        Assert.Equal(13, tree!.LatestVersion);
        // Every number holds the spec of the writer it was returned to.
        for (var i = 0; i < numbers.Length; i++)
            Assert.Equal($$"""{"writer":{{i + 1}}}""", (await store.GetVersionAsync("race", numbers[i]))!.SpecJson);
    }

    [Fact]
    public async Task A_spec_longer_than_one_item_is_split_and_read_back_whole()
    {
        var (store, client, _) = await NewAsync(moto);
        using var _c = client;
        // 1.2 MB of text with 2-, 3- and 4-byte characters, so part boundaries fall inside characters' byte runs.
        var spec = "{\"notes\":\"" + string.Concat(Enumerable.Repeat("é€😀abc", 120_000)) + "\"}";

        var version = await store.PutVersionAsync(Tree("big"), spec);

        Assert.Equal(spec, (await store.GetVersionAsync("big", version))!.SpecJson);
        Assert.Single(await store.ListVersionsAsync("big"));
    }

    [Fact]
    public async Task The_first_version_creates_the_tree_as_new_with_its_descriptor()
    {
        var (store, client, time) = await NewAsync(moto);
        using var _c = client;
        await store.PutVersionAsync(Tree("fresh", "fresh.example.com"), "{}");
        time.Advance(TimeSpan.FromSeconds(30));
        await store.PutVersionAsync(Tree("fresh", "moved.example.com"), "{}");

        var tree = await store.GetTreeAsync("fresh");

        Assert.NotNull(tree);
        Assert.Equal(TreeStatus.New, tree.Status);
        Assert.Null(tree.CurrentVersion);
        Assert.Equal(2, tree.LatestVersion);
        // No version is applied yet, so the tree is described by its first version.
        Assert.Equal("fresh.example.com", tree.Descriptor.RecordName);
        Assert.Equal(Start, tree.CreatedAt);
        Assert.Equal(Start + TimeSpan.FromSeconds(30), tree.UpdatedAt);
        Assert.Null(await store.GetTreeAsync("never-stored"));
    }
}
