using static Failover.EndToEnd.Tests.LocalStack.Route53Wire;

namespace Failover.EndToEnd.Tests.LocalStack;

/// <summary>
/// An alias record set is listed as Route 53 lists it: AliasTarget, and no TTL or ResourceRecords (API reference,
/// ResourceRecordSet: "If you're creating or updating an alias resource record set, omit TTL"; an alias takes its TTL
/// from its target). moto 5.2.1 lists it with TTL 0.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(LocalStackCollection.Name)]
public sealed class AliasListingTests(LocalStackFixture fixture) : IAsyncLifetime
{
    private readonly Route53Wire _edge = new(fixture.EdgeUrl);
    private readonly Route53Wire _moto = new(fixture.Stack.MotoUrl);

    public Task InitializeAsync() => fixture.ResetRealismAsync();

    public Task DisposeAsync()
    {
        _edge.Dispose();
        _moto.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_alias_is_listed_without_a_TTL_while_a_plain_record_keeps_its_own()
    {
        var target = Plain("alias-target.listing.example.com", "A", "192.0.2.61");
        var alias = Alias("alias.listing.example.com", fixture.ZoneId, "alias-target.listing.example.com");
        var created = await _edge.ChangeAsync(fixture.ZoneId, Change("CREATE", target), Change("CREATE", alias));
        Assert.True(created.Status == 200, created.Text);

        var path = $"/2013-04-01/hostedzone/{fixture.ZoneId}/rrset?name=alias.listing.example.com&maxitems=10";
        var listed = await _edge.SendAsync(HttpMethod.Get, path);
        var viaMoto = await _moto.SendAsync(HttpMethod.Get, path);

        var records = listed.Body!.Root!.Element(Ns + "ResourceRecordSets")!.Elements(Ns + "ResourceRecordSet").ToList();
        var listedAlias = Assert.Single(records, r => r.Element(Ns + "Name")!.Value == "alias.listing.example.com.");
        var listedTarget = Assert.Single(records, r => r.Element(Ns + "Name")!.Value == "alias-target.listing.example.com.");
        Assert.Null(listedAlias.Element(Ns + "TTL"));
        Assert.Null(listedAlias.Element(Ns + "ResourceRecords"));
        Assert.NotNull(listedAlias.Element(Ns + "AliasTarget"));
        Assert.Equal("60", listedTarget.Element(Ns + "TTL")?.Value);
        // What the layer repairs: moto's own answer carries the TTL 0.
        Assert.Contains("<TTL>0</TTL>", viaMoto.Text);

        await _edge.ChangeAsync(fixture.ZoneId, Change("DELETE", alias), Change("DELETE", target));
    }
}
