using System.Text;
using System.Text.Json.Nodes;
using Failover.Local.Edge;

namespace Failover.EndToEnd.Tests.LocalStack;

[Collection(LocalStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ControlEndpointTests(LocalStackFixture fixture) : IAsyncLifetime
{
    private readonly HttpClient _http = new() { BaseAddress = fixture.EdgeUrl };

    public Task InitializeAsync() => fixture.ResetRealismAsync();

    public Task DisposeAsync()
    {
        _http.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Realism_settings_read_back_what_was_set()
    {
        using var content =
            new StringContent("""{"changePendingSeconds":5,"rateLimit":{"burst":7},"faults":{"kinds":["ServerError"]}}""", Encoding.UTF8);
        (await _http.PutAsync(LocalControlEndpoints.RealismPath, content)).EnsureSuccessStatusCode();

        var settings = JsonNode.Parse(await _http.GetStringAsync(LocalControlEndpoints.RealismPath))!;

        Assert.Equal(5, settings["changePendingSeconds"]!.GetValue<double>());
        Assert.Equal(7, settings["rateLimit"]!["burst"]!.GetValue<int>());
        Assert.Equal(5, settings["rateLimit"]!["perSecond"]!.GetValue<double>());
        Assert.Equal(["ServerError"], settings["faults"]!["kinds"]!.AsArray().Select(kind => kind!.GetValue<string>()));
    }

    [Theory]
    [InlineData("""{"faults":{"rate":1.5}}""", "faults.rate must be between 0 and 1")]
    [InlineData("""{"rateLimit":{"perSecond":0}}""", "rateLimit.perSecond must be a positive number")]
    [InlineData("""{"faults":{"kinds":["Meteor"]}}""", "faults.kinds: 'Meteor' is not a fault kind")]
    [InlineData("""{"aliasTargets":true}""", "'aliasTargets' is not a realism setting")]
    [InlineData("""{"enabled":"yes"}""", "enabled must be true or false")]
    [InlineData("""[1]""", "must be a JSON object")]
    public async Task An_invalid_setting_is_refused_naming_it_and_nothing_changes(string body, string message)
    {
        var before = await _http.GetStringAsync(LocalControlEndpoints.RealismPath);
        using var content = new StringContent(body, Encoding.UTF8);

        using var response = await _http.PutAsync(LocalControlEndpoints.RealismPath, content);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains(message, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
        Assert.Equal(before, await _http.GetStringAsync(LocalControlEndpoints.RealismPath));
    }

    [Fact]
    public async Task Stats_count_requests_by_operation()
    {
        using var edge = new Route53Wire(fixture.EdgeUrl);
        await edge.SendAsync(HttpMethod.Get, "/2013-04-01/hostedzone");
        await edge.SendAsync(HttpMethod.Get, "/2013-04-01/hostedzone");
        await edge.SendAsync(HttpMethod.Get, $"/2013-04-01/hostedzone/{fixture.ZoneId}/rrset");

        var stats = await fixture.StatsAsync();

        Assert.Equal(2, stats["requests"]!["ListHostedZones"]!.GetValue<long>());
        Assert.Equal(1, stats["requests"]!["ListResourceRecordSets"]!.GetValue<long>());
        Assert.Equal(3, stats["totalRequests"]!.GetValue<long>());
    }
}
