using System.Net;

namespace Failover.Service.Ports;

/// <summary>An error answer from an AWS service, with what the service said and whether trying again can help.</summary>
public class AwsServiceException(
    string code, string message, HttpStatusCode statusCode, string? requestId, bool isRetryable, Exception? innerException = null)
    : Exception(string.IsNullOrEmpty(message) ? $"{code} (HTTP {(int)statusCode})" : $"{code}: {message}", innerException)
{
    /// <summary>The service's error code, e.g. <c>Throttling</c> or <c>NoSuchHostedZone</c>.</summary>
    public string Code { get; } = code;
    /// <summary>The service's own message, without the code.</summary>
    public string ServiceMessage { get; } = message;
    public HttpStatusCode StatusCode { get; } = statusCode;
    public string? RequestId { get; } = requestId;
    /// <summary>True for throttling, a busy resource and server errors: the same request may succeed later.</summary>
    public bool IsRetryable { get; } = isRetryable;
}
