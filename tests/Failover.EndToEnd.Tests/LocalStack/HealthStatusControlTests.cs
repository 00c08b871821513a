using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Failover.Local.Edge;
using static Failover.EndToEnd.Tests.LocalStack.Route53Wire;

namespace Failover.EndToEnd.Tests.LocalStack;

/// <summary>
/// <c>/_local/health-status</c>: moto's GetHealthCheckStatus always reports success; a status set here is what every
/// checker of that check reports through the edge, realism layer on or off.
/// </summary>
[Collection(LocalStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class HealthStatusControlTests(LocalStackFixture fixture) : IAsyncLifetime
{
    private const string Failing = "Failure: HTTP Status Code 503, Service Unavailable";

    private readonly HttpClient _http = new() { BaseAddress = fixture.EdgeUrl };
    private readonly Route53Wire _edge = new(fixture.EdgeUrl);
    private readonly Route53Wire _moto = new(fixture.Stack.MotoUrl);

    public Task InitializeAsync() => fixture.ResetRealismAsync();

    public async Task DisposeAsync()
    {
        (await _http.DeleteAsync(LocalControlEndpoints.HealthStatusPath)).EnsureSuccessStatusCode();
        await fixture.ResetRealismAsync();
        _http.Dispose();
        _edge.Dispose();
        _moto.Dispose();
    }

    private static List<string> Statuses(Answer answer) =>
        [.. answer.Body!.Descendants(Ns + "StatusReport").Select(r => r.Element(Ns + "Status")!.Value)];

    private async Task<HttpResponseMessage> SetAsync(string body) =>
        await _http.PostAsync(LocalControlEndpoints.HealthStatusPath, new StringContent(body, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task A_status_set_for_a_check_is_what_its_checkers_report_until_it_is_cleared()
    {
        var created = await _edge.CreateHealthCheckAsync("status-" + Guid.NewGuid().ToString("N"), HealthCheckConfig("192.0.2.70"));
        Assert.Equal(201, created.Status);
        var id = created.Body!.Root!.Element(Ns + "HealthCheck")!.Element(Ns + "Id")!.Value;
        var path = $"/2013-04-01/healthcheck/{id}/status";
        Assert.All(Statuses(await _edge.SendAsync(HttpMethod.Get, path)), s => Assert.StartsWith("Success", s));

        using (var set = await SetAsync(new JsonObject { ["healthCheckId"] = id, ["status"] = Failing }.ToJsonString()))
            Assert.Equal(Failing, JsonNode.Parse(await set.Content.ReadAsStringAsync())!["statuses"]![id]!.GetValue<string>());

        var failing = Statuses(await _edge.SendAsync(HttpMethod.Get, path));
        Assert.NotEmpty(failing);
        Assert.All(failing, s => Assert.Equal(Failing, s));
        // moto itself still says success: the edge is what changed the answer.
        Assert.All(Statuses(await _moto.SendAsync(HttpMethod.Get, path)), s => Assert.StartsWith("Success", s));
        Assert.Equal(1, (await fixture.StatsAsync())["observedStatuses"]!["failure"]!.GetValue<long>());

        // A test's instruction, not realism: it holds with the layer switched off.
        using (var off = await _http.PutAsync(LocalControlEndpoints.RealismPath, new StringContent("""{"enabled":false}""", Encoding.UTF8)))
            off.EnsureSuccessStatusCode();
        Assert.All(Statuses(await _edge.SendAsync(HttpMethod.Get, path)), s => Assert.Equal(Failing, s));

        (await SetAsync(new JsonObject { ["healthCheckId"] = id, ["status"] = null }.ToJsonString())).EnsureSuccessStatusCode();
        Assert.All(Statuses(await _edge.SendAsync(HttpMethod.Get, path)), s => Assert.StartsWith("Success", s));
    }

    [Fact]
    public async Task A_status_for_a_check_that_does_not_exist_leaves_Route_53_s_error_as_it_is()
    {
        (await SetAsync("""{"healthCheckId":"no-such-check","status":"Failure: timeout"}""")).EnsureSuccessStatusCode();
        var answer = await _edge.SendAsync(HttpMethod.Get, "/2013-04-01/healthcheck/no-such-check/status");
        Assert.Equal(404, answer.Status);
        Assert.Equal("NoSuchHealthCheck", answer.ErrorCode);
    }

    [Theory]
    [InlineData("""{"status":"Failure"}""", "$.healthCheckId")]
    [InlineData("""{"healthCheckId":"abc","status":""}""", "$.status")]
    [InlineData("""{"healthCheckId":"abc","status":3}""", "$.status")]
    [InlineData("""{"healthCheckId":"abc"}""", "$.status")]
    [InlineData("""["abc"]""", "JSON object")]
    [InlineData("""{""", "not JSON")]
    public async Task A_malformed_request_is_refused_naming_what_is_wrong_and_nothing_is_set(string body, string named)
    {
        using var response = await SetAsync(body);
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains(named, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
        var listed = JsonNode.Parse(await _http.GetStringAsync(LocalControlEndpoints.HealthStatusPath))!["statuses"]!.AsObject();
        Assert.False(listed.ContainsKey("abc"));
    }
}
