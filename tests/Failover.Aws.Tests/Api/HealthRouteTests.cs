using Failover.Api.Ports;
using Failover.Service.Ports;
using Failover.Store;
using Failover.Service.Progress;

namespace Failover.Aws.Tests.Api;

[Trait("Category", "Unit")]
public sealed class HealthRouteTests
{
    private const string Ok = "Success: HTTP Status Code 200, OK";
    private const string Down = "Failure: HTTP Status Code 503, Service Unavailable";

    [Fact]
    public async Task Each_checked_endpoint_is_judged_from_its_checkers_statuses()
    {
        var api = new ApiHarness
        {
            Health = new FakeHealthStatuses(
                new CheckStatuses("main", "hc-main", [Down, Down, Down, Down, Ok, null]),
                new CheckStatuses("standby", "hc-standby", [Ok, Down, Down, Down, Ok]),
                new CheckStatuses("gone", "hc-gone", [])),
        };
        api.StoreTree();

        var response = await api.SendAsync("GET", "/trees/status/health");

        Assert.Equal(200, response.StatusCode);
        var body = ApiHarness.Json(response);
        Assert.Equal("status", body.GetProperty("tree").GetString());
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        var nodes = body.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("nodeId").GetString()!);
        Assert.Equal(["gone", "main", "standby"], nodes.Keys.Order(StringComparer.Ordinal));
        // 1 of 5 reporting checkers is 20%: more than 18%, so healthy; 2 of 5 likewise.
        Assert.Equal("healthy", nodes["main"].GetProperty("health").GetString());
        Assert.Equal(5, nodes["main"].GetProperty("checkers").GetInt32());
        Assert.Equal(1, nodes["main"].GetProperty("healthyCheckers").GetInt32());
        Assert.Equal([Down, Ok], nodes["main"].GetProperty("statuses").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("hc-standby", nodes["standby"].GetProperty("healthCheckId").GetString());
        Assert.Equal("unknown", nodes["gone"].GetProperty("health").GetString());
        Assert.Equal([("status", 3)], ((FakeHealthStatuses)api.Health).Reads);
    }

    [Fact]
    public async Task Every_checker_failing_is_unhealthy()
    {
        var api =
            new ApiHarness { Health = new FakeHealthStatuses(new CheckStatuses("main", "hc-main", [Down, Down, Down, Down, Down, Down])) };
        api.StoreTree();
        var node = ApiHarness.Json(await api.SendAsync("GET", "/trees/status/health")).GetProperty("nodes")[0];
        Assert.Equal("unhealthy", node.GetProperty("health").GetString());
        Assert.Equal(0, node.GetProperty("healthyCheckers").GetInt32());
    }

    [Fact]
    public async Task Trees_with_nothing_to_read_or_outside_the_allow_list_cost_no_route53_call()
    {
        var health = new FakeHealthStatuses(new CheckStatuses("main", "hc-main", [Ok]));
        var api = new ApiHarness { Health = health };
        api.StoreTree("fresh", applied: false);
        api.StoreTree("elsewhere", ApiHarness.OtherZone);
        var gone = api.StoreTree("gone");
        api.Store.Add(gone, status: TreeStatus.Deleted);

        Assert.Equal("tree-not-applied", ApiHarness.ProblemName(await api.SendAsync("GET", "/trees/fresh/health")));
        Assert.Equal("zone-not-allowed", ApiHarness.ProblemName(await api.SendAsync("GET", "/trees/elsewhere/health")));
        Assert.Equal("tree-deleted", ApiHarness.ProblemName(await api.SendAsync("GET", "/trees/gone/health")));
        Assert.Equal("tree-not-found", ApiHarness.ProblemName(await api.SendAsync("GET", "/trees/nobody/health")));
        Assert.Empty(health.Reads);
    }

    [Fact]
    public async Task The_tree_list_never_reads_health()
    {
        var health = new FakeHealthStatuses(new CheckStatuses("main", "hc-main", [Ok]));
        var api = new ApiHarness { Health = health };
        api.StoreTree();
        Assert.Equal(200, (await api.SendAsync("GET", "/trees")).StatusCode);
        Assert.Equal(200, (await api.SendAsync("GET", "/trees/status")).StatusCode);
        Assert.Equal(200, (await api.SendAsync("GET", "/trees/status/diagram?format=json")).StatusCode);
        Assert.Empty(health.Reads);
    }
}
