using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Failover.Service.Apply;
using Failover.EndToEnd.Tests.Workflow;
using Failover.Local.Edge;

namespace Failover.EndToEnd.Tests.Api;

/// <summary>
/// <c>GET /trees/{name}/health</c> on the local stack: the tree's checks found in Route 53 (moto) by tag, their status
/// read with GetHealthCheckStatus, and a check made to fail through the stack's <c>/_local/health-status</c>.
/// </summary>
[Collection(ApiStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ApiHealthTests(ApiStackFixture stack) : IAsyncLifetime
{
    private const string Failing = "Failure: HTTP Status Code 503, Service Unavailable. Resolved IP: 2001:db8::10";

    private readonly ApiClient _api = stack.Api;
    private readonly WorkflowTestSupport _support = stack.Support;
    private readonly HttpClient _edge = new() { BaseAddress = stack.Stack.EdgeUrl };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        (await _edge.DeleteAsync(LocalControlEndpoints.HealthStatusPath)).EnsureSuccessStatusCode();
        _edge.Dispose();
    }

    [Fact]
    public async Task A_check_whose_checkers_fail_shows_its_endpoint_unhealthy_and_the_others_healthy()
    {
        var (path, spec) = _support.WriteSpec("simple-failover.json", name: "health-" + Guid.NewGuid().ToString("N")[..8], edit: json =>
            json["root"]!["secondary"]!["endpoint"]!["healthCheck"] =
                new JsonObject { ["type"] = "HTTPS", ["path"] = "/standby", ["fqdn"] = "status.example.com" });
        var created = await _api.PostAsync("/trees", await File.ReadAllTextAsync(path));
        Assert.True(created.Status == 202, created.ToString());
        var run = await _api.FollowRunAsync(created.Header("location")!);
        Assert.True(run.GetProperty("status").GetString() == "SUCCEEDED", run.ToString());

        // The check of each node, as the AWS CLI sees it in Route 53 (by the tags the service wrote).
        var tags = await _support.TagsAsync((await _support.HealthChecksAsync()).Select(h => h.GetProperty("Id").GetString()!));
        var checkOf = tags.Where(t => t.Value.GetValueOrDefault(HealthCheckTags.Tree) == spec.Name)
            .ToDictionary(t => t.Value[HealthCheckTags.Node], t => t.Key);
        Assert.Equal(["main", "standby"], checkOf.Keys.Order(StringComparer.Ordinal));

        var before = await HealthAsync(spec.Name);
        Assert.Equal([("main", checkOf["main"], "healthy"), ("standby", checkOf["standby"], "healthy")], before);

        using var failing = await _edge.PostAsync(LocalControlEndpoints.HealthStatusPath, new StringContent(
            new JsonObject { ["healthCheckId"] = checkOf["main"], ["status"] = Failing }.ToJsonString(), Encoding.UTF8,
                "application/json"));
        Assert.True(failing.IsSuccessStatusCode, await failing.Content.ReadAsStringAsync());

        var after = await _api.GetAsync($"/trees/{spec.Name}/health");
        Assert.True(after.Status == 200, after.ToString());
        Assert.Equal([("main", checkOf["main"], "unhealthy"), ("standby", checkOf["standby"], "healthy")], Verdicts(after.Json));
        var main = after.Json.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("nodeId").GetString() == "main");
        Assert.Equal([Failing], main.GetProperty("statuses").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(0, main.GetProperty("healthyCheckers").GetInt32());
    }

    private async Task<List<(string, string, string)>> HealthAsync(string tree)
    {
        var answer = await _api.GetAsync($"/trees/{tree}/health");
        Assert.True(answer.Status == 200, answer.ToString());
        return Verdicts(answer.Json);
    }

    private static List<(string, string, string)> Verdicts(JsonElement health) =>
        [.. health.GetProperty("nodes").EnumerateArray()
            .Select(n =>
                (n.GetProperty("nodeId").GetString()!, n.GetProperty("healthCheckId").GetString()!, n.GetProperty("health").GetString()!))];
}
