using Failover.Store;
using Failover.Service.Progress;

namespace Failover.Aws.Tests.Api;

[Trait("Category", "Unit")]
public sealed class DriftRouteTests
{
    [Fact]
    public async Task The_last_report_is_served_with_the_report_itself_embedded()
    {
        var api = new ApiHarness();
        api.StoreTree();
        Assert.Equal("drift-report-not-found", ApiHarness.ProblemName(await api.SendAsync("GET", "/trees/status/drift")));

        api.Store.Drift["status"] = new DriftReportRecord("status", """{"items":[{"kind":"missing"}]}""", 1, InMemoryTreeStore.Moment);
        var body = ApiHarness.Json(await api.SendAsync("GET", "/trees/status/drift"));
        Assert.Equal(1, body.GetProperty("driftedItems").GetInt32());
        Assert.Equal("missing", body.GetProperty("report").GetProperty("items")[0].GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Without_a_drift_checker_a_check_is_501()
    {
        var api = new ApiHarness();
        api.StoreTree();
        var response = await api.SendAsync("POST", "/trees/status/drift-check");
        Assert.Equal(501, response.StatusCode);
        Assert.Equal("drift-check-unavailable", ApiHarness.ProblemName(response));
    }

    [Fact]
    public async Task A_check_runs_now_for_an_applied_tree_in_an_allowed_zone()
    {
        var api = ApiHarness.WithDrift([]);
        api.StoreTree();
        api.StoreTree("elsewhere", ApiHarness.OtherZone);
        api.StoreTree("fresh", applied: false);

        var checkedNow = await api.SendAsync("POST", "/trees/status/drift-check");
        Assert.Equal(200, checkedNow.StatusCode);
        Assert.Equal(1, ApiHarness.Json(checkedNow).GetProperty("driftedItems").GetInt32());
        Assert.Equal(403, (await api.SendAsync("POST", "/trees/elsewhere/drift-check")).StatusCode);
        Assert.Equal("tree-not-applied", ApiHarness.ProblemName(await api.SendAsync("POST", "/trees/fresh/drift-check")));
        Assert.Equal(["status"], api.Drift!.Checked);
    }
}
