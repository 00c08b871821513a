using System.Net;
using Failover.Service.Ports;

namespace Failover.Service.Ports.Route53;

/// <summary>An error answer from Route 53 (<c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;</c>).</summary>
public class Route53Exception(string code, string message, HttpStatusCode statusCode, string? requestId, bool isRetryable = false)
    : AwsServiceException(code, message, statusCode, requestId, isRetryable);

/// <summary>The account-wide request rate was exceeded (<c>Throttling</c>, or <c>SlowDown</c> with 429/503). Retryable.</summary>
public sealed class Route53ThrottlingException(string code, string message, HttpStatusCode statusCode, string? requestId)
    : Route53Exception(code, message, statusCode, requestId, isRetryable: true);

/// <summary>Route 53 has not finished the zone's previous request; it asks callers to back off and retry.</summary>
public sealed class PriorRequestNotCompleteException(string message, HttpStatusCode statusCode, string? requestId)
    : Route53Exception("PriorRequestNotComplete", message, statusCode, requestId, isRetryable: true);

/// <summary>Route 53 refused a change batch; <see cref="Messages"/> holds every reason it gave, one per problem.</summary>
public sealed class InvalidChangeBatchException(string message, IReadOnlyList<string> messages, HttpStatusCode statusCode,
    string? requestId)
    : Route53Exception("InvalidChangeBatch", messages.Count > 0 ? string.Join("; ", messages) : message, statusCode, requestId)
{
    public IReadOnlyList<string> Messages { get; } = messages;
}

/// <summary>The CallerReference is taken by a health check with a different configuration.</summary>
public sealed class HealthCheckAlreadyExistsException(string message, HttpStatusCode statusCode, string? requestId)
    : Route53Exception("HealthCheckAlreadyExists", message, statusCode, requestId);

public sealed class NoSuchHostedZoneException(string message, HttpStatusCode statusCode, string? requestId)
    : Route53Exception("NoSuchHostedZone", message, statusCode, requestId);

public sealed class NoSuchHealthCheckException(string message, HttpStatusCode statusCode, string? requestId)
    : Route53Exception("NoSuchHealthCheck", message, statusCode, requestId);

/// <summary>A record still refers to the health check being deleted.</summary>
public sealed class HealthCheckInUseException(string message, HttpStatusCode statusCode, string? requestId)
    : Route53Exception("HealthCheckInUse", message, statusCode, requestId);

public sealed class InvalidInputException(string message, HttpStatusCode statusCode, string? requestId)
    : Route53Exception("InvalidInput", message, statusCode, requestId);

/// <summary>ChangeCidrCollection named a CollectionVersion the collection is no longer at (API reference, ChangeCidrCollection).</summary>
public sealed class CidrCollectionVersionMismatchException(string message, HttpStatusCode statusCode, string? requestId)
    : Route53Exception("CidrCollectionVersionMismatchException", message, statusCode, requestId);

public sealed class NoSuchCidrCollectionException(string message, HttpStatusCode statusCode, string? requestId)
    : Route53Exception("NoSuchCidrCollectionException", message, statusCode, requestId);

/// <summary>A collection of this name exists under another CallerReference (API reference, CreateCidrCollection).</summary>
public sealed class CidrCollectionAlreadyExistsException(string message, HttpStatusCode statusCode, string? requestId)
    : Route53Exception("CidrCollectionAlreadyExistsException", message, statusCode, requestId);
