using System.Text;
using Failover.Api.Http;

namespace Failover.Functions.Handlers.Api;

/// <summary>Between API Gateway's payload format 2.0 and the API's own request and response.</summary>
public static class HttpApiMapping
{
    /// <exception cref="FormatException">The body claims base64 and is not.</exception>
    public static ApiRequest ToRequest(HttpApiEvent @event)
    {
        var http = @event.RequestContext.Http;
        var body = @event.Body is null ? [] : @event.IsBase64Encoded ? Convert.FromBase64String(@event.Body)
            : Encoding.UTF8.GetBytes(@event.Body);
        return new ApiRequest(http.Method, string.IsNullOrEmpty(@event.RawPath) ? http.Path : @event.RawPath)
        {
            Headers = @event.Headers ?? new Dictionary<string, string>(),
            Query = @event.QueryStringParameters ?? new Dictionary<string, string>(),
            Body = body,
            RequestId = @event.RequestContext.RequestId ?? Guid.NewGuid().ToString(),
            SourceIp = http.SourceIp,
            Caller = @event.RequestContext.Authorizer?.Iam?.UserArn,
        };
    }

    /// <summary>Text (JSON, Mermaid, the dashboard's page, scripts and styles) goes as a string, anything else as base64.</summary>
    public static HttpApiResponse ToResponse(ApiResponse response)
    {
        var text = IsText(response.ContentType);
        return new()
        {
            StatusCode = response.StatusCode,
            Headers = response.Headers,
            Body = text ? response.BodyText : Convert.ToBase64String(response.Body.Span),
            IsBase64Encoded = !text,
        };
    }

    public static bool IsText(string contentType)
    {
        var essence = MediaTypes.Essence(contentType) ?? "";
        return essence.StartsWith("text/", StringComparison.Ordinal) || MediaTypes.IsJson(essence)
            || essence is "application/javascript" or "image/svg+xml" or "application/xml";
    }
}
