using Failover.Service.Ports;
namespace Failover.Aws.Http;

/// <summary>One service call, before signing: the transport sends it, signs it again for every attempt.</summary>
public sealed record AwsRequest(string Operation, HttpMethod Method, string PathAndQuery)
{
    public byte[]? Body { get; init; }
    public string? ContentType { get; init; }
    /// <summary>Extra headers to send and sign, e.g. <c>X-Amz-Target</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Whether sending the request twice does no harm. When a response is lost (connection dropped after the request
    /// went out, or a timeout) the request may have been applied; only requests marked safe are sent again then.
    /// Requests that never reached the server and error answers the service marks retryable are always retried.
    /// </summary>
    public bool SafeToRepeat { get; init; }

    /// <summary>
    /// A read (it changes nothing): it waits for the rate limiter's tokens above the read reserve, so reads yield to the
    /// writes that converge a zone.
    /// </summary>
    public bool IsRead { get; init; }
}

/// <summary>A service answer: status, headers (case-insensitive names) and the whole body.</summary>
public sealed record AwsResponse(System.Net.HttpStatusCode StatusCode, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public bool IsSuccess => (int)StatusCode is >= 200 and < 300;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The request id AWS puts in a header (<c>x-amzn-RequestId</c>, or <c>x-amz-request-id</c>).</summary>
    public string? RequestId => Header("x-amzn-RequestId") ?? Header("x-amz-request-id");
}
