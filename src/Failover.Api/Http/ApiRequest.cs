namespace Failover.Api.Http;

/// <summary>
/// One HTTP request as the API sees it, whatever carried it (API Gateway's payload format 2.0 in Lambda, the local
/// stack's emulation, a test). Header names are matched case-insensitively; API Gateway lower-cases them and joins
/// repeated headers and query parameters with commas, so one value per name is all there is.
/// </summary>
public sealed record ApiRequest
{
    public ApiRequest(string method, string rawPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        Method = method.ToUpperInvariant();
        RawPath = string.IsNullOrEmpty(rawPath) ? "/" : rawPath;
    }

    /// <summary>GET, POST, DELETE, … (upper case).</summary>
    public string Method { get; }

    /// <summary>The path as sent, still percent-encoded (API Gateway's <c>rawPath</c>).</summary>
    public string RawPath { get; }

    public IReadOnlyDictionary<string, string> Query { get; init; } = Empty;

    public IReadOnlyDictionary<string, string> Headers
    {
        get => _headers;
        init => _headers = new Dictionary<string, string>(value, StringComparer.OrdinalIgnoreCase);
    }

    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>API Gateway's request id (<c>requestContext.requestId</c>); the correlation id when the caller sends none.</summary>
    public string RequestId { get; init; } = Guid.NewGuid().ToString();

    public string? SourceIp { get; init; }

    /// <summary>Who signed the request (the IAM authorizer's user ARN), for the audit trail in the logs.</summary>
    public string? Caller { get; init; }

    private IReadOnlyDictionary<string, string> _headers = Empty;

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public string? QueryValue(string name) => Query.TryGetValue(name, out var value) ? value : null;
}
