using System.Text.Json;
using Failover.Store;
using Failover.Service.Progress;
using Failover.Core.Spec;

namespace Failover.Aws.Tests.Api;

/// <summary>What the dashboard reads besides the routes it shares with every client: versions' specs, the diagram as data, the last drift
/// check.</summary>
[Trait("Category", "Unit")]
public sealed class DashboardDataTests
{
    [Fact]
    public async Task A_version_is_served_with_its_stored_spec()
    {
        var api = new ApiHarness();
        api.StoreTree();
        var second = SpecLoader.Load(Specs.Failover().Replace("2001:db8::20", "2001:db8::21")).Spec!;
        api.Store.Add(second, applied: false);

        var response = await api.SendAsync("GET", "/trees/status/versions/2");

        Assert.Equal(200, response.StatusCode);
        var json = ApiHarness.Json(response);
        Assert.Equal("status", json.GetProperty("tree").GetString());
        Assert.Equal(2, json.GetProperty("version").GetInt32());
        Assert.False(json.GetProperty("current").GetBoolean());
        Assert.Equal(api.Store.Versions[("status", 2)].Info.Sha256, json.GetProperty("sha256").GetString());
        var standby = json.GetProperty("spec").GetProperty("root").GetProperty("secondary");
        Assert.Equal("2001:db8::21", standby.GetProperty("endpoint").GetProperty("values")[0].GetString());
        Assert.Contains("2001:db8::20", (await api.SendAsync("GET", "/trees/status/versions/1")).BodyText);
    }

    [Theory]
    [InlineData("/trees/status/versions/0", 400, "invalid-request")]
    [InlineData("/trees/status/versions/two", 400, "invalid-request")]
    [InlineData("/trees/status/versions/9", 404, "version-not-found")]
    [InlineData("/trees/other/versions/1", 404, "tree-not-found")]
    public async Task A_version_that_is_not_there_or_not_a_number_is_refused(string path, int status, string problem)
    {
        var api = new ApiHarness();
        api.StoreTree();
        var response = await api.SendAsync("GET", path);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(problem, ApiHarness.ProblemName(response));
    }

    [Fact]
    public async Task The_diagram_as_json_carries_every_node_with_its_run_progress_and_drift()
    {
        var api = ApiHarness.WithDrift(new() { ["standby"] = Core.Diagram.DriftState.Changed });
        api.StoreTree();
        api.Store.AddRun("status", "run-1", RunStatus.Running, ("main", NodeStatus.InProgress), ("standby", NodeStatus.Done));
        api.Store.Drift["status"] = new DriftReportRecord("status", "{}", 1, InMemoryTreeStore.Moment);

        var response = await api.SendAsync("GET", "/trees/status/diagram?format=json");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("application/json", response.ContentType);
        var json = ApiHarness.Json(response);
        Assert.Equal(1, json.GetProperty("version").GetInt32());
        var nodes = json.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("id").GetString()!);
        Assert.Equal(["root", "main", "standby"], nodes.Keys);
        Assert.Equal(JsonValueKind.Null, nodes["root"].GetProperty("parentId").ValueKind);
        Assert.Equal("root", nodes["main"].GetProperty("parentId").GetString());
        Assert.Equal("IN_PROGRESS", nodes["main"].GetProperty("progress").GetString());
        Assert.Equal("DONE", nodes["standby"].GetProperty("progress").GetString());
        Assert.Equal("CHANGED", nodes["standby"].GetProperty("drift").GetString());
        Assert.True(nodes["main"].GetProperty("canFail").GetBoolean());
        Assert.False(nodes["standby"].GetProperty("canFail").GetBoolean());
        Assert.Equal("failover record (PRIMARY)", nodes["main"].GetProperty("recordKind").GetString());
    }

    [Fact]
    public async Task The_tree_says_when_drift_was_last_checked_and_null_before_any_check()
    {
        var api = new ApiHarness();
        api.StoreTree();
        var before = ApiHarness.Json(await api.SendAsync("GET", "/trees/status"));
        Assert.Equal(JsonValueKind.Null, before.GetProperty("lastDriftCheck").ValueKind);

        api.Store.Drift["status"] = new DriftReportRecord("status", "{}", 3, InMemoryTreeStore.Moment);
        var after = ApiHarness.Json(await api.SendAsync("GET", "/trees/status")).GetProperty("lastDriftCheck");
        Assert.Equal(3, after.GetProperty("driftedItems").GetInt32());
        Assert.Equal("2026-03-01T12:00:00.000Z", after.GetProperty("checkedAt").GetString());
    }
}
