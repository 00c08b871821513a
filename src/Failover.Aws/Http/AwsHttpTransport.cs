using Failover.Service.Ports;
using System.Net;
using System.Net.Http.Headers;

namespace Failover.Aws.Http;

/// <summary>
/// Sends service calls: waits for the rate limiter, signs each attempt afresh, reads the whole answer, turns error
/// answers into typed exceptions and retries what can be retried with capped exponential backoff and full jitter.
/// </summary>
public sealed class AwsHttpTransport
{
    private readonly HttpClient _http;
    private readonly AwsRequestSigner _signer;
    private readonly Func<AwsResponse, AwsServiceException> _readError;
    private readonly Lock _randomGate = new();

    public AwsHttpTransport(
        HttpClient http, Uri endpoint, AwsRequestSigner signer, RetryOptions retry,
        Func<AwsResponse, AwsServiceException> readError, TimeProvider? time = null, Random? random = null, TokenBucket? rateLimit = null)
    {
        _http = http;
        Endpoint = endpoint;
        _signer = signer;
        Retry = retry;
        _readError = readError;
        Time = time ?? TimeProvider.System;
        Random = random ?? Random.Shared;
        RateLimit = rateLimit;
    }

    public Uri Endpoint { get; }
    public RetryOptions Retry { get; }
    public TimeProvider Time { get; }
    public Random Random { get; }
    public TokenBucket? RateLimit { get; }

    public async Task<AwsResponse> SendAsync(AwsRequest request, CancellationToken cancellationToken = default)
    {
        for (var retry = 0; ; retry++)
        {
            if (RateLimit is not null) await RateLimit.AcquireAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var response = await SendOnceAsync(request, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccess) return response;
                var error = _readError(response);
                // A server error says the service failed, not that it did nothing: a write that is not safe to repeat
                // goes back to its caller, which reads the state before it decides to send it again.
                if (!request.SafeToRepeat && response.StatusCode >= HttpStatusCode.InternalServerError && !IsRateRefusal(error.Code))
                    throw new OutcomeUnknownException(request.Operation, error.Message, response.StatusCode, error.RequestId, error);
                if (!error.IsRetryable || retry >= Retry.MaxRetries) throw error;
            }
            catch (HttpRequestException e) when (!MaySendAgain(e, request))
            {
                throw new OutcomeUnknownException(request.Operation, $"connection lost: {e.Message}", 0, null, e);
            }
            catch (HttpRequestException) when (retry < Retry.MaxRetries)
            {
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested && !request.SafeToRepeat)
            {
                // HttpClient's timeout: the request went out and the answer never came, so it may have been applied.
                throw new OutcomeUnknownException(request.Operation, "timed out", 0, null, e);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested && retry < Retry.MaxRetries)
            {
            }
            await Task.Delay(NextDelay(retry + 1), Time, cancellationToken).ConfigureAwait(false);
        }
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
