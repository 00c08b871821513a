using System.Net;
using System.Net.Http.Headers;
using Failover.Service.Ports;
using Polly;
using Polly.Retry;

namespace Failover.Aws.Http;

/// <summary>
/// Sends service calls: waits for the rate limiter, signs each attempt afresh, reads the whole answer, turns error
/// answers into typed exceptions and retries what can be retried with capped exponential backoff and full jitter.
/// </summary>
/// <remarks>
/// Retries happen in three layers, each for what the one below cannot see. (1) Transport: this class, for the Route 53
/// and Step Functions calls it sends: throttling, retryable error answers, connections that never reached the service,
/// within one call (<see cref="RetryOptions"/>). (2) SDK: the AWS SDK's own retry for the DynamoDB and SQS clients.
/// (3) The state machine's ASL <c>Retry</c> (src/StateMachine) re-runs a whole workflow step that failed with a
/// transient error, including an outcome this layer could not know (a write that is not safe to repeat is never resent
/// here, see <see cref="OutcomeUnknownException"/>).
/// </remarks>
public sealed class AwsHttpTransport
{
    private readonly HttpClient _http;
    private readonly AwsRequestSigner _signer;
    private readonly Func<AwsResponse, AwsServiceException> _readError;
    private readonly Lock _randomGate = new();
    private readonly ResiliencePipeline<AwsResponse> _pipeline;
    private readonly Action<bool>? _onAnswered;

    public AwsHttpTransport(
        HttpClient http, Uri endpoint, AwsRequestSigner signer, RetryOptions retry,
        Func<AwsResponse, AwsServiceException> readError, TimeProvider? time = null, Random? random = null, TokenBucket? rateLimit = null,
        AdaptiveRate? adaptiveRate = null, Action<bool>? onAnswered = null, OperationRates? operationRates = null)
    {
        _http = http;
        Endpoint = endpoint;
        _signer = signer;
        Retry = retry;
        _readError = readError;
        Time = time ?? TimeProvider.System;
        Random = random ?? Random.Shared;
        RateLimit = rateLimit;
        AdaptiveRate = adaptiveRate;
        OperationRates = operationRates;
        _onAnswered = onAnswered;
        _pipeline = BuildPipeline();
    }

    public Uri Endpoint { get; }
    public RetryOptions Retry { get; }
    public TimeProvider Time { get; }
    public Random Random { get; }
    public TokenBucket? RateLimit { get; }

    /// <summary>Moves <see cref="RateLimit"/>'s rate with the answers: up while they go through, down on a throttle.</summary>
    public AdaptiveRate? AdaptiveRate { get; }

    /// <summary>Buckets of the operations the service paces on their own besides the account (<see cref="OperationRate"/>).</summary>
    public OperationRates? OperationRates { get; }

    public Task<AwsResponse> SendAsync(AwsRequest request, CancellationToken cancellationToken = default) =>
        _pipeline.ExecuteAsync(
            static (state, token) => state.Transport.AttemptAsync(state.Request, token), (Transport: this, Request: request),
            cancellationToken).AsTask();

