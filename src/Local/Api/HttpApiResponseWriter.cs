using System.Text.Json;
using Failover.Functions.Handlers.Api;
using Microsoft.AspNetCore.Http;
using Failover.Service.Logging;

namespace Failover.Local.Api;

/// <summary>
/// Turns a payload format 2.0 integration response into the HTTP response, as API Gateway does: statusCode, headers,
/// cookies (each a Set-Cookie), body (base64-decoded when isBase64Encoded). A function that returns JSON without a
/// statusCode gets API Gateway's inferred format: 200, application/json, the payload as the body.
/// </summary>
public static class HttpApiResponseWriter
{
    public static async Task WriteAsync(HttpResponse response, ReadOnlyMemory<byte> payload, StructuredLogger? log)
    {
        HttpApiResponse? shaped = null;
        try
        {
            using var document = JsonDocument.Parse(payload);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("statusCode", out _))
                shaped = document.RootElement.Deserialize(HttpApiJsonContext.Default.HttpApiResponse);
        }
        catch (JsonException)
        {
            // Not JSON at all: API Gateway cannot map it either.
            log?.Warn("API: the function's response is not JSON");
            await ApiGatewayServer.WriteMessageAsync(response, 500, "Internal Server Error");
            return;
        }

        if (shaped is null)
        {
            response.StatusCode = 200;
            response.ContentType = "application/json";
            await response.Body.WriteAsync(payload);
            return;
        }

        byte[] body;
        try
        {
            body = shaped.Body is null ? [] : shaped.IsBase64Encoded ? Convert.FromBase64String(shaped.Body)
                : System.Text.Encoding.UTF8.GetBytes(shaped.Body);
        }
        catch (FormatException)
        {
            log?.Warn("API: the function's response claims a base64 body that is not base64");
            await ApiGatewayServer.WriteMessageAsync(response, 500, "Internal Server Error");
            return;
        }

        response.StatusCode = shaped.StatusCode;
        foreach (var (name, value) in shaped.Headers ?? new Dictionary<string, string>())
            if (!name.Equals("content-length", StringComparison.OrdinalIgnoreCase)) response.Headers[name] = value;
        foreach (var cookie in shaped.Cookies ?? []) response.Headers.Append("set-cookie", cookie);
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body);
    }
}
