using System.Text.Json.Serialization;

namespace Failover.Functions.Handlers.Api;

/// <summary>
/// The event API Gateway's HTTP API sends a Lambda integration, payload format 2.0. Only the fields the API reads (and
/// the local emulation writes) are modelled; Lambda's own event libraries are not available here.
/// </summary>
public sealed record HttpApiEvent
{
    [JsonPropertyName("version")] public string Version { get; init; } = "2.0";
    [JsonPropertyName("routeKey")] public string RouteKey { get; init; } = "$default";
    [JsonPropertyName("rawPath")] public string RawPath { get; init; } = "/";
    [JsonPropertyName("rawQueryString")] public string RawQueryString { get; init; } = "";
    [JsonPropertyName("cookies")] public IReadOnlyList<string>? Cookies { get; init; }
    /// <summary>Lower-case names; repeated headers joined with commas.</summary>
    [JsonPropertyName("headers")] public IReadOnlyDictionary<string, string>? Headers { get; init; }
    /// <summary>Decoded; repeated parameters joined with commas.</summary>
    [JsonPropertyName("queryStringParameters")] public IReadOnlyDictionary<string, string>? QueryStringParameters { get; init; }
    [JsonPropertyName("pathParameters")] public IReadOnlyDictionary<string, string>? PathParameters { get; init; }
    [JsonPropertyName("stageVariables")] public IReadOnlyDictionary<string, string>? StageVariables { get; init; }
    [JsonPropertyName("requestContext")] public HttpApiRequestContext RequestContext { get; init; } = new();
    [JsonPropertyName("body")] public string? Body { get; init; }
    [JsonPropertyName("isBase64Encoded")] public bool IsBase64Encoded { get; init; }
}

public sealed record HttpApiRequestContext
{
    [JsonPropertyName("accountId")] public string? AccountId { get; init; }
    [JsonPropertyName("apiId")] public string? ApiId { get; init; }
    [JsonPropertyName("domainName")] public string? DomainName { get; init; }
    [JsonPropertyName("domainPrefix")] public string? DomainPrefix { get; init; }
    [JsonPropertyName("http")] public HttpApiRequestHttp Http { get; init; } = new();
    [JsonPropertyName("requestId")] public string? RequestId { get; init; }
    [JsonPropertyName("routeKey")] public string RouteKey { get; init; } = "$default";
    [JsonPropertyName("stage")] public string Stage { get; init; } = "$default";
    /// <summary>e.g. <c>12/Mar/2026:19:03:58 +0000</c>.</summary>
    [JsonPropertyName("time")] public string? Time { get; init; }
    [JsonPropertyName("timeEpoch")] public long TimeEpoch { get; init; }
    [JsonPropertyName("authorizer")] public HttpApiAuthorizer? Authorizer { get; init; }
}

public sealed record HttpApiRequestHttp
{
    [JsonPropertyName("method")] public string Method { get; init; } = "GET";
    [JsonPropertyName("path")] public string Path { get; init; } = "/";
    [JsonPropertyName("protocol")] public string Protocol { get; init; } = "HTTP/1.1";
    [JsonPropertyName("sourceIp")] public string? SourceIp { get; init; }
    [JsonPropertyName("userAgent")] public string? UserAgent { get; init; }
}

/// <summary>What the IAM authorizer says about the signer (present when the route uses AWS_IAM).</summary>
public sealed record HttpApiAuthorizer
{
    [JsonPropertyName("iam")] public HttpApiIamIdentity? Iam { get; init; }
}

public sealed record HttpApiIamIdentity
{
    [JsonPropertyName("accessKey")] public string? AccessKey { get; init; }
    [JsonPropertyName("accountId")] public string? AccountId { get; init; }
    [JsonPropertyName("callerId")] public string? CallerId { get; init; }
    [JsonPropertyName("userArn")] public string? UserArn { get; init; }
    [JsonPropertyName("userId")] public string? UserId { get; init; }
}

/// <summary>The response a payload-format-2.0 integration returns; API Gateway turns it into the HTTP response.</summary>
public sealed record HttpApiResponse
{
    [JsonPropertyName("statusCode")] public int StatusCode { get; init; }
    [JsonPropertyName("headers")] public IReadOnlyDictionary<string, string>? Headers { get; init; }
    [JsonPropertyName("cookies")] public IReadOnlyList<string>? Cookies { get; init; }
    [JsonPropertyName("body")] public string? Body { get; init; }
    [JsonPropertyName("isBase64Encoded")] public bool IsBase64Encoded { get; init; }
}
