using Failover.Api.Ports;
using Failover.Service.Ports;
using Failover.Store;
using Failover.Service.Progress;

namespace Failover.Aws.Tests.Api;

[Trait("Category", "Unit")]
public sealed class RunRouteTests
{
    [Fact]
    public async Task Rollback_starts_a_run_of_the_named_version()
    {
        var api = new ApiHarness();
        api.StoreTree();
        api.StoreTree();
        var response = await api.SendAsync("POST", "/trees/status/rollback", """{"version": 1}""");

        Assert.Equal(202, response.StatusCode);
        Assert.StartsWith("/runs/", response.Headers["location"]);
        var call = Assert.Single(api.Runs.Calls);
        Assert.Equal((RunKind.Rollback, "status", (int?)1), (call.Kind, call.Tree, call.Version));
    }

    [Theory]
    [InlineData("""{}""", "$.version")]
    [InlineData("""{"version": 0}""", "$.version")]
    [InlineData("""{"version": "1"}""", "$.version")]
    [InlineData("""{"version": 1.5}""", "$.version")]
    [InlineData("""{"version": 1, "force": true}""", "$.force")]
    [InlineData("""[1]""", "$")]
    public async Task A_rollback_body_that_is_not_one_version_is_400_with_its_path(string body, string path)
    {
        var api = new ApiHarness();
        api.StoreTree();
        var response = await api.SendAsync("POST", "/trees/status/rollback", body);
        Assert.Equal(400, response.StatusCode);
        Assert.Equal([path], ApiHarness.ErrorPaths(response));
        Assert.Empty(api.Runs.Calls);
    }

    [Fact]
    public async Task Rollback_to_a_version_not_stored_is_404_and_to_a_zone_not_allowed_is_403()
    {
        var api = new ApiHarness();
        api.StoreTree(zone: ApiHarness.OtherZone);
        api.StoreTree();

        var missing = await api.SendAsync("POST", "/trees/status/rollback", """{"version": 5}""");
        Assert.Equal(404, missing.StatusCode);
        Assert.Equal("version-not-found", ApiHarness.ProblemName(missing));

        var elsewhere = await api.SendAsync("POST", "/trees/status/rollback", """{"version": 1}""");
        Assert.Equal(403, elsewhere.StatusCode);
        Assert.Empty(api.Runs.Calls);
    }

    [Fact]
    public async Task Delete_starts_a_teardown_run()
    {
        var api = new ApiHarness();
        api.StoreTree();
        var response = await api.SendAsync("DELETE", "/trees/status");
        Assert.Equal(202, response.StatusCode);
        Assert.Equal("TEARDOWN", ApiHarness.Json(response).GetProperty("kind").GetString());
        Assert.Equal(RunKind.Teardown, Assert.Single(api.Runs.Calls).Kind);
    }

    [Fact]
    public async Task Deleting_a_torn_down_tree_is_409_and_a_busy_one_409_run_in_progress()
    {
        var api = new ApiHarness();
        api.Store.Add(Failover.Core.Spec.SpecLoader.Load(Specs.Failover()).Spec!, status: TreeStatus.Deleted);
        var gone = await api.SendAsync("DELETE", "/trees/status");
        Assert.Equal(409, gone.StatusCode);
        Assert.Equal("tree-deleted", ApiHarness.ProblemName(gone));

        api.StoreTree("busy");
        api.Runs.Refusal = new LaunchRefusedException(LaunchRefusal.TreeLocked, "tree 'busy' is busy");
        var busy = await api.SendAsync("DELETE", "/trees/busy");
        Assert.Equal(409, busy.StatusCode);
        Assert.Equal("run-in-progress", ApiHarness.ProblemName(busy));
    }
}
