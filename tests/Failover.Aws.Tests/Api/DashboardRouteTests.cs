using System.Text;
using Failover.Api.Endpoints;
using Failover.Api.Ports;
using Failover.Service.Ports;

namespace Failover.Aws.Tests.Api;

[Trait("Category", "Unit")]
public sealed class DashboardRouteTests
{
    private sealed class Files(params DashboardFile[] files) : IDashboardFiles
    {
        public List<string> Asked { get; } = [];

        public DashboardFile? Find(string path)
        {
            Asked.Add(path);
            return files.FirstOrDefault(f => f.Path == path);
        }
    }

    private static DashboardFile File(string path, string contentType, string text) =>
        new(path, contentType, Encoding.UTF8.GetBytes(text), $"\"{path.Length}-{text.Length}\"");

    private static readonly DashboardFile Index = File("index.html", "text/html; charset=utf-8", "<!doctype html><title>failover</title>");
    private static readonly DashboardFile Script = File("assets/index-AbC123.js", "text/javascript; charset=utf-8", "console.log(1)");

    private static ApiHarness WithFiles(out Files files)
    {
        files = new Files(Index, Script);
        return new ApiHarness { Dashboard = files };
    }

    [Fact]
    public async Task The_page_is_served_at_the_root_revalidated_each_time_and_locked_to_its_own_origin()
    {
        var api = WithFiles(out _);
        var response = await api.SendAsync("GET", "/");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.ContentType);
        Assert.Equal("<!doctype html><title>failover</title>", response.BodyText);
        Assert.Equal("no-cache", response.Headers["cache-control"]);
        Assert.Equal(DashboardPages.ContentSecurityPolicy, response.Headers["content-security-policy"]);
        Assert.Contains("script-src 'self'", response.Headers["content-security-policy"]);
        Assert.Equal("nosniff", response.Headers["x-content-type-options"]);
        Assert.Equal(Index.ETag, response.Headers["etag"]);
    }

    [Fact]
    public async Task Assets_are_served_by_name_and_cached_for_a_year()
    {
        var api = WithFiles(out var files);
        var response = await api.SendAsync("GET", "/assets/index-AbC123.js");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("text/javascript; charset=utf-8", response.ContentType);
        Assert.Equal("console.log(1)", response.BodyText);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers["cache-control"]);
        Assert.Equal(["assets/index-AbC123.js"], files.Asked);
    }

    [Fact]
    public async Task A_matching_If_None_Match_is_304_without_a_body()
    {
        var api = WithFiles(out _);
        var response =
            await api.SendAsync("GET", "/assets/index-AbC123.js",
            headers: new Dictionary<string, string> { ["if-none-match"] = $"\"x\", {Script.ETag}" });
        Assert.Equal(304, response.StatusCode);
        Assert.True(response.Body.IsEmpty);
        Assert.Equal(Script.ETag, response.Headers["etag"]);

        var stale =
            await api.SendAsync("GET", "/assets/index-AbC123.js",
            headers: new Dictionary<string, string> { ["if-none-match"] = "\"old\"" });
        Assert.Equal(200, stale.StatusCode);
    }

    [Theory]
    [InlineData("/assets/missing.js")]
    [InlineData("/assets/.env")]
    [InlineData("/assets/..%2Findex.html")]
    [InlineData("/assets/%2E%2E")]
    public async Task Unknown_or_unsafe_asset_names_are_404_and_never_looked_up_outside_assets(string path)
    {
        var api = WithFiles(out var files);
        var response = await api.SendAsync("GET", path);

        Assert.Equal(404, response.StatusCode);
        Assert.Equal("asset-not-found", ApiHarness.ProblemName(response));
        Assert.All(files.Asked, asked => Assert.Matches("^assets/[A-Za-z0-9_-][A-Za-z0-9._-]*$", asked));
        Assert.DoesNotContain("index.html", files.Asked);
    }

    [Fact]
    public async Task Without_a_built_dashboard_the_page_is_404_saying_so()
    {
        var response = await new ApiHarness().SendAsync("GET", "/");
        Assert.Equal(404, response.StatusCode);
        Assert.Equal("asset-not-found", ApiHarness.ProblemName(response));
        Assert.Contains("no dashboard", ApiHarness.Json(response).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_dashboard_routes_take_only_GET()
    {
        var response = await WithFiles(out _).SendAsync("POST", "/", "{}");
        Assert.Equal(405, response.StatusCode);
        Assert.Equal("GET", response.Headers["allow"]);
    }
}
