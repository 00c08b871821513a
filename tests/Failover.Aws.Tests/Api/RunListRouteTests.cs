using Failover.Service.Progress;

namespace Failover.Aws.Tests.Api;

/// <summary><c>GET /trees/{name}/runs</c>: the tree's runs newest first, a page at a time, like <c>GET /trees</c>.</summary>
[Trait("Category", "Unit")]
public sealed class RunListRouteTests
{
    private static ApiHarness WithRuns(int count)
    {
        var api = new ApiHarness();
        api.StoreTree();
        for (var i = 1; i <= count; i++)
        {
            var run = api.Store.AddRun("status", $"run-{i}", i == 2 ? RunStatus.Failed : RunStatus.Succeeded);
            api.Store.Runs[run.RunId] =
                run with { CreatedAt = InMemoryTreeStore.Moment.AddMinutes(i), Error = i == 2 ? "Throttling" : null };
        }
        return api;
    }

    [Fact]
    public async Task The_runs_are_listed_newest_first_without_their_nodes()
    {
        var api = WithRuns(3);

        var body = ApiHarness.Json(await api.SendAsync("GET", "/trees/status/runs"));

        Assert.Equal("status", body.GetProperty("tree").GetString());
        var runs = body.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(["run-3", "run-2", "run-1"], runs.Select(r => r.GetProperty("runId").GetString()));
        Assert.Equal(("FAILED", "Throttling", "APPLY"), (runs[1].GetProperty("status").GetString(),
            runs[1].GetProperty("error").GetString(), runs[1].GetProperty("kind").GetString()));
        Assert.False(runs[0].TryGetProperty("nodes", out _));
        Assert.False(body.TryGetProperty("nextPageToken", out _));
    }

    [Fact]
    public async Task Pages_follow_each_other_by_the_token_and_a_foreign_token_is_a_400_naming_it()
    {
        var api = WithRuns(3);

        var first = ApiHarness.Json(await api.SendAsync("GET", "/trees/status/runs?limit=2"));
        var token = first.GetProperty("nextPageToken").GetString()!;
        var second = ApiHarness.Json(await api.SendAsync("GET", "/trees/status/runs?limit=2&pageToken=" + Uri.EscapeDataString(token)));
        var refused = await api.SendAsync("GET", "/trees/status/runs?pageToken=forged");
        var tooMany = await api.SendAsync("GET", "/trees/status/runs?limit=1000");

        Assert.Equal(2, first.GetProperty("runs").GetArrayLength());
        Assert.Equal(["run-1"], second.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("runId").GetString()));
        Assert.Equal((400, "invalid-request"), (refused.StatusCode, ApiHarness.ProblemName(refused)));
        Assert.Contains("pageToken", refused.BodyText);
        Assert.Equal(400, tooMany.StatusCode);
    }

    [Fact]
    public async Task A_tree_never_run_has_no_runs_and_an_unknown_tree_is_404()
    {
        var api = new ApiHarness();
        api.StoreTree(applied: false);

        Assert.Equal(0, ApiHarness.Json(await api.SendAsync("GET", "/trees/status/runs")).GetProperty("runs").GetArrayLength());
        Assert.Equal("tree-not-found", ApiHarness.ProblemName(await api.SendAsync("GET", "/trees/nope/runs")));
    }
}
