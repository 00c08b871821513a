using Failover.Aws.Route53;
using Failover.Service.Ports.Route53;
using Failover.Core.Route53;

namespace Failover.Aws.Tests.Route53;

[Collection(MotoCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class Route53HealthCheckTests(MotoFixture moto)
{
    private static HealthCheckConfig Https(string ip) => new()
    {
        Type = "HTTPS_STR_MATCH",
        IpAddress = ip,
        Port = 8443,
        ResourcePath = "/health",
        FullyQualifiedDomainName = "api.example.com",
        SearchString = "ok",
        RequestInterval = 10,
        FailureThreshold = 2,
        MeasureLatency = true,
        Inverted = false,
        EnableSni = true,
        Regions = ["us-east-1", "eu-west-1", "ap-southeast-1"],
    };

    [Fact]
    public async Task A_health_check_is_created_read_updated_and_deleted()
    {
        var client = Route53MotoClient.Create(moto);
        var reference = Guid.NewGuid().ToString();
        var config = Https("192.0.2.44");

        var created = await client.CreateHealthCheckAsync(reference, config);
        Assert.Equal(reference, created.CallerReference);
        Assert.True(config.SameAs(created.Config), $"created as {created.Config}");

        var read = await client.GetHealthCheckAsync(created.Id);
        Assert.Equal(created.Id, read.Id);
        Assert.True(config.SameAs(read.Config), $"read as {read.Config}");

        var changed = config with { IpAddress = "192.0.2.45", FailureThreshold = 5, ResourcePath = "/ready" };
        var updated = await client.UpdateHealthCheckAsync(created.Id, changed);
        Assert.Equal("192.0.2.45", updated.Config.IpAddress);
        Assert.Equal(5, updated.Config.FailureThreshold);
        Assert.Equal("/ready", (await client.GetHealthCheckAsync(created.Id)).Config.ResourcePath);

        await client.DeleteHealthCheckAsync(created.Id);
        var gone = await Assert.ThrowsAsync<NoSuchHealthCheckException>(() => client.GetHealthCheckAsync(created.Id));
        Assert.Equal("NoSuchHealthCheck", gone.Code);
    }

    [Fact]
    public async Task Listing_finds_every_health_check_created()
    {
        var client = Route53MotoClient.Create(moto);
        var ids = new List<string>();
        for (var i = 0; i < 105; i++)
            ids.Add(
                (await client.CreateHealthCheckAsync(Guid.NewGuid().ToString(),
                new HealthCheckConfig { Type = "TCP", IpAddress = $"198.51.100.{i}", Port = 80 })).Id);

        var listed = new List<HealthCheck>();
        await foreach (var check in client.ListAllHealthChecksAsync(pageSize: 20)) listed.Add(check);

        Assert.Subset(listed.Select(c => c.Id).ToHashSet(), ids.ToHashSet());
        Assert.Equal(listed.Count, listed.Select(c => c.Id).Distinct().Count());
        var one = listed.Single(c => c.Id == ids[7]);
        Assert.Equal("198.51.100.7", one.Config.IpAddress);
    }

    [Fact]
    public async Task Tags_are_added_listed_and_removed()
    {
        var client = Route53MotoClient.Create(moto);
        var check =
            await client.CreateHealthCheckAsync(Guid.NewGuid().ToString(),
            new HealthCheckConfig { Type = "TCP", IpAddress = "192.0.2.9", Port = 22 });

        await client.ChangeTagsForResourceAsync(check.Id,
            [new ResourceTag("failover:tree", "shop"), new ResourceTag("failover:node", "primary"), new ResourceTag("Name", "x")]);
        await client.ChangeTagsForResourceAsync(check.Id, [], ["Name"]);

        var tags = await client.ListTagsForResourceAsync(check.Id);
        Assert.Equal(
            new[] { new ResourceTag("failover:node", "primary"), new ResourceTag("failover:tree", "shop") },
            tags.OrderBy(t => t.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Status_lists_the_checkers_observations()
    {
        var client = Route53MotoClient.Create(moto);
        var check =
            await client.CreateHealthCheckAsync(Guid.NewGuid().ToString(),
            new HealthCheckConfig { Type = "HTTP", IpAddress = "192.0.2.11", Port = 80, ResourcePath = "/" });

        var observations = await client.GetHealthCheckStatusAsync(check.Id);

        Assert.NotEmpty(observations);
        Assert.All(observations, o => Assert.False(string.IsNullOrEmpty(o.Status)));
        await Assert.ThrowsAsync<NoSuchHealthCheckException>(() =>
            client.GetHealthCheckStatusAsync("00000000-0000-0000-0000-000000000000"));
    }
}
