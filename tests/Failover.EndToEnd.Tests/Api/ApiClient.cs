using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Failover.Testing;

namespace Failover.EndToEnd.Tests.Api;

/// <summary>One answer of the HTTP API, as a client on the wire sees it.</summary>
public sealed record ApiAnswer(int Status, string? ContentType, string Body, IReadOnlyDictionary<string, string> Headers)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    /// <summary>The problem document's type name (after <c>urn:failover:problem:</c>); fails unless the answer is one.</summary>
    public string Problem
    {
        get
        {
            Assert.True(ContentType == "application/problem+json", $"expected a problem document, got {Status} {ContentType}: {Body}");
            var type = Json.GetProperty("type").GetString()!;
            Assert.StartsWith("urn:failover:problem:", type);
            return type["urn:failover:problem:".Length..];
        }
    }

    /// <summary>Each error's JSON path (or <c>?parameter</c>), in the document's order.</summary>
    public IReadOnlyList<string> ErrorPaths => Json.TryGetProperty("errors", out var errors)
        ? errors.EnumerateArray()
            .Select(e => e.TryGetProperty("path", out var path) ? path.GetString()! : "?" + e.GetProperty("parameter").GetString()).ToList()
        : [];

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public override string ToString() => $"{Status} {ContentType}\n{Body}";
}

/// <summary>
/// Plain HTTP to the local stack's API (no signature: the emulation does not authorise). Every answer is checked for
/// what must never be in one: a .NET stack trace.
/// </summary>
public sealed partial class ApiClient(Uri baseUrl) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(2) };

    public Uri BaseUrl => baseUrl;

    public Task<ApiAnswer> GetAsync(string path, string? correlationId = null) =>
        SendAsync(HttpMethod.Get, path, correlationId: correlationId);

    public Task<ApiAnswer> PostAsync(string path, string body, string contentType = "application/json", string? correlationId = null) =>
        SendAsync(HttpMethod.Post, path, body, contentType, correlationId);

    public async Task<ApiAnswer> SendAsync(HttpMethod method, string path, string? body = null,
        string? contentType = "application/json", string? correlationId = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        if (correlationId is not null) request.Headers.Add("x-correlation-id", correlationId);
        // What the dashboard sends: a mutating request without a JSON body needs it (the API refuses cross-site requests).
        request.Headers.Add("X-Failover-Client", "tests");
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        // HttpClient files some headers (Allow, Content-Type) under the content: a client on the wire sees them all alike.
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        var answer = new ApiAnswer((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, text, headers);
        Assert.False(StackFrame().IsMatch(text) || text.Contains(".cs:line", StringComparison.Ordinal),
            $"{method} {path} answered with a stack trace:\n{text}");
        return answer;
    }

    /// <summary>Follows <c>GET /runs/{id}</c> until the run is no longer RUNNING; returns the run as last read.</summary>
    public async Task<JsonElement> FollowRunAsync(string location) =>
        (await Eventually.ReachAsync($"GET {location} until the run ends", _ => OkAsync(location),
            answer => answer.Json.GetProperty("status").GetString() != "RUNNING",
            within: TimeSpan.FromMinutes(3), every: TimeSpan.FromMilliseconds(250))).Json;

    /// <summary>Reads <paramref name="path"/> until <paramref name="done"/> holds of its JSON; returns that JSON.</summary>
    public async Task<JsonElement> WaitForAsync(string path, Func<JsonElement, bool> done) =>
        (await Eventually.ReachAsync($"GET {path} until it reaches the awaited state", _ => OkAsync(path), answer => done(answer.Json),
            within: TimeSpan.FromMinutes(2), every: TimeSpan.FromMilliseconds(200))).Json;

    private async Task<ApiAnswer> OkAsync(string path)
    {
        var answer = await GetAsync(path);
        Assert.True(answer.Status == 200, $"GET {path}: {answer}");
        return answer;
    }

    public void Dispose() => _http.Dispose();

    // A .NET stack frame: "at Namespace.Type.Method(" — what an unhandled exception's text carries.
    [GeneratedRegex(@"\bat [A-Za-z_][\w.`<>+]*\.[\w<>`]+\(")]
    private static partial Regex StackFrame();
}
