using static Failover.EndToEnd.Tests.LocalStack.Route53Wire;

namespace Failover.EndToEnd.Tests.LocalStack;

/// <summary>Changes go PENDING → INSYNC on the stack's clock; moto reports INSYNC at once, under one fixed id.</summary>
[Collection(LocalStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ChangePropagationTests(LocalStackFixture fixture) : IAsyncLifetime
{
    private readonly Route53Wire _edge = new(fixture.EdgeUrl);

    public Task InitializeAsync() => fixture.ResetRealismAsync();

    public Task DisposeAsync()
    {
        _edge.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_change_is_PENDING_for_the_configured_time_then_INSYNC()
    {
        await fixture.SetRealismAsync("""{"changePendingSeconds":30}""");
        var change = await _edge.ChangeAsync(fixture.ZoneId, Change("CREATE", Plain("pending.example.com", "A", "192.0.2.70")));
        Assert.Equal("PENDING", change.ChangeStatus);

        var early = await _edge.GetChangeAsync(change.ChangeId!);
        fixture.Clock.Advance(TimeSpan.FromSeconds(29));
        var almost = await _edge.GetChangeAsync(change.ChangeId!);
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var done = await _edge.GetChangeAsync(change.ChangeId!);

        Assert.Equal(("PENDING", "PENDING", "INSYNC"), (early.ChangeStatus, almost.ChangeStatus, done.ChangeStatus));
        Assert.Equal(change.ChangeId, done.ChangeId);
        var answers = (await fixture.StatsAsync())["getChangeAnswers"]!;
        Assert.Equal((2, 1), (answers["PENDING"]!.GetValue<long>(), answers["INSYNC"]!.GetValue<long>()));
    }

    [Fact]
    public async Task A_change_waited_on_counts_once_however_often_it_is_asked_about()
    {
        await fixture.SetRealismAsync("""{"changePendingSeconds":30}""");
        var first = await _edge.ChangeAsync(fixture.ZoneId, Change("CREATE", Plain("waited-1.example.com", "A", "192.0.2.72")));
        var second = await _edge.ChangeAsync(fixture.ZoneId, Change("CREATE", Plain("waited-2.example.com", "A", "192.0.2.73")));

        await _edge.GetChangeAsync(first.ChangeId!);
        await _edge.GetChangeAsync(first.ChangeId!);
        fixture.Clock.Advance(TimeSpan.FromSeconds(30));
        await _edge.GetChangeAsync(first.ChangeId!);
        await _edge.GetChangeAsync(second.ChangeId!);

        // Two PENDING answers for the first change, none for the second (INSYNC when first asked): one wait.
        var stats = await fixture.StatsAsync();
        Assert.Equal(2, stats["getChangeAnswers"]!["PENDING"]!.GetValue<long>());
        Assert.Equal(1, stats["changesWaitedOn"]!["changes"]!.GetValue<long>());
    }

    [Fact]
    public async Task With_no_pending_time_a_change_is_INSYNC_at_once()
    {
        await fixture.SetRealismAsync("""{"changePendingSeconds":0}""");

        var change = await _edge.ChangeAsync(fixture.ZoneId, Change("CREATE", Plain("insync.example.com", "A", "192.0.2.71")));

        Assert.Equal("INSYNC", change.ChangeStatus);
        Assert.Equal("INSYNC", (await _edge.GetChangeAsync(change.ChangeId!)).ChangeStatus);
    }

    [Fact]
    public async Task Every_change_gets_its_own_id()
    {
        var first = await _edge.ChangeAsync(fixture.ZoneId, Change("CREATE", Plain("ids-1.example.com", "A", "192.0.2.72")));
        var second = await _edge.ChangeAsync(fixture.ZoneId, Change("CREATE", Plain("ids-2.example.com", "A", "192.0.2.73")));

        Assert.StartsWith("/change/C", first.ChangeId);
        Assert.NotEqual(first.ChangeId, second.ChangeId);
    }
}
