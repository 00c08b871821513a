using System.Globalization;
using System.Net;
using System.Text;
using Amazon;
using Amazon.Runtime;
using Failover.Aws.Http;
using Failover.Cli.Dashboard;
using Failover.Cli.Input;

namespace Failover.Cli.Tests.Dashboard;

/// <summary>
/// <c>failover dashboard</c>'s proxy on a loopback port, a browser's requests sent to it over HTTP, and the deployed API
/// behind it a fake at the boundary (an <see cref="HttpMessageHandler"/> that records what reached it and answers).
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class DashboardProxyTests : IAsyncLifetime
{
    private const string Deployed = "https://abc123.execute-api.eu-west-1.amazonaws.com";
    private static readonly BasicAWSCredentials Credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

    private readonly Upstream upstream = new();
    private readonly CancellationTokenSource stop = new();
    private readonly StringWriter log = new();
    private DashboardProxy proxy = null!;
    private Task running = Task.CompletedTask;

    public Task InitializeAsync()
    {
        var signer = new AwsRequestSigner(Credentials, RegionEndpoint.EUWest1, "execute-api");
        var api = new ServiceApi(new Uri(Deployed), signer, new HttpClient(upstream));
        proxy = DashboardProxy.Start(api, port: null, log);
        running = proxy.RunAsync(stop.Token);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await stop.CancelAsync();
        await running;
        await proxy.DisposeAsync();
        stop.Dispose();
    }

    private string Origin => $"http://{proxy.Access.Authority}";

    // A browser: it keeps the cookies the proxy sets and does not follow redirects itself, so the test sees them.
    private static HttpClient Browser(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false });

    private async Task<HttpClient> AdmittedBrowserAsync()
    {
        var browser = Browser();
        using var admitted = await browser.GetAsync(proxy.Access.StartUrl);
        Assert.Equal(HttpStatusCode.SeeOther, admitted.StatusCode);
        return browser;
    }

    [Fact]
    public async Task Without_the_printed_url_nothing_is_forwarded()
    {
        using var browser = Browser();
        using var page = await browser.GetAsync($"{Origin}/");
        using var list = await browser.GetAsync($"{Origin}/trees");
        using var guessed = await browser.GetAsync($"{Origin}/?token=guess");
        using var post = await browser.PostAsync($"{Origin}/trees/www/drift-check", Json("{}"));

        Assert.All(new[] { page, list, guessed, post }, response => Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode));
        Assert.Empty(upstream.Received);
    }

    [Fact]
    public async Task The_printed_url_admits_the_browser_whose_requests_then_reach_the_api_signed()
    {
        using var browser = Browser();
        using var admitted = await browser.GetAsync(proxy.Access.StartUrl);
        Assert.Equal(HttpStatusCode.SeeOther, admitted.StatusCode);
        Assert.Equal("/", admitted.Headers.Location?.OriginalString);
        var setCookie = Assert.Single(admitted.Headers.GetValues("Set-Cookie"));
        Assert.Contains("HttpOnly", setCookie, StringComparison.Ordinal);
        Assert.Contains("SameSite=Strict", setCookie, StringComparison.Ordinal);
        Assert.Empty(upstream.Received);

        upstream.Answer = _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = Json("""{"items":[]}""") };
        using var list = await browser.GetAsync($"{Origin}/trees?limit=100");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal("""{"items":[]}""", await list.Content.ReadAsStringAsync());

        var reached = Assert.Single(upstream.Received);
        Assert.Equal($"{Deployed}/trees?limit=100", reached.Url.AbsoluteUri);
        await AssertSignedAsync(reached);
    }

    [Fact]
    public async Task A_changing_request_needs_the_pages_header_and_goes_up_signed_with_it_and_its_body()
    {
        using var browser = await AdmittedBrowserAsync();
        using var bare = await browser.PostAsync($"{Origin}/trees/www/drift-check", new StringContent("", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.Forbidden, bare.StatusCode);
        Assert.Contains("X-Failover-Client", await bare.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(upstream.Received);

        upstream.Answer = _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = Json("""{"healthy":true}""") };
        using var simulate = new HttpRequestMessage(HttpMethod.Post, $"{Origin}/trees/www/simulate?version=2")
        {
            Content = Json("""{"unhealthy":["a"]}"""),
        };
        simulate.Headers.Add("X-Failover-Client", "dashboard");
        using var answered = await browser.SendAsync(simulate);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);

        var reached = Assert.Single(upstream.Received);
        Assert.Equal(HttpMethod.Post, reached.Method);
        Assert.Equal("""{"unhealthy":["a"]}""", Encoding.UTF8.GetString(reached.Body));
        Assert.Equal("dashboard", reached.Header("X-Failover-Client"));
        Assert.StartsWith("application/json", reached.Header("Content-Type"), StringComparison.Ordinal);
        await AssertSignedAsync(reached);
        Assert.Contains("x-failover-client", reached.Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_browsers_own_credentials_and_cookies_never_go_upstream()
    {
        using var browser = await AdmittedBrowserAsync();
        upstream.Answer = _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = Json("{}") };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Origin}/trees/www");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer from-the-browser");
        request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", "from-the-browser");
        request.Headers.TryAddWithoutValidation("Origin", "https://elsewhere.example");
        using var answered = await browser.SendAsync(request);

        var reached = Assert.Single(upstream.Received);
        Assert.StartsWith("AWS4-HMAC-SHA256 ", reached.Header("Authorization"), StringComparison.Ordinal);
        Assert.Null(reached.Header("Cookie"));
        Assert.Null(reached.Header("X-Amz-Security-Token"));
        Assert.Null(reached.Header("Origin"));
    }

    [Fact]
    public async Task The_apis_refusals_reach_the_page_as_the_api_sent_them()
    {
        using var browser = await AdmittedBrowserAsync();
        const string problem = """{"type":"urn:failover:problem:tree-not-found","status":404,"detail":"no tree is called 'nope'"}""";
        upstream.Answer = request => request.RequestUri!.AbsolutePath switch
        {
            "/trees/nope" => new HttpResponseMessage(HttpStatusCode.NotFound)
            {
                Content = new StringContent(problem, Encoding.UTF8, "application/problem+json"),
            },
            _ => new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = Json("""{"message":"Missing Authentication Token"}""") },
        };

        using var missing = await browser.GetAsync($"{Origin}/trees/nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Equal(problem, await missing.Content.ReadAsStringAsync());

        using var gateway = await browser.GetAsync($"{Origin}/trees/other");
        Assert.Equal(HttpStatusCode.Forbidden, gateway.StatusCode);
        Assert.Equal("""{"message":"Missing Authentication Token"}""", await gateway.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_page_comes_through_with_its_security_headers_and_an_unreachable_api_is_a_bad_gateway()
    {
        using var browser = await AdmittedBrowserAsync();
        upstream.Answer = _ =>
        {
            var page = new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("<!doctype html>", Encoding.UTF8, "text/html"),
            };
            page.Headers.TryAddWithoutValidation("Content-Security-Policy", "default-src 'none'");
            page.Headers.TryAddWithoutValidation("Set-Cookie", "upstream=1");
            page.Headers.ETag = new System.Net.Http.Headers.EntityTagHeaderValue("\"v1\"");
            return page;
        };
        using var page = await browser.GetAsync($"{Origin}/");
        Assert.Equal("<!doctype html>", await page.Content.ReadAsStringAsync());
        Assert.Equal("default-src 'none'", Assert.Single(page.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("\"v1\"", page.Headers.ETag?.Tag);
        Assert.False(page.Headers.Contains("Set-Cookie"));

        upstream.Answer = _ => throw new HttpRequestException("Connection refused");
        using var down = await browser.GetAsync($"{Origin}/trees");
        Assert.Equal(HttpStatusCode.BadGateway, down.StatusCode);
        Assert.Contains("Connection refused", await down.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    // The request that reached the API carries a SigV4 signature that the SDK's signer recomputes from what arrived:
    // the same credentials, region, service, time, URL, signed headers and body.
    private static async Task AssertSignedAsync(Upstream.Request reached)
    {
        var authorization = reached.Header("Authorization");
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", authorization, StringComparison.Ordinal);
        Assert.Contains("/eu-west-1/execute-api/aws4_request", authorization, StringComparison.Ordinal);
        var signedAt = DateTime.ParseExact(reached.Header("X-Amz-Date")!, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        var signedNames = authorization!.Split("SignedHeaders=")[1].Split(',')[0].Split(';');
        var headers = signedNames.Where(name => name is not ("host" or "x-amz-date" or "x-amz-content-sha256"))
            .Select(name => new KeyValuePair<string, string>(name, reached.Header(name)!));
        var again = await new AwsRequestSigner(Credentials, RegionEndpoint.EUWest1, "execute-api")
            .SignAsync(reached.Method, reached.Url, headers, reached.Body, signedAt);
        Assert.Equal(again["Authorization"], authorization);
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    /// <summary>The deployed API: records each request as it arrived and answers with <see cref="Answer"/>.</summary>
    private sealed class Upstream : HttpMessageHandler
    {
        public sealed record Request(HttpMethod Method, Uri Url, Dictionary<string, string> Headers, byte[] Body)
        {
            public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
        }

        public List<Request> Received { get; } = [];
        public Func<HttpRequestMessage, HttpResponseMessage> Answer { get; set; } =
            _ => new HttpResponseMessage(HttpStatusCode.InternalServerError);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, values) in request.Headers) headers[name] = string.Join(",", values);
            if (request.Content is not null)
                foreach (var (name, values) in request.Content.Headers) headers[name] = string.Join(",", values);
            var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            lock (Received) Received.Add(new Request(request.Method, request.RequestUri!, headers, body));
            return Answer(request);
        }
    }
}
