using System.Text;
using Failover.Aws.Api.Http;

namespace Failover.Functions.Handlers.Api;

/// <summary>Between API Gateway's payload format 2.0 and the API's own request and response.</summary>
public static class HttpApiMapping
{
    /// <exception cref="FormatException">The body claims base64 and is not.</exception>
    public static ApiRequest ToRequest(HttpApiEvent @event)
    {
        var http = @event.RequestContext.Http;
        var body = @event.Body is null ? [] : @event.IsBase64Encoded ? Convert.FromBase64String(@event.Body) : Encoding.UTF8.GetBytes(@event.Body);
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

    /// <summary>Every response of the API is text (JSON, problem+json, Mermaid), so the body goes as a string.</summary>
    public static HttpApiResponse ToResponse(ApiResponse response) => new()
    {
        StatusCode = response.StatusCode,
        Headers = response.Headers,
        Body = response.BodyText,
        IsBase64Encoded = false,
    };
}
