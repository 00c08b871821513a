using System.Globalization;
using System.Security.Cryptography;
using Failover.Functions.Handlers.Api;
using Failover.Local.Aws;
using Microsoft.AspNetCore.Http;

namespace Failover.Local.Api;

/// <summary>
/// Builds, from an HTTP request, the payload format 2.0 event API Gateway's HTTP API sends a Lambda integration on its
/// <c>$default</c> route: header names lower-cased and repeated headers joined with commas, the Cookie header moved to
/// <c>cookies</c>, query parameters decoded (repeats joined with commas, absent when there are none), the request
/// context of a <c>$default</c> stage, and the body as text or, for binary media types, base64.
/// </summary>
public static class HttpApiEventBuilder
{
    public const string ApiId = "local";

    public static HttpApiEvent Build(HttpRequest request, ReadOnlyMemory<byte> body, DateTimeOffset now)
    {
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        List<string>? cookies = null;
        foreach (var (name, values) in request.Headers)
        {
            var lower = name.ToLowerInvariant();
            if (lower == "cookie")
            {
                cookies =
                    [
                    .. values.SelectMany(v =>
                    (v ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
                continue;
            }
            headers[lower] = string.Join(",", values.ToArray());
        }

        var query = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in request.Query) query[name] = string.Join(",", values.ToArray());

        var rawPath = request.PathBase.Add(request.Path).ToUriComponent();
        var text = IsText(request.ContentType);
        var host = request.Host.Value ?? $"127.0.0.1:{request.HttpContext.Connection.LocalPort}";
        return new HttpApiEvent
        {
            Version = "2.0",
            RouteKey = "$default",
            RawPath = rawPath,
            RawQueryString = request.QueryString.HasValue ? request.QueryString.Value![1..] : "",
            Cookies = cookies,
            Headers = headers,
            QueryStringParameters = query.Count == 0 ? null : query,
            RequestContext = new HttpApiRequestContext
            {
                AccountId = LocalAccount.Id,
                ApiId = ApiId,
                DomainName = host,
                DomainPrefix = host.Split('.', ':')[0],
                Http = new HttpApiRequestHttp
                {
                    Method = request.Method.ToUpperInvariant(),
                    Path = rawPath,
                    Protocol = request.Protocol,
                    SourceIp = request.HttpContext.Connection.RemoteIpAddress?.MapToIPv4().ToString() ?? "127.0.0.1",
                    UserAgent = request.Headers.UserAgent.ToString(),
                },
                RequestId = NewRequestId(),
                RouteKey = "$default",
                Stage = "$default",
                Time = now.UtcDateTime.ToString("dd/MMM/yyyy:HH:mm:ss '+0000'", CultureInfo.InvariantCulture),
                TimeEpoch = now.ToUnixTimeMilliseconds(),
            },
            Body = body.IsEmpty ? null : text ? System.Text.Encoding.UTF8.GetString(body.Span) : Convert.ToBase64String(body.Span),
            IsBase64Encoded = !body.IsEmpty && !text,
        };
    }

    /// <summary>Media types whose bodies API Gateway passes as text; everything else (and no type at all) goes base64.</summary>
    public static bool IsText(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType)) return false;
        var essence = contentType.Split(';')[0].Trim().ToLowerInvariant();
        return essence.StartsWith("text/", StringComparison.Ordinal)
            || essence.EndsWith("json", StringComparison.Ordinal) || essence.EndsWith("xml", StringComparison.Ordinal)
            || essence.EndsWith("yaml", StringComparison.Ordinal) || essence == "application/x-www-form-urlencoded"
            || essence == "application/javascript";
    }

    // API Gateway's request ids look like "JKJaXmPLvHcESHA=": 10 random bytes in base64.
    private static string NewRequestId() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(10));
}
