using Failover.Api.Ports;
using Failover.Service.Ports;
using Failover.Store;
using Failover.Service.Progress;

namespace Failover.Aws.Tests.Api;

[Trait("Category", "Unit")]
public sealed class CreateTreeTests
{
    [Fact]
    public async Task A_valid_spec_starts_an_apply_run_202_with_Location_and_run_id()
    {
        var api = new ApiHarness();
        var response = await api.SendAsync("POST", "/trees", Specs.Failover());

        Assert.Equal(202, response.StatusCode);
        var body = ApiHarness.Json(response);
        var runId = body.GetProperty("runId").GetString();
        Assert.Equal($"/runs/{runId}", response.Headers["location"]);
        Assert.Equal("APPLY", body.GetProperty("kind").GetString());
        var call = Assert.Single(api.Runs.Calls);
        Assert.Equal(RunKind.Apply, call.Kind);
        Assert.Equal("status", call.Spec!.Name);
        Assert.Equal(0, api.Zone.Reads);
    }

    [Fact]
    public async Task A_YAML_spec_is_accepted_as_YAML()
    {
        var api = new ApiHarness();
        var response = await api.SendAsync("POST", "/trees", Specs.FailoverYaml(), "application/yaml");
        Assert.Equal(202, response.StatusCode);
        Assert.Equal("status", Assert.Single(api.Runs.Calls).Spec!.Name);
    }

    [Fact]
    public async Task Malformed_JSON_is_400_with_the_line_and_column()
    {
        var api = new ApiHarness();
        var response = await api.SendAsync("POST", "/trees", "{\n  \"name\": \"x\",\n  \"root\": }");

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("malformed-json", ApiHarness.ProblemName(response));
        var error = Assert.Single(ApiHarness.Json(response).GetProperty("errors").EnumerateArray());
        Assert.Equal(3, error.GetProperty("line").GetInt32());
        Assert.Empty(api.Runs.Calls);
    }

    [Fact]
    public async Task An_invalid_spec_is_400_with_every_error_and_its_path()
    {
        var api = new ApiHarness();
        var spec = Specs.Failover().Replace("\"AAAA\"", "\"SOA\"").Replace("\"2001:db8::20\"", "\"192.0.2.1\"")
            .Replace("\"standby\"", "\"main\"");
        var response = await api.SendAsync("POST", "/trees", spec);

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("invalid-spec", ApiHarness.ProblemName(response));
        var paths = ApiHarness.ErrorPaths(response);
        Assert.True(paths.Count >= 2, string.Join(", ", paths));
        Assert.Contains("$.recordType", paths);
        Assert.Contains(paths, p => p.StartsWith("$.root.secondary", StringComparison.Ordinal));
        Assert.Empty(api.Runs.Calls);
    }

    [Fact]
    public async Task A_zone_outside_the_allow_list_is_403_before_Route_53_or_the_workflow()
    {
        var api = new ApiHarness();
        foreach (var path in new[] { "/trees", "/trees?dryRun=true" })
        {
            var response = await api.SendAsync("POST", path, Specs.Failover(zone: ApiHarness.OtherZone));
            Assert.Equal(403, response.StatusCode);
            Assert.Equal("zone-not-allowed", ApiHarness.ProblemName(response));
            Assert.Equal(["$.hostedZoneId"], ApiHarness.ErrorPaths(response));
        }
        Assert.Equal(0, api.Zone.Reads);
        Assert.Empty(api.Runs.Calls);
    }

    [Fact]
    public async Task A_body_over_256_KB_is_413_and_not_read()
    {
        var api = new ApiHarness();
        var padding = new string(' ', 256 * 1024);
        var response = await api.SendAsync("POST", "/trees", Specs.Failover() + padding);
        Assert.Equal(413, response.StatusCode);
        Assert.Equal("body-too-large", ApiHarness.ProblemName(response));
        Assert.Empty(api.Runs.Calls);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/json; charset=iso-8859-1")]
    public async Task A_body_in_another_media_type_or_charset_is_415(string? contentType)
    {
        var api = new ApiHarness();
        var response = await api.SendAsync("POST", "/trees", Specs.Failover(), contentType);
        Assert.Equal(415, response.StatusCode);
        Assert.Equal("unsupported-media-type", ApiHarness.ProblemName(response));
    }

    [Fact]
    public async Task A_dry_run_plans_against_the_zone_and_starts_nothing()
    {
        var api = new ApiHarness();
        var response = await api.SendAsync("POST", "/trees?dryRun=true", Specs.Failover());

        Assert.Equal(200, response.StatusCode);
        var body = ApiHarness.Json(response);
        Assert.True(body.GetProperty("dryRun").GetBoolean());
        Assert.Equal("status", body.GetProperty("tree").GetString());
        Assert.Equal(["health-checks", "leaf-records"],
            body.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("name").GetString()!).ToList());
        Assert.Equal(1, api.Zone.Reads);
        Assert.Empty(api.Runs.Calls);
    }

    // The CLI's --force through the API: a run that deletes or replaces more than half of the tree's records goes ahead
    // only when asked; without the flag the run starter's change-size guard decides.
    [Theory]
    [InlineData("/trees", false)]
    [InlineData("/trees?force=false", false)]
    [InlineData("/trees?force=true", true)]
    public async Task Force_reaches_the_run_only_when_asked(string path, bool force)
    {
        var api = new ApiHarness();
        var response = await api.SendAsync("POST", path, Specs.Failover());

        Assert.Equal(202, response.StatusCode);
        Assert.Equal([force], api.Runs.Forces);
    }

    [Fact]
    public async Task A_dryRun_that_is_not_a_boolean_is_400()
    {
        var response = await new ApiHarness().SendAsync("POST", "/trees?dryRun=yes", Specs.Failover());
        Assert.Equal(400, response.StatusCode);
        Assert.Equal(["?dryRun"], ApiHarness.ErrorPaths(response));
    }

    [Theory]
    [InlineData(LaunchRefusal.TreeLocked, 409, "run-in-progress")]
    [InlineData(LaunchRefusal.NameClaimed, 409, "name-claimed")]
    public async Task A_refused_run_is_a_conflict(LaunchRefusal reason, int status, string problem)
    {
        var api = new ApiHarness();
        api.Runs.Refusal = new LaunchRefusedException(reason, "tree 'status' is busy: run r-1 holds its lock");
        var response = await api.SendAsync("POST", "/trees", Specs.Failover());
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(problem, ApiHarness.ProblemName(response));
        Assert.Contains("run r-1", ApiHarness.Json(response).GetProperty("detail").GetString());
    }
}
