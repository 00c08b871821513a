using Failover.Store;
using Failover.Service.Progress;

namespace Failover.Aws.Tests.Api;

[Trait("Category", "Unit")]
public sealed class ReadRouteTests
{
    [Fact]
    public async Task An_unknown_tree_is_404_on_every_tree_route()
    {
        var api = new ApiHarness();
        foreach (var (method, path, body) in new[]
                 {
                     ("GET", "/trees/nope", (string?)null), ("GET", "/trees/nope/versions", null), ("GET", "/trees/nope/plan", null),
                     ("GET", "/trees/nope/diagram", null), ("POST", "/trees/nope/simulate", "{}"),
                         ("POST", "/trees/nope/rollback", """{"version":1}"""),
                     ("DELETE", "/trees/nope", null), ("GET", "/trees/nope/drift", null), ("POST", "/trees/nope/drift-check", null),
                 })
        {
            var response = await api.SendAsync(method, path, body);
            Assert.True(404 == response.StatusCode, $"{method} {path}: {response.StatusCode} {response.BodyText}");
            Assert.Equal("tree-not-found", ApiHarness.ProblemName(response));
        }
        Assert.Empty(api.Runs.Calls);
    }

    [Fact]
    public async Task A_tree_shows_its_versions_status_and_the_nodes_of_its_last_run()
    {
        var api = new ApiHarness();
        api.StoreTree();
        api.StoreTree();
        api.Store.AddRun("status", "run-7", RunStatus.Running, ("main", NodeStatus.Done), ("standby", NodeStatus.InProgress));

        var body = ApiHarness.Json(await api.SendAsync("GET", "/trees/status"));

        Assert.Equal(2, body.GetProperty("currentVersion").GetInt32());
        Assert.Equal("ACTIVE", body.GetProperty("status").GetString());
        var run = body.GetProperty("lastRun");
        Assert.Equal("run-7", run.GetProperty("runId").GetString());
        Assert.Equal("RUNNING", run.GetProperty("status").GetString());
        Assert.Equal(["main:DONE", "standby:IN_PROGRESS"],
            run.GetProperty("nodes").EnumerateArray()
                .Select(n => $"{n.GetProperty("nodeId").GetString()}:{n.GetProperty("status").GetString()}").ToList());
        Assert.Equal(1, run.GetProperty("nodeCounts").GetProperty("IN_PROGRESS").GetInt32());
    }

    [Fact]
    public async Task A_tree_never_run_has_a_null_last_run()
    {
        var api = new ApiHarness();
        api.StoreTree(applied: false);
        var body = ApiHarness.Json(await api.SendAsync("GET", "/trees/status"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, body.GetProperty("lastRun").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, body.GetProperty("currentVersion").ValueKind);
        Assert.Equal("NEW", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Versions_are_newest_first_with_the_current_one_marked()
    {
        var api = new ApiHarness();
        api.StoreTree();
        api.StoreTree(applied: false);
        var body = ApiHarness.Json(await api.SendAsync("GET", "/trees/status/versions"));
        Assert.Equal(["2:False", "1:True"],
            body.GetProperty("versions").EnumerateArray()
                .Select(v => $"{v.GetProperty("version").GetInt32()}:{v.GetProperty("current").GetBoolean()}").ToList());
    }

    [Fact]
    public async Task Trees_are_listed_a_page_at_a_time()
    {
        var api = new ApiHarness();
        foreach (var name in new[] { "a", "b", "c" }) api.StoreTree(name);

        var first = ApiHarness.Json(await api.SendAsync("GET", "/trees?limit=2"));
        Assert.Equal(["a", "b"], first.GetProperty("trees").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToList());
        var token = first.GetProperty("nextPageToken").GetString()!;

        var second = ApiHarness.Json(await api.SendAsync("GET", "/trees?limit=2&pageToken=" + Uri.EscapeDataString(token)));
        Assert.Equal(["c"], second.GetProperty("trees").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToList());
        Assert.False(second.TryGetProperty("nextPageToken", out _));
    }

    [Theory]
    [InlineData("/trees?limit=0", "?limit")]
    [InlineData("/trees?limit=101", "?limit")]
    [InlineData("/trees?limit=ten", "?limit")]
    [InlineData("/trees?pageToken=forged", "?pageToken")]
    public async Task Bad_listing_parameters_are_400_naming_the_parameter(string path, string parameter)
    {
        var response = await new ApiHarness().SendAsync("GET", path);
        Assert.Equal(400, response.StatusCode);
        Assert.Equal([parameter], ApiHarness.ErrorPaths(response));
    }

    [Fact]
    public async Task A_run_shows_its_nodes_and_an_unknown_run_is_404()
    {
        var api = new ApiHarness();
        api.StoreTree();
        api.Store.AddRun("status", "run-1", RunStatus.Succeeded, ("main", NodeStatus.Done));

        var run = ApiHarness.Json(await api.SendAsync("GET", "/runs/run-1"));
        Assert.Equal("SUCCEEDED", run.GetProperty("status").GetString());
        Assert.Equal("/trees/status", run.GetProperty("links").GetProperty("tree").GetString());

        var missing = await api.SendAsync("GET", "/runs/run-2");
        Assert.Equal(404, missing.StatusCode);
        Assert.Equal("run-not-found", ApiHarness.ProblemName(missing));
    }
}
