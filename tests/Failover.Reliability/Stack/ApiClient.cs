using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Failover.Reliability.Stack;

/// <summary>An answer of the HTTP API: its status and body.</summary>
public sealed record ApiAnswer(HttpStatusCode Status, string Body)
{
    public int Code => (int)Status;
    public bool IsServerError => Code >= 500;
    public JsonNode? Json => Body.Length > 0 && Body.TrimStart().StartsWith('{') ? JsonNode.Parse(Body) : null;
    public string? RunId => Json?["runId"]?.GetValue<string>();
    public string? ProblemType => Json?["type"]?.GetValue<string>();
    public override string ToString() => $"{Code} {(Body.Length > 300 ? Body[..300] + "…" : Body)}";
}

/// <summary>The service's HTTP API on the local stack (API Gateway's emulation in front of the Api function), spoken plainly.</summary>
public sealed class ApiClient(Uri api) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = api, Timeout = TimeSpan.FromMinutes(2) };

    public Task<ApiAnswer> PostTreeAsync(string body, string contentType = "application/json", bool dryRun = false,
        CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, dryRun ? "/trees?dryRun=true" : "/trees", Encoding.UTF8.GetBytes(body), contentType, cancellationToken);

    public Task<ApiAnswer> PostTreeAsync(byte[] body, string contentType, bool dryRun = false,
        CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, dryRun ? "/trees?dryRun=true" : "/trees", body, contentType, cancellationToken);

    public Task<ApiAnswer> DeleteTreeAsync(string tree, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"/trees/{Uri.EscapeDataString(tree)}", null, null, cancellationToken);

    public Task<ApiAnswer> RollbackAsync(string tree, int version, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"/trees/{Uri.EscapeDataString(tree)}/rollback",
            Encoding.UTF8.GetBytes($$"""{"version":{{version}}}"""), "application/json", cancellationToken);

    public Task<ApiAnswer> GetAsync(string path, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, path, null, null, cancellationToken);

    public async Task<ApiAnswer> SendAsync(HttpMethod method, string path, byte[]? body, string? contentType,
        CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        // Mutating requests without a JSON body need it: the API refuses what a page on another site could send.
        request.Headers.Add("X-Failover-Client", "reliability");
        using var response = await _http.SendAsync(request, cancellationToken);
        return new ApiAnswer(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    public void Dispose() => _http.Dispose();
}
