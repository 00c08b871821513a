using System.Net;
using Failover.Cli.Dashboard;

namespace Failover.Cli.Tests.Dashboard;

/// <summary>Who <c>failover dashboard</c>'s proxy lets through: the token, the cookie it becomes, the page's header.</summary>
[Trait("Category", "Unit")]
public sealed class DashboardAccessTests
{
    private const int Port = 8123;
    private const string Host = "127.0.0.1:8123";
    private static readonly DashboardAccess Access = new(DashboardAccess.NewToken(), Port);
    private static string Cookie => $"other=1; {Access.CookieName}={Access.Token}";

    private static Uri Url(string pathAndQuery) => new($"http://{Host}{pathAndQuery}");

    [Fact]
    public void Tokens_are_256_random_bits_in_url_safe_characters()
    {
        var tokens = Enumerable.Range(0, 50).Select(_ => DashboardAccess.NewToken()).ToList();
        Assert.All(tokens, token => Assert.Matches("^[A-Za-z0-9_-]{43}$", token));
        Assert.Equal(tokens.Count, tokens.Distinct().Count());
        Assert.Equal($"http://{Host}/?token={Access.Token}", Access.StartUrl);
    }

    [Fact]
    public void The_printed_url_sets_a_strict_http_only_cookie_and_drops_the_token_from_the_address()
    {
        var decision = Access.Decide("GET", Url($"/?token={Access.Token}"), Host, null, null);
        var admit = Assert.IsType<AccessDecision.SetCookie>(decision);
        Assert.Equal($"failover-dashboard-{Port}={Access.Token}; Path=/; HttpOnly; SameSite=Strict", admit.Cookie);
        Assert.Equal("/", admit.Location);

        var deep = Assert.IsType<AccessDecision.SetCookie>(
            Access.Decide("GET", Url($"/trees?limit=5&token={Access.Token}"), Host, null, null));
        Assert.Equal("/trees?limit=5", deep.Location);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("failover-dashboard-8123=wrong")]
    [InlineData("failover-dashboard-9999=TOKEN")]
    public void Without_the_token_or_its_cookie_every_request_is_refused(string? cookie)
    {
        cookie = cookie?.Replace("TOKEN", Access.Token, StringComparison.Ordinal);
        foreach (var (method, path) in new[] { ("GET", "/"), ("GET", "/trees"), ("POST", "/trees/www/drift-check") })
        {
            var refuse = Assert.IsType<AccessDecision.Refuse>(Access.Decide(method, Url(path), Host, cookie, "dashboard"));
            Assert.Equal(HttpStatusCode.Forbidden, refuse.Status);
        }
    }

    [Fact]
    public void A_wrong_token_is_refused_and_sets_no_cookie()
    {
        var refuse = Assert.IsType<AccessDecision.Refuse>(Access.Decide("GET", Url("/?token=guess"), Host, null, null));
        Assert.Equal(HttpStatusCode.Forbidden, refuse.Status);
    }

    [Fact]
    public void With_the_cookie_reads_are_forwarded()
    {
        Assert.IsType<AccessDecision.Forward>(Access.Decide("GET", Url("/trees?limit=100"), Host, Cookie, null));
        Assert.IsType<AccessDecision.Forward>(Access.Decide("GET", Url("/assets/index-1.js"), Host, Cookie, null));
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public void A_changing_request_needs_the_pages_header_even_with_the_cookie(string method)
    {
        var refuse = Assert.IsType<AccessDecision.Refuse>(Access.Decide(method, Url("/trees/www"), Host, Cookie, null));
        Assert.Equal(HttpStatusCode.Forbidden, refuse.Status);
        Assert.Contains("X-Failover-Client", refuse.Reason, StringComparison.Ordinal);
        Assert.IsType<AccessDecision.Forward>(Access.Decide(method, Url("/trees/www"), Host, Cookie, "dashboard"));
    }

    [Theory]
    [InlineData("localhost:8123")]
    [InlineData("rebound.example:8123")]
    [InlineData(null)]
    public void Only_the_loopback_authority_it_printed_is_answered(string? host)
    {
        var refuse = Assert.IsType<AccessDecision.Refuse>(Access.Decide("GET", Url("/trees"), host, Cookie, null));
        Assert.Equal(HttpStatusCode.Forbidden, refuse.Status);
    }

    [Fact]
    public void Other_methods_are_not_forwarded()
    {
        var refuse = Assert.IsType<AccessDecision.Refuse>(Access.Decide("OPTIONS", Url("/trees"), Host, Cookie, "dashboard"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, refuse.Status);
    }
}
