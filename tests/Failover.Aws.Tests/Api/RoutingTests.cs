using Failover.Api;
using Failover.Service.Zones;
using Failover.Api.Routing;

namespace Failover.Aws.Tests.Api;

[Trait("Category", "Unit")]
public sealed class RoutingTests
{
    [Fact]
    public void The_service_serves_exactly_the_listed_routes()
    {
        var service = new ApiHarness().Service;
        Assert.Equal(ApiRoutes.All.Select(r => r.ToString()).Order(), service.Routes.Select(r => r.ToString()).Order());
        Assert.Equal(ApiRoutes.All.Count, ApiRoutes.All.Select(r => r.OperationId).Distinct().Count());
    }

    [Fact]
    public async Task An_unknown_path_is_404_route_not_found()
    {
        var response = await new ApiHarness().SendAsync("GET", "/forests");
        Assert.Equal(404, response.StatusCode);
        Assert.Equal("route-not-found", ApiHarness.ProblemName(response));
        Assert.Equal("/forests", ApiHarness.Json(response).GetProperty("instance").GetString());
    }

    [Fact]
    public async Task A_known_path_with_another_method_is_405_with_Allow()
    {
        var response = await new ApiHarness().SendAsync("PUT", "/trees/www");
        Assert.Equal(405, response.StatusCode);
        Assert.Equal("method-not-allowed", ApiHarness.ProblemName(response));
        Assert.Equal("DELETE, GET", response.Headers["allow"]);
    }

    [Theory]
    [InlineData("/trees/{name}/plan", "/trees/www/plan", "www")]
    [InlineData("/trees/{name}/plan", "/trees/www/plan/", "www")]
    [InlineData("/trees/{name}", "/trees/a%2Db", "a-b")]
    public void Templates_capture_decoded_segments(string template, string path, string expected)
    {
        var match = new RouteTemplate(template).Match(path);
        Assert.NotNull(match);
        Assert.Equal(expected, match["name"]);
    }

    [Theory]
    [InlineData("/trees/{name}/plan", "/trees/www")]
    [InlineData("/trees/{name}/plan", "/trees//plan")]
    [InlineData("/trees/{name}/plan", "/Trees/www/plan")]
    [InlineData("/trees/{name}", "/trees/www/plan")]
    public void Templates_refuse_other_paths(string template, string path) => Assert.Null(new RouteTemplate(template).Match(path));

    [Fact]
    public async Task A_tree_name_the_spec_could_not_hold_is_400_naming_the_parameter()
    {
        var response = await new ApiHarness().SendAsync("GET", "/trees/bad%20name");
        Assert.Equal(400, response.StatusCode);
        Assert.Equal("invalid-request", ApiHarness.ProblemName(response));
        Assert.Equal(["?name"], ApiHarness.ErrorPaths(response));
    }

    [Fact]
    public async Task A_run_id_with_characters_an_execution_name_cannot_have_is_400()
    {
        var response = await new ApiHarness().SendAsync("GET", "/runs/a.b");
        Assert.Equal(400, response.StatusCode);
        Assert.Equal(["?id"], ApiHarness.ErrorPaths(response));
    }

    [Fact]
    public void The_allow_list_reads_a_comma_separated_setting_and_names_it_when_wrong()
    {
        var list = ZoneAllowList.Parse(" Z1 , /hostedzone/Z2,", "ALLOWED_HOSTED_ZONE_IDS");
        Assert.True(list.Allows("Z1"));
        Assert.True(list.Allows("/hostedzone/Z2"));
        Assert.True(list.Allows("z2"));
        Assert.False(list.Allows("Z3"));
        var error = Assert.Throws<ArgumentException>(() => ZoneAllowList.Parse("Z1,not a zone", "ALLOWED_HOSTED_ZONE_IDS"));
        Assert.Contains("ALLOWED_HOSTED_ZONE_IDS", error.Message);
        Assert.Contains("'not a zone'", error.Message);
    }
}

[Trait("Category", "Unit")]
public sealed class ApiOptionsTests
{
    [Fact]
    public void The_allow_list_comes_from_ALLOWED_HOSTED_ZONE_IDS_or_else_the_templates_variable()
    {
        var own =
            ApiOptions.FromEnvironment(name =>
            name switch { "ALLOWED_HOSTED_ZONE_IDS" => "Z1", "FAILOVER_ALLOWED_ZONES" => "Z2", _ => null });
        Assert.True(own.AllowedZones.Allows("Z1"));
        Assert.False(own.AllowedZones.Allows("Z2"));

        var template = ApiOptions.FromEnvironment(name => name == "FAILOVER_ALLOWED_ZONES" ? "Z2,Z3" : null);
        Assert.Equal(["Z2", "Z3"], template.AllowedZones.Zones.Order());

        var none = ApiOptions.FromEnvironment(_ => null);
        Assert.Empty(none.AllowedZones.Zones);
        var wrong =
            Assert.Throws<ArgumentException>(() => ApiOptions.FromEnvironment(name => name == "FAILOVER_ALLOWED_ZONES" ? "Z1,?" : null));
        Assert.Contains("FAILOVER_ALLOWED_ZONES", wrong.Message);
    }
}
