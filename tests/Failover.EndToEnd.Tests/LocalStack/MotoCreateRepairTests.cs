using static Failover.EndToEnd.Tests.LocalStack.Route53Wire;

namespace Failover.EndToEnd.Tests.LocalStack;

/// <summary>A record set deleted and created again, exactly as before: Route 53 accepts it, and so must the local stack.</summary>
[Collection(LocalStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class MotoCreateRepairTests(LocalStackFixture fixture) : IAsyncLifetime
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
    public async Task The_same_record_set_created_again_after_its_deletion_is_accepted()
    {
        var record = Plain("recreated.example.com", "A", "192.0.2.77");

        var first = await _edge.ChangeAsync(fixture.ZoneId, Change("CREATE", record));
        var deleted = await _edge.ChangeAsync(fixture.ZoneId, Change("DELETE", record));
        var again = await _edge.ChangeAsync(fixture.ZoneId, Change("CREATE", record));
        var twice = await _edge.ChangeAsync(fixture.ZoneId, Change("CREATE", record));

        Assert.Equal((200, 200, 200), (first.Status, deleted.Status, again.Status));
        Assert.Contains("recreated.example.com.", (await _moto.RecordSetsAsync(fixture.ZoneId)).Select(r => r.Element(Ns + "Name")!.Value));
        // Still refused while it exists, as Route 53 does.
        Assert.Equal((400, "InvalidChangeBatch"), (twice.Status, twice.ErrorCode));
        Assert.Equal(0, (await _edge.ChangeAsync(fixture.ZoneId, Change("DELETE", record))).Status - 200);
    }
}
