using Failover.Service.Ports.Route53;
using Failover.Service.Ports;
using System.Net;
using System.Xml;
using System.Xml.Linq;
using Failover.Aws.Http;

namespace Failover.Aws.Route53;

/// <summary>
/// Turns a Route 53 error answer into a typed exception. Route 53 answers most errors as
/// <c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Type/&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;RequestId/&gt;</c>, but a refused
/// change batch as
/// <c>&lt;InvalidChangeBatch&gt;&lt;Messages&gt;&lt;Message/&gt;…</c>: both shapes are read.
/// </summary>
public static class Route53ErrorReader
{
    public static Route53Exception Read(AwsResponse response)
    {
        var (code, message, messages, requestId) = Parse(response.Body);
        requestId ??= response.RequestId;
        var status = response.StatusCode;
        if (code is null && status == HttpStatusCode.TooManyRequests) code = "Throttling";
        code ??= status >= HttpStatusCode.InternalServerError ? "ServiceUnavailable" : $"Http{(int)status}";
        message ??= "";
        // Route 53 answers some refused batches with one <Message> instead of <Messages>: keep it as the list.
        if (code == "InvalidChangeBatch" && messages.Count == 0 && message.Length > 0) messages = [message];
        return code switch
        {
            "Throttling" or "ThrottlingException" or "SlowDown" or "RequestLimitExceeded" =>
                new Route53ThrottlingException(code, message, status, requestId),
            "PriorRequestNotComplete" => new PriorRequestNotCompleteException(message, status, requestId),
            "InvalidChangeBatch" => new InvalidChangeBatchException(message, messages, status, requestId),
            "HealthCheckAlreadyExists" => new HealthCheckAlreadyExistsException(message, status, requestId),
            "NoSuchHostedZone" => new NoSuchHostedZoneException(message, status, requestId),
            "NoSuchHealthCheck" => new NoSuchHealthCheckException(message, status, requestId),
            "HealthCheckInUse" => new HealthCheckInUseException(message, status, requestId),
            "InvalidInput" => new InvalidInputException(message, status, requestId),
            "CidrCollectionVersionMismatchException" => new CidrCollectionVersionMismatchException(message, status, requestId),
            "NoSuchCidrCollectionException" => new NoSuchCidrCollectionException(message, status, requestId),
            "CidrCollectionAlreadyExistsException" => new CidrCollectionAlreadyExistsException(message, status, requestId),
            // 429 and 503 mean "slow down" whatever the code; other 5xx are the service's own failures.
            _ when status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable =>
                new Route53ThrottlingException(code, message, status, requestId),
            _ => new Route53Exception(code, message, status, requestId, isRetryable: status >= HttpStatusCode.InternalServerError),
        };
    }

    private static (string? Code, string? Message, IReadOnlyList<string> Messages, string? RequestId) Parse(byte[] body)
    {
        if (body.Length == 0) return (null, null, [], null);
        XElement root;
        try
        {
            root = XDocument.Load(new MemoryStream(body)).Root!;
        }
        catch (XmlException)
        {
            return (null, null, [], null);
        }
        var error = root.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
        var code = error?.Child("Code") ?? (root.Name.LocalName == "ErrorResponse" ? null : root.Name.LocalName);
        var messages = root.Descendants().Where(e => e.Name.LocalName == "Messages")
            .SelectMany(m => m.Elements().Where(e => e.Name.LocalName == "Message")).Select(m => m.Value).ToList();
        var message = error?.Child("Message") ?? root.Child("Message") ?? root.Child("message");
        var requestId = root.Descendants().FirstOrDefault(e => e.Name.LocalName == "RequestId")?.Value;
        return (code, message, messages, requestId);
    }
}
