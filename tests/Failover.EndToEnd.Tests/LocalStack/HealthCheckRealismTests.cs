using static Failover.EndToEnd.Tests.LocalStack.Route53Wire;

namespace Failover.EndToEnd.Tests.LocalStack;

/// <summary>CreateHealthCheck's CallerReference idempotency, which moto lacks (it creates a duplicate).</summary>
[Collection(LocalStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class HealthCheckRealismTests(LocalStackFixture fixture) : IAsyncLifetime
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

    private async Task<int> ChecksInMotoWithAsync(string reference) =>
        (await _moto.HealthChecksAsync()).Count(check => check.Element(Ns + "CallerReference")?.Value == reference);

    [Fact]
    public async Task Health_checks_are_listed_a_page_at_a_time_as_Route_53_pages_them()
    {
        var references = Enumerable.Range(0, 3).Select(i => $"paged-{i}-" + Guid.NewGuid().ToString("N")).ToList();
        foreach (var (reference, i) in references.Select((r, i) => (r, i)))
            Assert.Equal(201, (await _edge.CreateHealthCheckAsync(reference, HealthCheckConfig($"192.0.2.{90 + i}"))).Status);
        var inMoto = (await _moto.HealthChecksAsync()).Select(c => c.Element(Ns + "Id")!.Value).ToList();
        Assert.True(inMoto.Count >= 3);

        var ids = new List<string>();
        var pages = 0;
        string? marker = null;
        do
        {
            var answer =
                await _edge.SendAsync(HttpMethod.Get, "/2013-04-01/healthcheck?maxitems=2" + (marker is null ? "" : "&marker=" + marker));
            Assert.Equal(200, answer.Status);
            var root = answer.Body!.Root!;
            var page = root.Element(Ns + "HealthChecks")!.Elements(Ns + "HealthCheck").ToList();
            Assert.InRange(page.Count, 1, 2);
            Assert.Equal("2", root.Element(Ns + "MaxItems")!.Value);
            ids.AddRange(page.Select(c => c.Element(Ns + "Id")!.Value));
            Assert.All(page, c => Assert.NotNull(c.Element(Ns + "HealthCheckConfig")?.Element(Ns + "IPAddress")));
            marker = root.Element(Ns + "IsTruncated")!.Value == "true" ? root.Element(Ns + "NextMarker")!.Value : null;
            pages++;
        } while (marker is not null);

        // moto answers with every check at once; through the layer the same checks come two per page, each once.
        Assert.Equal(inMoto, ids);
        Assert.Equal((inMoto.Count + 1) / 2, pages);
        Assert.Equal(pages, (await fixture.StatsAsync())["requests"]!["ListHealthChecks"]!.GetValue<long>());
    }

    [Fact]
    public async Task Listing_health_checks_from_an_unknown_marker_or_with_a_bad_maxitems_is_InvalidInput()
    {
        var unknown = await _edge.SendAsync(HttpMethod.Get, "/2013-04-01/healthcheck?marker=no-such-check");
        var zero = await _edge.SendAsync(HttpMethod.Get, "/2013-04-01/healthcheck?maxitems=0");

        Assert.Equal((400, "InvalidInput"), (unknown.Status, unknown.ErrorCode));
        Assert.Contains("no-such-check", unknown.ErrorMessage);
        Assert.Equal((400, "InvalidInput"), (zero.Status, zero.ErrorCode));
        Assert.Contains("maxitems", zero.ErrorMessage);
    }

    [Fact]
    public async Task The_same_reference_and_settings_twice_return_the_same_check_with_201()
    {
        var reference = "same-" + Guid.NewGuid().ToString("N");

        var first = await _edge.CreateHealthCheckAsync(reference, HealthCheckConfig("192.0.2.60"));
        var second = await _edge.CreateHealthCheckAsync(reference, HealthCheckConfig("192.0.2.60"));

        Assert.Equal(201, first.Status);
        Assert.Equal(201, second.Status);
        Assert.NotNull(first.HealthCheckId);
        Assert.Equal(first.HealthCheckId, second.HealthCheckId);
        Assert.Equal(1, await ChecksInMotoWithAsync(reference));
        Assert.Equal(1, (await fixture.StatsAsync())["healthCheckReplays"]!["returnedExisting"]!.GetValue<long>());
    }

    [Fact]
    public async Task The_same_reference_with_other_settings_is_HealthCheckAlreadyExists()
    {
        var reference = "different-" + Guid.NewGuid().ToString("N");
        Assert.Equal(201, (await _edge.CreateHealthCheckAsync(reference, HealthCheckConfig("192.0.2.61"))).Status);

        var answer = await _edge.CreateHealthCheckAsync(reference, HealthCheckConfig("192.0.2.61", path: "/other"));

        Assert.Equal(409, answer.Status);
        Assert.Equal("HealthCheckAlreadyExists", answer.ErrorCode);
        Assert.Equal("A different health check has already been created with the specified caller reference.", answer.ErrorMessage);
        Assert.Equal(1, await ChecksInMotoWithAsync(reference));
    }

    [Fact]
    public async Task The_reference_of_a_deleted_check_is_HealthCheckAlreadyExists()
    {
        var reference = "deleted-" + Guid.NewGuid().ToString("N");
        var created = await _edge.CreateHealthCheckAsync(reference, HealthCheckConfig("192.0.2.62"));
        Assert.Equal(200, (await _edge.DeleteHealthCheckAsync(created.HealthCheckId!)).Status);

        var answer = await _edge.CreateHealthCheckAsync(reference, HealthCheckConfig("192.0.2.62"));

        Assert.Equal(409, answer.Status);
        Assert.Equal("HealthCheckAlreadyExists", answer.ErrorCode);
        Assert.Equal(0, await ChecksInMotoWithAsync(reference));
    }

    [Fact]
    public async Task A_check_created_straight_in_moto_is_found_by_its_reference()
    {
        var reference = "direct-" + Guid.NewGuid().ToString("N");
        var direct = await _moto.CreateHealthCheckAsync(reference, HealthCheckConfig("192.0.2.63"));

        var throughEdge = await _edge.CreateHealthCheckAsync(reference, HealthCheckConfig("192.0.2.63"));

        Assert.Equal(201, throughEdge.Status);
        Assert.Equal(direct.HealthCheckId, throughEdge.HealthCheckId);
        Assert.Equal(1, await ChecksInMotoWithAsync(reference));
    }

    [Fact]
    public async Task Moto_answers_the_layers_lookup_by_reference_with_that_references_checks_only()
    {
        var reference = "lookup-" + Guid.NewGuid().ToString("N");
        var wanted = await _moto.CreateHealthCheckAsync(reference, HealthCheckConfig("192.0.2.64"));
        await _moto.CreateHealthCheckAsync(reference + "-other", HealthCheckConfig("192.0.2.65"));

        var answer = await _moto.SendAsync(HttpMethod.Get,
            $"/2013-04-01/healthcheck?failover-caller-reference={Uri.EscapeDataString(reference)}");

        Assert.Equal(200, answer.Status);
        var checks = answer.Body!.Root!.Element(Ns + "HealthChecks")!.Elements(Ns + "HealthCheck").ToList();
        Assert.Equal(wanted.HealthCheckId, Assert.Single(checks).Element(Ns + "Id")?.Value);
    }
}
