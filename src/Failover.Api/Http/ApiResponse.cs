using System.Text;

namespace Failover.Api.Http;

/// <summary>What the API answers: a status, headers (Content-Type among them) and a body.</summary>
public sealed record ApiResponse
{
    public ApiResponse(int statusCode, string contentType, ReadOnlyMemory<byte> body)
    {
        StatusCode = statusCode;
        Body = body;
        Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["content-type"] = contentType };
    }

    public int StatusCode { get; }

    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>Lower-case header names, as API Gateway returns them.</summary>
    public Dictionary<string, string> Headers { get; }

    public string ContentType => Headers["content-type"];

    public string BodyText => Encoding.UTF8.GetString(Body.Span);

    public ApiResponse WithHeader(string name, string value)
    {
        Headers[name.ToLowerInvariant()] = value;
        return this;
    }

    public static ApiResponse Json(int statusCode, string json) => new(statusCode, MediaTypes.Json, Encoding.UTF8.GetBytes(json));

    public static ApiResponse Json(int statusCode, ReadOnlyMemory<byte> json) => new(statusCode, MediaTypes.Json, json);

    public static ApiResponse Text(int statusCode, string text) => new(statusCode, MediaTypes.PlainText, Encoding.UTF8.GetBytes(text));
}
