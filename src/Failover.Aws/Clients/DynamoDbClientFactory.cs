using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace Failover.Aws.Clients;

/// <summary>
/// DynamoDB clients for the progress store. Without an explicit endpoint the SDK resolves it itself, as every AWS
/// SDK does: <c>AWS_ENDPOINT_URL_DYNAMODB</c>, then <c>AWS_ENDPOINT_URL</c>, then the shared config file's
/// <c>endpoint_url</c>, then the regional endpoint (AWSSDK.Core 4 implements this; a test checks it against moto).
/// An explicit endpoint (the CLI's <c>--endpoint</c>) wins over all of them.
/// <para>
/// Retries are the SDK's standard mode, stated here rather than left to <c>AWS_RETRY_MODE</c> and the shared config:
/// throttling, 5xx and calls with no answer are resent a few times with backoff. A resent conditional write can meet
/// its own first attempt (its answer lost, the write applied) and fail its condition; the progress store reads the
/// item back to decide such a write instead of taking it as refused. Each attempt has its own timeout, well under a
/// function's, so a hung connection becomes an answerless attempt that is resent, not a function timed out.
/// </para>
/// </summary>
public static class DynamoDbClientFactory
{
    /// <summary>Resends after the first attempt (standard mode's default is 2; DynamoDB calls are cheap and fast).</summary>
    public const int MaxErrorRetry = 4;

    /// <summary>One attempt's limit: DynamoDB answers single-item calls in milliseconds.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(20);

    public static AmazonDynamoDBClient Create(Uri? endpoint = null, string? region = null, AWSCredentials? credentials = null)
    {
        var config = new AmazonDynamoDBConfig
        {
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = MaxErrorRetry,
            Timeout = AttemptTimeout,
        };
        if (region is not null) config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(region);
        if (endpoint is not null)
        {
            config.ServiceURL = endpoint.ToString();
            // With a custom endpoint the SDK cannot infer the signing region from the host name.
            config.AuthenticationRegion = region ?? Environment.GetEnvironmentVariable("AWS_REGION") ?? "us-east-1";
        }
        return credentials is null ? new AmazonDynamoDBClient(config) : new AmazonDynamoDBClient(credentials, config);
    }
}
