using static Failover.EndToEnd.Tests.LocalStack.Route53Wire;

namespace Failover.EndToEnd.Tests.LocalStack;

/// <summary>CreateHealthCheck's CallerReference idempotency, which moto lacks (it creates a duplicate).</summary>
[Collection(LocalStackCollection.Name)]
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
}
