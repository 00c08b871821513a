using System.Text.RegularExpressions;
using Failover.Api.Http;
using Failover.Api.Ports;
using Failover.Service.Ports;
using Failover.Api.Problems;

namespace Failover.Api.Endpoints;

/// <summary>
/// <c>GET /</c> (the dashboard's page) and <c>GET /assets/{file}</c> (its scripts and styles), from the files built
/// into the binary. The page is revalidated on every load; assets have content-hashed names, so they are cached for a
/// year. The page may load only its own scripts and styles and call only this API (Content-Security-Policy).
/// </summary>
public sealed partial class DashboardPages(IDashboardFiles files)
{
    public const string IndexFile = "index.html";

    // Nothing inline, nothing from elsewhere: the page talks to this API alone.
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public Task<ApiResponse> IndexAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var file = files.Find(IndexFile)
            ?? throw new ProblemException(ProblemType.AssetNotFound,
                "this build of the service has no dashboard (web/dist was not built into it); the API routes are in docs/openapi.yaml");
        return Task.FromResult(Serve(call, file, "no-cache")
            .WithHeader("content-security-policy", ContentSecurityPolicy)
            .WithHeader("referrer-policy", "no-referrer")
            .WithHeader("x-frame-options", "DENY"));
    }

    public Task<ApiResponse> AssetAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var name = call.Parameter("file");
        var file = AssetName().IsMatch(name) ? files.Find("assets/" + name) : null;
        if (file is null)
            throw new ProblemException(ProblemType.AssetNotFound, $"the dashboard has no file assets/{ApiCall.Shown(name)}");
        return Task.FromResult(Serve(call, file, "public, max-age=31536000, immutable"));
    }

    private static ApiResponse Serve(ApiCall call, DashboardFile file, string cacheControl)
    {
        var unchanged = call.Request.Header("if-none-match") is { } tags && tags.Split(',').Any(tag => tag.Trim() == file.ETag);
        var response = unchanged ? new ApiResponse(304, file.ContentType, ReadOnlyMemory<byte>.Empty)
            : new ApiResponse(200, file.ContentType, file.Content);
        return response
            .WithHeader("etag", file.ETag)
            .WithHeader("cache-control", cacheControl)
            .WithHeader("x-content-type-options", "nosniff");
    }

    // The names the build gives its assets; anything else (a dot file, a traversal) is simply not there.
    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}\\z")]
    private static partial Regex AssetName();
}
