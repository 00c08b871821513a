using Amazon.Runtime;
using Failover.Service.Ports;

namespace Failover.Store;

/// <summary>DynamoDB's error answers in the service's terms (after the SDK's own retries gave up).</summary>
internal static class SdkErrors
{
    public static async Task TranslateAsync(Func<Task> call)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (AmazonServiceException error)
        {
            throw Translate(error);
        }
        catch (AmazonClientException error)
        {
            // The SDK gave up without an answer (connection refused or reset, a timeout): the call may work later.
            throw new AwsServiceException("ClientError", error.Message, default, null, isRetryable: true, error);
        }
        catch (TimeoutException error)
        {
            throw TimedOut(error);
        }
    }

    public static async Task<T> TranslateAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (AmazonServiceException error)
        {
            throw Translate(error);
        }
        catch (AmazonClientException error)
        {
            // The SDK gave up without an answer (connection refused or reset, a timeout): the call may work later.
            throw new AwsServiceException("ClientError", error.Message, default, null, isRetryable: true, error);
        }
        catch (TimeoutException error)
        {
            throw TimedOut(error);
        }
    }

    // The SDK throws its attempt timeout (ClientConfig.Timeout, 20 s here) as a bare TimeoutException, neither of its
    // own exception types; an endpoint that stalls is the same kind of failure as one that resets the connection.
    private static AwsServiceException TimedOut(TimeoutException error) =>
        new("RequestTimeout", $"DynamoDB did not answer in time: {error.Message}", default, null, isRetryable: true, error);

    // Conditional-check failures are answered by the store itself (a result or ProgressConflictException); what gets
    // here is the service failing: throttled, over its throughput, or a server error — worth the same call later.
    private static AwsServiceException Translate(AmazonServiceException error) =>
        new(error.ErrorCode ?? error.GetType().Name, error.Message, error.StatusCode, error.RequestId, IsRetryable(error), error);

    private static bool IsRetryable(AmazonServiceException e) =>
        e.StatusCode >= System.Net.HttpStatusCode.InternalServerError
        || e.ErrorCode is "ThrottlingException" or "ProvisionedThroughputExceededException" or "RequestLimitExceeded"
            or "Throttling" or "TooManyRequestsException";
}
