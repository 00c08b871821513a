using Failover.Service.Ports;

namespace Failover.Aws.Tests.Api;

/// <summary>
/// What the dashboard's editor asks of the API: an edit refused when its base version is no longer the latest, the
/// change-size guard's verdict on a dry run, a what-if of a draft spec, and a Traffic Flow document turned into a spec.
/// </summary>
[Trait("Category", "Unit")]
public sealed class EditorRouteTests
{
    private const string ImportPath =
        "/imports/traffic-policy?name=www&hostedZoneId=Z111&zoneName=example.com&recordName=www.example.com";

    [Fact]
    public async Task An_edit_of_the_latest_version_applies_and_one_of_an_older_version_is_409_stale_version()
    {
        var api = new ApiHarness();
        api.StoreTree();

        var current = await api.SendAsync("POST", "/trees?baseVersion=1", Specs.Failover());
        var stale = await api.SendAsync("POST", "/trees?dryRun=true&baseVersion=0", Specs.Failover());

        Assert.Equal(202, current.StatusCode);
        Assert.Equal(409, stale.StatusCode);
        Assert.Equal("stale-version", ApiHarness.ProblemName(stale));
        var error = Assert.Single(ApiHarness.Json(stale).GetProperty("errors").EnumerateArray());
        Assert.Equal("baseVersion", error.GetProperty("parameter").GetString());
        Assert.Single(api.Runs.Calls);
        // The launcher compares it again under the tree's lock: an edit racing this one cannot pass both checks.
        Assert.Equal([1], api.Runs.BaseVersions);
    }

    [Fact]
    public async Task A_stale_edit_the_launcher_finds_under_the_lock_is_409_stale_version()
    {
        var api = new ApiHarness();
        api.StoreTree();
        api.Runs.Refusal = new LaunchRefusedException(LaunchRefusal.StaleVersion,
            "this edit is based on version 1 of tree 'status', but version 2 is the latest now");

        var raced = await api.SendAsync("POST", "/trees?baseVersion=1", Specs.Failover());

        Assert.Equal(409, raced.StatusCode);
        Assert.Equal("stale-version", ApiHarness.ProblemName(raced));
        Assert.Contains("version 2 is the latest", ApiHarness.Json(raced).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_new_tree_edited_from_nothing_needs_the_name_to_be_free()
    {
        var api = new ApiHarness();

        var response = await api.SendAsync("POST", "/trees?dryRun=true&baseVersion=0", Specs.Failover());

        Assert.Equal(200, response.StatusCode);
        var guard = ApiHarness.Json(response).GetProperty("changeSizeGuard");
        Assert.True(guard.GetProperty("passes").GetBoolean());
    }

    [Fact]
    public async Task A_draft_is_simulated_without_being_stored_and_its_errors_are_placed_under_spec()
    {
        var api = new ApiHarness();
        api.StoreTree();

        var draft = Specs.Failover();
        var answer = await api.SendAsync("POST", "/trees/status/simulate", $$"""{"unhealthy": ["main"], "spec": {{draft}}}""");
        var invalid = await api.SendAsync("POST", "/trees/status/simulate", """{"spec": {"name": "status", "root": {}}}""");
        var otherTree = await api.SendAsync("POST", "/trees/status/simulate", $$"""{"spec": {{Specs.Failover("other")}}}""");

        Assert.Equal(200, answer.StatusCode);
        var body = ApiHarness.Json(answer);
        Assert.True(body.GetProperty("draft").GetBoolean());
        Assert.False(body.TryGetProperty("version", out _));
        Assert.Equal("standby", body.GetProperty("answers")[0].GetProperty("nodeId").GetString());
        Assert.Equal(400, invalid.StatusCode);
        Assert.All(ApiHarness.Json(invalid).GetProperty("errors").EnumerateArray(),
            e => Assert.StartsWith("$.spec", e.GetProperty("path").GetString(), StringComparison.Ordinal));
        Assert.Equal(400, otherTree.StatusCode);
        Assert.Contains(ApiHarness.Json(otherTree).GetProperty("errors").EnumerateArray(),
            e => e.GetProperty("path").GetString() == "$.spec.name");
        Assert.Empty(api.Runs.Calls);
    }

    [Fact]
    public async Task A_traffic_policy_document_becomes_a_spec_and_a_broken_one_names_its_paths()
    {
        var api = new ApiHarness();
        const string policy = """
            {"AWSPolicyFormatVersion": "2015-10-01", "RecordType": "A", "StartRule": "split",
             "Endpoints": {"a": {"Type": "value", "Value": "192.0.2.10"}, "b": {"Type": "value", "Value": "192.0.2.20"}},
             "Rules": {"split": {"RuleType": "weighted",
               "Items": [{"EndpointReference": "a", "Weight": "3"}, {"EndpointReference": "b", "Weight": "1"}]}}}
            """;

        var imported = await api.SendAsync("POST", ImportPath, policy);
        var broken = await api.SendAsync("POST", ImportPath, """{"AWSPolicyFormatVersion": "2015-10-01", "RecordType": "A"}""");
        var unnamed = await api.SendAsync("POST", "/imports/traffic-policy", policy);

        Assert.Equal(200, imported.StatusCode);
        var spec = ApiHarness.Json(imported).GetProperty("spec");
        Assert.Equal("www", spec.GetProperty("name").GetString());
        Assert.Equal("weighted", spec.GetProperty("root").GetProperty("routing").GetString());
        Assert.Equal(400, broken.StatusCode);
        Assert.Equal("invalid-spec", ApiHarness.ProblemName(broken));
        Assert.NotEmpty(ApiHarness.Json(broken).GetProperty("errors").EnumerateArray());
        Assert.Equal(400, unnamed.StatusCode);
        Assert.Equal(4, ApiHarness.Json(unnamed).GetProperty("errors").GetArrayLength());
        Assert.Empty(api.Runs.Calls);
    }
}
