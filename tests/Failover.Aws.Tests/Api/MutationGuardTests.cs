using Failover.Api.Http;

namespace Failover.Aws.Tests.Api;

/// <summary>
/// Every mutating route needs a JSON body or the X-Failover-Client header: what a page on another site can make a browser
/// send (no body, a form, text/plain) is refused before the route runs, with a problem saying what is missing.
/// </summary>
[Trait("Category", "Unit")]
public sealed class MutationGuardTests
{
    [Theory]
    [InlineData("POST", "/trees/status/drift-check", null)]
    [InlineData("DELETE", "/trees/status", null)]
    [InlineData("POST", "/trees/status/rollback", "text/plain")]
    [InlineData("POST", "/trees/status/simulate", "application/x-www-form-urlencoded")]
    [InlineData("POST", "/trees", "multipart/form-data; boundary=x")]
    public async Task A_request_a_page_elsewhere_could_send_is_415_naming_what_is_missing(string method, string path, string? contentType)
    {
        var api = ApiHarness.WithDrift([]);
        api.StoreTree();

        var response = await api.SendAsync(method, path, contentType is null ? null : "{}", contentType, asClient: false);

        Assert.Equal(415, response.StatusCode);
        Assert.Equal("unsupported-media-type", ApiHarness.ProblemName(response));
        var detail = ApiHarness.Json(response).GetProperty("detail").GetString()!;
        Assert.Contains("Content-Type: application/json", detail);
        Assert.Contains(MutationGuard.ClientHeader, detail);
        Assert.Contains(contentType is null ? "no Content-Type" : $"Content-Type '{contentType.Split(';')[0]}'", detail);
        Assert.Empty(api.Runs.Calls);
    }

    [Fact]
    public async Task The_client_header_alone_lets_a_bodiless_mutation_through()
    {
        var api = new ApiHarness();
        api.StoreTree();

        var response = await api.SendAsync("DELETE", "/trees/status", asClient: true);

        Assert.Equal(202, response.StatusCode);
        Assert.Single(api.Runs.Calls);
    }

    [Fact]
    public async Task A_JSON_body_lets_a_mutation_through_without_the_header()
    {
        var api = new ApiHarness();
        api.StoreTree();
        api.StoreTree();

        var response = await api.SendAsync("POST", "/trees/status/rollback", """{"version": 1}""", asClient: false);

        Assert.Equal(202, response.StatusCode);
    }

    [Fact]
    public async Task Reads_need_neither()
    {
        var api = new ApiHarness();
        api.StoreTree();

        var response = await api.SendAsync("GET", "/trees/status", contentType: null, asClient: false);

        Assert.Equal(200, response.StatusCode);
    }
}
