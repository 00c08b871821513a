using System.Net;
using System.Text.Json;
using Amazon;
using Amazon.Runtime;
using Failover.Aws.Http;
using Failover.Service.Ports;

namespace Failover.Aws.EventBridge;

/// <summary>
/// The service's events on EventBridge (JSON 1.1, <c>X-Amz-Target: AWSEvents.PutEvents</c>), limited to PutEvents. An
/// answer with <c>FailedEntryCount</c> above 0 throws with each refused entry's code.
/// </summary>
public sealed class EventBridgeClient : IEventBus
{
    private const string ContentType = "application/x-amz-json-1.1";
    // PutEvents takes at most 10 entries per request (EventBridge API reference, PutEvents: Entries).
    private const int MaxEntries = 10;
    private static readonly HttpClient SharedHttp = new();
    private static readonly EventBridgeJsonContext Json = EventBridgeJsonContext.Default;
    private readonly AwsHttpTransport _transport;

    public EventBridgeClient(EventBridgeClientOptions options, HttpClient? http = null, AWSCredentials? credentials = null,
        TimeProvider? time = null)
    {
        Options = options.Validate();
        var signer = new AwsRequestSigner(credentials ?? AwsEnvironment.DefaultCredentials(),
            RegionEndpoint.GetBySystemName(options.Region), "events");
        _transport = new AwsHttpTransport(http ?? SharedHttp, options.ResolvedEndpoint, signer, options.Retry, ReadError, time);
    }

    public EventBridgeClientOptions Options { get; }

    public async Task PutAsync(IReadOnlyList<BusEvent> events, CancellationToken cancellationToken = default)
    {
        foreach (var chunk in events.Chunk(MaxEntries))
        {
            var body = new PutEventsRequest(chunk.Select(e => new PutEventsEntry(e.Source, e.DetailType, e.Detail, Options.EventBusName,
                e.Resources.Count == 0 ? null : e.Resources)).ToList());
            var request = new AwsRequest("PutEvents", HttpMethod.Post, "/")
            {
                Body = JsonSerializer.SerializeToUtf8Bytes(body, Json.PutEventsRequest),
                ContentType = ContentType,
                Headers = new Dictionary<string, string> { ["X-Amz-Target"] = "AWSEvents.PutEvents" },
                // A resend after a lost answer may deliver an event twice; EventBridge delivers at least once anyway, and
                // every event carries an eventId for consumers to drop repeats.
                SafeToRepeat = true,
            };
            var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var answer = JsonSerializer.Deserialize(response.Body, Json.PutEventsResponse)
                ?? throw new FormatException("EventBridge answered PutEvents with an empty document.");
            if (answer.FailedEntryCount > 0)
            {
                var refused = (answer.Entries ?? []).Where(e => e.ErrorCode is not null)
                    .Select(e => $"{e.ErrorCode}: {e.ErrorMessage}").Distinct();
                throw new AwsServiceException("FailedEntries",
                    $"EventBridge refused {answer.FailedEntryCount} of {chunk.Length} event(s): {string.Join("; ", refused)}",
                    response.StatusCode, response.RequestId, isRetryable: false);
            }
        }
    }

    private static AwsServiceException ReadError(AwsResponse response)
    {
        EventBridgeError? error = null;
        try
        {
            if (response.Body.Length > 0) error = JsonSerializer.Deserialize(response.Body, Json.EventBridgeError);
        }
        catch (JsonException)
        {
        }
        var type = error?.Type ?? response.Header("x-amzn-ErrorType")?.Split(':')[0];
        var code = type is null
            ? response.StatusCode >= HttpStatusCode.InternalServerError ? "ServiceUnavailable" : $"Http{(int)response.StatusCode}"
            : type[(type.LastIndexOf('#') + 1)..];
        var retryable = response.StatusCode >= HttpStatusCode.InternalServerError || response.StatusCode == HttpStatusCode.TooManyRequests
            || code is "ThrottlingException" or "Throttling" or "InternalException";
        return new AwsServiceException(code, error?.Message ?? "", response.StatusCode, response.RequestId, retryable);
    }
}
