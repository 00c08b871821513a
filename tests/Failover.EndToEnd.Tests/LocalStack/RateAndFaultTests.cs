using static Failover.EndToEnd.Tests.LocalStack.Route53Wire;

namespace Failover.EndToEnd.Tests.LocalStack;

/// <summary>The account-wide request rate and injected faults, as a Route 53 client sees them.</summary>
[Collection(LocalStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class RateAndFaultTests(LocalStackFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetRealismAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Requests_above_the_rate_are_Throttling_until_tokens_come_back()
    {
        await fixture.SetRealismAsync("""{"rateLimit":{"perSecond":1,"burst":3}}""");
        using var edge = new Route53Wire(fixture.EdgeUrl);

        var statuses = new List<int>();
        for (var i = 0; i < 3; i++) statuses.Add((await edge.SendAsync(HttpMethod.Get, "/2013-04-01/hostedzone")).Status);
        var throttled = await edge.SendAsync(HttpMethod.Get, "/2013-04-01/hostedzone");
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var refilled = await edge.SendAsync(HttpMethod.Get, "/2013-04-01/hostedzone");

        Assert.Equal([200, 200, 200], statuses);
        Assert.Equal(400, throttled.Status);
        Assert.Equal("Throttling", throttled.ErrorCode);
        Assert.Equal("Rate exceeded", throttled.ErrorMessage);
        Assert.Equal(200, refilled.Status);
        Assert.Equal(1, (await fixture.StatsAsync())["throttled"]!["ListHostedZones"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("Throttling", 400, "Throttling")]
    [InlineData("PriorRequestNotComplete", 400, "PriorRequestNotComplete")]
    [InlineData("ServerError", 503, "ServiceUnavailable")]
    public async Task An_error_fault_at_rate_one_answers_every_request_with_it_and_applies_nothing(string kind, int status, string code)
    {
        await fixture.SetRealismAsync($$$"""{"faults":{"rate":1,"kinds":["{{{kind}}}"]}}""");
        using var edge = new Route53Wire(fixture.EdgeUrl);
        var name = $"fault-{kind.ToLowerInvariant()}.example.com";

        var answer = await edge.ChangeAsync(fixture.ZoneId, Change("CREATE", Plain(name, "A", "192.0.2.80")));

        Assert.Equal(status, answer.Status);
        Assert.Equal(code, answer.ErrorCode);
        Assert.False(await ExistsInMotoAsync(name));
        Assert.Equal(1, (await fixture.StatsAsync())["faults"]![kind]!.GetValue<long>());
    }

    [Fact]
    public async Task A_dropped_connection_reaches_the_client_as_a_failed_request_and_applies_nothing()
    {
        await fixture.SetRealismAsync("""{"faults":{"rate":1,"kinds":["DroppedConnection"]}}""");
        using var edge = new Route53Wire(fixture.EdgeUrl);

        await Assert.ThrowsAsync<HttpRequestException>(() => edge.SendAsync(HttpMethod.Post,
            $"/2013-04-01/hostedzone/{fixture.ZoneId}/rrset/",
                ChangeRequest(Plain("fault-dropped.example.com", "A", "192.0.2.81")), closeConnection: true));

        Assert.False(await ExistsInMotoAsync("fault-dropped.example.com"));
        Assert.Equal(1, (await fixture.StatsAsync())["faults"]!["DroppedConnection"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_response_lost_after_the_change_was_applied_fails_the_request_but_the_record_exists()
    {
        await fixture.SetRealismAsync("""{"faults":{"rate":1,"kinds":["ResponseLostAfterApplied"]}}""");
        using var edge = new Route53Wire(fixture.EdgeUrl);

        await Assert.ThrowsAsync<HttpRequestException>(() => edge.SendAsync(HttpMethod.Post,
            $"/2013-04-01/hostedzone/{fixture.ZoneId}/rrset/",
                ChangeRequest(Plain("fault-lost.example.com", "A", "192.0.2.82")), closeConnection: true));

        Assert.True(await ExistsInMotoAsync("fault-lost.example.com"));
        Assert.Equal(1, (await fixture.StatsAsync())["faults"]!["ResponseLostAfterApplied"]!.GetValue<long>());
    }

    [Fact]
    public async Task Faults_can_be_limited_to_some_operations()
    {
        await fixture.SetRealismAsync("""{"faults":{"rate":1,"kinds":["Throttling"],"operations":["ChangeResourceRecordSets"]}}""");
        using var edge = new Route53Wire(fixture.EdgeUrl);

        var read = await edge.SendAsync(HttpMethod.Get, $"/2013-04-01/hostedzone/{fixture.ZoneId}/rrset");
        var write = await edge.ChangeAsync(fixture.ZoneId, Change("CREATE", Plain("fault-only-writes.example.com", "A", "192.0.2.83")));

        Assert.Equal(200, read.Status);
        Assert.Equal("Throttling", write.ErrorCode);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_faults()
    {
        async Task<string> DrawAsync()
        {
            await fixture.ResetRealismAsync();
            await fixture.SetRealismAsync("""{"faults":{"rate":0.5,"kinds":["Throttling","PriorRequestNotComplete"],"seed":42}}""");
            using var edge = new Route53Wire(fixture.EdgeUrl);
            var codes = new List<string>();
            for (var i = 0; i < 12; i++) codes.Add((await edge.SendAsync(HttpMethod.Get, "/2013-04-01/hostedzone")).ErrorCode ?? "ok");
            return string.Join(",", codes);
        }

        var first = await DrawAsync();
        var second = await DrawAsync();

        Assert.Equal(first, second);
        Assert.Contains("ok", first.Split(','));
        Assert.Contains(first.Split(','), code => code != "ok");
    }

    private static System.Xml.Linq.XElement ChangeRequest(System.Xml.Linq.XElement recordSet) =>
        new(Ns + "ChangeResourceRecordSetsRequest",
            new System.Xml.Linq.XElement(Ns + "ChangeBatch", new System.Xml.Linq.XElement(Ns + "Changes", Change("CREATE", recordSet))));

    private async Task<bool> ExistsInMotoAsync(string name)
    {
        using var moto = new Route53Wire(fixture.Stack.MotoUrl);
        return (await moto.RecordSetsAsync(fixture.ZoneId)).Any(recordSet => recordSet.Element(Ns + "Name")!.Value == name + ".");
    }
}
