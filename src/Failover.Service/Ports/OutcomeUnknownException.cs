using System.Net;

namespace Failover.Service.Ports;

/// <summary>
/// A write that is not safe to repeat went out and no definite answer came back: a 5xx, a timeout or a connection cut
/// after the request was sent. The service may have applied it, so the caller must read the state before it sends the
/// write again, and must never undo it as if it had failed. The clients never resend such a write themselves.
/// </summary>
/// <remarks>
/// The rule comes from how AWS documents server errors: a 5xx (InternalFailure, ServiceUnavailable) says the request
/// failed on the service's side, not that it was not applied (AWS General Reference, "Error retries and exponential
/// backoff": only idempotent requests may simply be retried).
/// </remarks>
public sealed class OutcomeUnknownException(string operation, string detail, HttpStatusCode statusCode, string? requestId,
    Exception? innerException)
    : AwsServiceException("OutcomeUnknown", $"{operation}: no definite answer ({detail}); it may have been applied", statusCode, requestId,
        isRetryable: true, innerException)
{
    /// <summary>The operation whose outcome is unknown, e.g. <c>ChangeResourceRecordSets</c>.</summary>
    public string Operation { get; } = operation;
}
