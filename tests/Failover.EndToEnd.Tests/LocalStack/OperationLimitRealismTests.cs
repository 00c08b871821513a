using static Failover.EndToEnd.Tests.LocalStack.Route53Wire;

namespace Failover.EndToEnd.Tests.LocalStack;

/// <summary>
/// Route 53's per-operation request buckets as a client sees them through the realism layer ("Throttling for Amazon
/// Route 53 API requests": CreateHealthCheck 50 tokens, refilled 0.5 a second; a request is throttled if its operation's
/// bucket or the account's is empty). The account's bucket is set large here so only the operation's can run out.
/// </summary>
[Collection(LocalStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class OperationLimitRealismTests(LocalStackFixture fixture) : IAsyncLifetime
{
    private readonly Route53Wire _edge = new(fixture.EdgeUrl);
    private readonly List<string> _created = [];

    public Task InitializeAsync() => fixture.ResetRealismAsync();

    public async Task DisposeAsync()
    {
        // DeleteHealthCheck has a bucket of 15: clean up with the operation buckets off.
        await fixture.SetRealismAsync("""{"operationLimits":{"enabled":false}}""");
        foreach (var id in _created) await _edge.DeleteHealthCheckAsync(id);
        _edge.Dispose();
    }

    [Fact]
    public async Task The_51st_CreateHealthCheck_in_a_burst_is_throttled_while_other_operations_go_and_one_comes_back_in_2_s()
    {
        await fixture.SetRealismAsync("""{"rateLimit":{"perSecond":10,"burst":500},"operationLimits":{"enabled":true}}""");
        var prefix = Guid.NewGuid().ToString("N")[..8];

        for (var i = 0; i < 50; i++) await CreateAsync($"{prefix}-{i}", expect: 201);
        var throttled = await _edge.CreateHealthCheckAsync($"{prefix}-50", HealthCheckConfig("192.0.2.150"));
        var zone = await _edge.SendAsync(HttpMethod.Get, $"/2013-04-01/hostedzone/{fixture.ZoneId}");
        var listed = await _edge.SendAsync(HttpMethod.Get, "/2013-04-01/healthcheck");
        var changed = await _edge.ChangeAsync(fixture.ZoneId, Change("UPSERT", Plain($"{prefix}.oplimit.example.com", "A", "192.0.2.151")));
        fixture.Clock.Advance(TimeSpan.FromSeconds(2));
        await CreateAsync($"{prefix}-50", expect: 201);

        Assert.Equal((400, "Throttling"), (throttled.Status, throttled.ErrorCode));
        Assert.Equal([200, 200, 200], new[] { zone.Status, listed.Status, changed.Status });
        var stats = await fixture.StatsAsync();
        Assert.Equal(1, stats["throttled"]!["CreateHealthCheck"]!.GetValue<long>());
        Assert.Equal(1, stats["throttledBy"]!["operation"]!.GetValue<long>());
        Assert.Null(stats["throttledBy"]!["account"]);
    }

    [Fact]
    public async Task With_the_operation_buckets_off_the_51st_create_goes()
    {
        await fixture.SetRealismAsync("""{"rateLimit":{"perSecond":10,"burst":500}}""");
        var prefix = Guid.NewGuid().ToString("N")[..8];

        for (var i = 0; i < 51; i++) await CreateAsync($"{prefix}-{i}", expect: 201);

        Assert.Null((await fixture.StatsAsync())["throttled"]!["CreateHealthCheck"]);
    }

    private async Task CreateAsync(string reference, int expect)
    {
        var answer = await _edge.CreateHealthCheckAsync(reference, HealthCheckConfig($"192.0.2.{_created.Count % 200 + 1}"));
        Assert.True(answer.Status == expect, $"{reference}: {answer.Status} {answer.Text}");
        _created.Add(answer.HealthCheckId!);
    }
}