    /// <summary>
    /// Retries an attempt that failed before the service acted, or with an answer the service marks retryable; an unknown
    /// outcome never (the attempt turns what may have been applied into <see cref="OutcomeUnknownException"/>).
    /// </summary>
    private ResiliencePipeline<AwsResponse> BuildPipeline()
    {
        var builder = new ResiliencePipelineBuilder<AwsResponse> { TimeProvider = Time };
        if (Retry.MaxRetries == 0) return builder.Build();
        return builder.AddRetry(new RetryStrategyOptions<AwsResponse>
        {
            MaxRetryAttempts = Retry.MaxRetries,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception switch
            {
                OutcomeUnknownException => false,
                AwsServiceException error => error.IsRetryable,
                HttpRequestException => true,
                // HttpClient's timeout (not the caller's cancellation) on a request that is safe to repeat.
                TaskCanceledException => !args.Context.CancellationToken.IsCancellationRequested,
                _ => false,
            }),
            // Our own capped exponential backoff with full jitter, from this transport's random source.
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(NextDelay(args.AttemptNumber + 1)),
        }).Build();
    }

    private async ValueTask<AwsResponse> AttemptAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var operationRate = OperationRates?.For(request.Operation);
        var operationBound = false;
        if (operationRate is not null)
        {
            // The operation's own bucket first: a request waiting for it holds no account token meanwhile, so the
            // account's rate stays with the other operations (reads, record changes) while, say, creates go at 0.5/s.
            await operationRate.AcquireAsync(request.IsRead, cancellationToken).ConfigureAwait(false);
            operationBound = operationRate.IsBinding;
        }
        if (RateLimit is not null)
            await (request.IsRead ? RateLimit.AcquireReadAsync(cancellationToken) : RateLimit.AcquireAsync(cancellationToken))
                .ConfigureAwait(false);
        AwsResponse response;
        try
        {
            response = await SendOnceAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (!MaySendAgain(e, request))
        {
            throw new OutcomeUnknownException(request.Operation, $"connection lost: {e.Message}", 0, null, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested && !request.SafeToRepeat)
        {
            // HttpClient's timeout: the request went out and the answer never came, so it may have been applied.
            throw new OutcomeUnknownException(request.Operation, "timed out", 0, null, e);
        }
        var error = response.IsSuccess ? null : _readError(response);
        // Told of every answer, whether it was a throttle: a client counts what its callers spent of the service's rate.
        _onAnswered?.Invoke(error?.Code == "Throttling");
        if (error is null)
        {
            AdaptiveRate?.OnAccepted();
            operationRate?.OnAccepted();
            return response;
        }
        // Only the account's rate says "slow down"; PriorRequestNotComplete is one zone's change still in progress.
        // A throttle the operation's own bucket explains cuts that operation's rate, not the one every operation shares.
        if (error.Code == "Throttling" && operationRate?.OnThrottled(operationBound) != true) AdaptiveRate?.OnThrottled();
        // A server error says the service failed, not that it did nothing: a write that is not safe to repeat
        // goes back to its caller, which reads the state before it decides to send it again.
        if (!request.SafeToRepeat && response.StatusCode >= HttpStatusCode.InternalServerError && !IsRateRefusal(error.Code))
            throw new OutcomeUnknownException(request.Operation, error.Message, response.StatusCode, error.RequestId, error);
        throw error;
    }

    /// <summary>
    /// Codes with which AWS refuses a request before acting on it because the caller is too fast (Route 53 API
    /// reference, "Common Errors": Throttling; S3-style SlowDown on 503): resending such a request is always safe.
    /// </summary>
    private static bool IsRateRefusal(string code) =>
        code is "Throttling" or "ThrottlingException" or "SlowDown" or "RequestLimitExceeded" or "TooManyRequestsException";

    private TimeSpan NextDelay(int retry)
    {
        double uniform;
        lock (_randomGate) uniform = Random.NextDouble();
        return Retry.Delay(retry, uniform);
    }

    /// <summary>
    /// A failure to connect means the service never saw the request: sending it again is always safe. Any other
    /// transport failure (connection dropped, response cut short) may come after the service applied the request.
    /// </summary>
    private static bool MaySendAgain(HttpRequestException failure, AwsRequest request) =>
        failure.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
            or HttpRequestError.SecureConnectionError
        || request.SafeToRepeat;

    private async Task<AwsResponse> SendOnceAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var uri = new Uri(Endpoint, request.PathAndQuery);
        var signedHeaders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (request.ContentType is not null) signedHeaders["Content-Type"] = request.ContentType;
        foreach (var (name, value) in request.Headers) signedHeaders[name] = value;
        var signature =
            await _signer.SignAsync(request.Method, uri, signedHeaders, request.Body, Time.GetUtcNow().UtcDateTime, cancellationToken)
            .ConfigureAwait(false);

        using var message = new HttpRequestMessage(request.Method, uri);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null) message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
        }
        foreach (var (name, value) in request.Headers) message.Headers.TryAddWithoutValidation(name, value);
        foreach (var (name, value) in signature) message.Headers.TryAddWithoutValidation(name, value);

        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken)
            .ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers) headers[name] = string.Join(",", values);
        foreach (var (name, values) in response.Content.Headers) headers[name] = string.Join(",", values);
        return new AwsResponse(response.StatusCode, headers, body);
    }
}
