using System.Net;
using Failover.Core.Planning;
using Failover.Core.Route53;
using Failover.Service.Apply;
using Failover.Service.Ports.Route53;
using Failover.Testing.Route53;

namespace Failover.Service.Tests.Apply;

/// <summary>
/// ChangeCidrCollection is not idempotent: the runner reads the collection before every (re)send, sends it with the
/// CollectionVersion it read, and never applies a change twice when an answer was lost.
/// </summary>
[Trait("Category", "Unit")]
public sealed class CidrCollectionRunnerTests
{
    private readonly InMemoryRoute53 _route53 = new();

    private static PlannedCidrCollection Planned(params (string Location, string[] Blocks)[] locations) =>
        new("failover-offices_by-network", "by-network", "failover-offices_by-network.0123456789abcdef", null, null,
            locations.ToDictionary(l => l.Location, l => (IReadOnlyList<string>)l.Blocks, StringComparer.Ordinal), []);

    private async Task<List<string>> BlocksAsync(string id) =>
        [.. (await _route53.ListCidrBlocksAsync(id)).Select(b => $"{b.LocationName} {b.Block}").Order(StringComparer.Ordinal)];

    [Fact]
    public async Task A_lost_answer_after_the_change_landed_is_read_back_and_not_sent_again()
    {
        _route53.FailNext("ChangeCidrCollection", InMemoryRoute53.LostAnswer("ChangeCidrCollection"), applied: true);

        var id = await new CidrCollectionRunner(_route53).ConvergeAsync(Planned(("paris", ["192.0.2.0/24"])), CancellationToken.None);

        Assert.Equal(["paris 192.0.2.0/24"], await BlocksAsync(id!));
        Assert.Equal(1, _route53.Requests["ChangeCidrCollection"]);
        Assert.Equal(2, (await _route53.ListCidrCollectionsAsync()).Single().Version);
    }

    [Fact]
    public async Task A_lost_create_answer_is_repeated_with_the_same_reference_and_finds_the_collection_made()
    {
        _route53.FailNext("CreateCidrCollection", InMemoryRoute53.LostAnswer("CreateCidrCollection"), applied: true);

        var id = await new CidrCollectionRunner(_route53).ConvergeAsync(Planned(("paris", ["192.0.2.0/24"])), CancellationToken.None);

        Assert.Single(await _route53.ListCidrCollectionsAsync());
        Assert.Equal(["paris 192.0.2.0/24"], await BlocksAsync(id!));
    }

    [Fact]
    public async Task A_change_made_in_between_fails_the_version_check_and_the_runner_converges_on_what_is_there_then()
    {
        var runner = new CidrCollectionRunner(_route53);
        var id = (await runner.ConvergeAsync(Planned(("paris", ["192.0.2.0/24"])), CancellationToken.None))!;
        // Someone else adds a block between the runner's read and its change: the version no longer matches.
        _route53.BeforeRequest = async operation =>
        {
            if (operation != "ChangeCidrCollection") return;
            _route53.BeforeRequest = null;
            await _route53.ChangeCidrCollectionAsync(id, [new CidrCollectionChange("lab", CidrChangeAction.Put, ["198.51.100.0/24"])]);
        };

        await runner.ConvergeAsync(Planned(("paris", ["192.0.2.0/24"]), ("isp", ["192.0.0.0/16"])), CancellationToken.None);

        Assert.Equal(["isp 192.0.0.0/16", "paris 192.0.2.0/24"], await BlocksAsync(id));
    }

    [Fact]
    public async Task A_deleted_collection_is_emptied_first_and_one_already_gone_counts_as_deleted()
    {
        var runner = new CidrCollectionRunner(_route53);
        await runner.ConvergeAsync(Planned(("paris", ["192.0.2.0/24"])), CancellationToken.None);
        var deletion = Planned() with { Locations = null };

        Assert.Null(await runner.ConvergeAsync(deletion, CancellationToken.None));
        Assert.Null(await runner.ConvergeAsync(deletion, CancellationToken.None));
        Assert.Empty(await _route53.ListCidrCollectionsAsync());
    }

    [Fact]
    public void More_than_a_thousand_blocks_go_out_in_several_requests_in_order()
    {
        var blocks = Enumerable.Range(0, 1_500).Select(i => $"10.{i / 256}.{i % 256}.0/24").ToList();

        var requests = CidrCollectionRunner.Requests([new CidrCollectionChange("old", CidrChangeAction.DeleteIfExists, blocks),
            new CidrCollectionChange("new", CidrChangeAction.Put, blocks)]);

        Assert.Equal([1_000, 1_000, 1_000], requests.Select(CidrBlocks.Count));
        Assert.Equal(CidrChangeAction.DeleteIfExists, requests[0][0].Action);
        Assert.Equal(CidrChangeAction.Put, requests[2][^1].Action);
    }

    [Fact]
    public async Task The_version_mismatch_error_is_the_typed_one()
    {
        var created = await _route53.CreateCidrCollectionAsync("c", "r");
        var refused = await Assert.ThrowsAsync<CidrCollectionVersionMismatchException>(() =>
            _route53.ChangeCidrCollectionAsync(created.Id, [new CidrCollectionChange("a", CidrChangeAction.Put, ["192.0.2.0/24"])], 7));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
    }
}
