using Failover.Store;
using Failover.Service.Progress;
using Failover.Core.Planning;
using Failover.Core.Route53;
using Failover.Core.Contracts;

namespace Failover.Aws.Tests.Api;

[Trait("Category", "Unit")]
public sealed class ViewRouteTests
{
    [Fact]
    public async Task The_plan_is_against_the_zone_as_it_is_now()
    {
        var api = new ApiHarness();
        var spec = api.StoreTree();
        // The zone already holds the standby record exactly as the tree wants it, owned by the tree.
        var standby = Core.Compilation.TreeCompiler.Compile(spec).Records.Single(r => r.RecordSet.SetIdentifier == "standby").RecordSet;
        api.Zone.State = new ActualState([standby], [], new HashSet<RecordKey>());
        api.Store.Owned["status"] = [standby.Key];

        var response = await api.SendAsync("GET", "/trees/status/plan");

        Assert.Equal(200, response.StatusCode);
        var plan = PlanJson.Read(response.BodyText);
        var changes = plan.Layers.SelectMany(l => l.ChangeBatches).SelectMany(b => b.Changes).Select(c => c.RecordSet.SetIdentifier)
            .ToList();
        Assert.Equal(["main"], changes);
        Assert.Equal(1, ApiHarness.Json(response).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_stored_tree_whose_zone_left_the_allow_list_is_403_before_reading_the_zone()
    {
        var api = new ApiHarness();
        api.StoreTree(zone: ApiHarness.OtherZone);
        var response = await api.SendAsync("GET", "/trees/status/plan");
        Assert.Equal(403, response.StatusCode);
        Assert.Equal(0, api.Zone.Reads);
    }

    [Fact]
    public async Task A_version_the_tree_does_not_have_is_404()
    {
        var api = new ApiHarness();
        api.StoreTree();
        var response = await api.SendAsync("GET", "/trees/status/plan?version=9");
        Assert.Equal(404, response.StatusCode);
        Assert.Equal("version-not-found", ApiHarness.ProblemName(response));
    }

    [Fact]
    public async Task The_diagram_is_Mermaid_coloured_by_the_last_run_and_the_drift_report()
    {
        var api = ApiHarness.WithDrift(new() { ["standby"] = Core.Diagram.DriftState.Missing });
        api.StoreTree();
        api.Store.AddRun("status", "run-1", RunStatus.Failed, ("main", NodeStatus.Failed), ("standby", NodeStatus.Done));
        api.Store.Drift["status"] = new DriftReportRecord("status", "{}", 1, InMemoryTreeStore.Moment);

        var response = await api.SendAsync("GET", "/trees/status/diagram");

        Assert.Equal(200, response.StatusCode);
        Assert.StartsWith("text/plain", response.ContentType);
        var text = response.BodyText;
        Assert.StartsWith("flowchart", text.TrimStart());
        Assert.Equal(["n_main"], ClassMembers(text, "failed"));
        Assert.Equal(["n_standby"], ClassMembers(text, "done"));
        Assert.Equal(["n_standby"], ClassMembers(text, "driftMissing"));
    }

    [Fact]
    public async Task The_diagram_can_be_DOT_and_other_formats_are_400()
    {
        var api = new ApiHarness();
        api.StoreTree();
        Assert.StartsWith("digraph", (await api.SendAsync("GET", "/trees/status/diagram?format=dot")).BodyText.TrimStart());
        var png = await api.SendAsync("GET", "/trees/status/diagram?format=png");
        Assert.Equal(400, png.StatusCode);
        Assert.Equal(["?format"], ApiHarness.ErrorPaths(png));
    }

    [Fact]
    public async Task Simulate_answers_from_the_stored_spec()
    {
        var api = new ApiHarness();
        api.StoreTree();
        var body = ApiHarness.Json(await api.SendAsync("POST", "/trees/status/simulate", """{"unhealthy":["main"]}"""));
        var answer = Assert.Single(body.GetProperty("answers").EnumerateArray());
        Assert.Equal("standby", answer.GetProperty("nodeId").GetString());
        Assert.Equal(1, answer.GetProperty("probability").GetDouble());

        var healthy = ApiHarness.Json(await api.SendAsync("POST", "/trees/status/simulate"));
        Assert.Equal("main", Assert.Single(healthy.GetProperty("answers").EnumerateArray()).GetProperty("nodeId").GetString());
    }

    [Fact]
    public async Task Simulate_reports_every_bad_input_with_its_path()
    {
        var api = new ApiHarness();
        api.StoreTree();
        var response = await api.SendAsync("POST", "/trees/status/simulate",
            """{"unhealthy":["main", 3, "ghost"], "location": "Atlantis", "colour": "red"}""");
        Assert.Equal(400, response.StatusCode);
        Assert.Equal(["$.unhealthy[1]", "$.colour"], ApiHarness.ErrorPaths(response));

        var second = await api.SendAsync("POST", "/trees/status/simulate", """{"unhealthy":["main", "ghost"], "location": "Atlantis"}""");
        Assert.Equal(400, second.StatusCode);
        Assert.Equal(["$.unhealthy[1]", "$.location"], ApiHarness.ErrorPaths(second));
    }

    [Theory]
    [InlineData("[1,2]", "invalid-request")]
    [InlineData("{\"unhealthy\": [", "malformed-json")]
    public async Task Simulate_refuses_bodies_that_are_not_its_object(string body, string problem)
    {
        var api = new ApiHarness();
        api.StoreTree();
        var response = await api.SendAsync("POST", "/trees/status/simulate", body);
        Assert.Equal(400, response.StatusCode);
        Assert.Equal(problem, ApiHarness.ProblemName(response));
    }

    [Theory]
    [InlineData(63, 400, "invalid-request")]
    [InlineData(65, 400, "malformed-json")]
    public async Task Bodies_are_refused_past_the_specs_nesting_limit_of_64_at_the_door(int depth, int status, string problem)
    {
        var api = new ApiHarness();
        api.StoreTree();
        // {"unhealthy": [[[…]]]}: the object is one level, every bracket one more.
        var body = "{\"unhealthy\": " + new string('[', depth - 1) + new string(']', depth - 1) + "}";

        var response = await api.SendAsync("POST", "/trees/status/simulate", body);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(problem, ApiHarness.ProblemName(response));
        if (problem == "malformed-json") Assert.Contains("depth", ApiHarness.Json(response).GetProperty("detail").GetString());
    }

    /// <summary>The node ids Mermaid's <c>class a,b name</c> lines put in a class.</summary>
    private static IReadOnlyList<string> ClassMembers(string mermaid, string className) =>
        mermaid.Split('\n').Select(l => l.Trim().Split(' '))
            .Where(parts => parts is ["class", _, var name] && name == className)
            .SelectMany(parts => parts[1].Split(','))
            .ToList();
}
