using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace Failover.Aws.Clients;

/// <summary>
/// DynamoDB clients for the progress store. Without an explicit endpoint the SDK resolves it itself, as every AWS
/// SDK does: <c>AWS_ENDPOINT_URL_DYNAMODB</c>, then <c>AWS_ENDPOINT_URL</c>, then the shared config file's
/// <c>endpoint_url</c>, then the regional endpoint (AWSSDK.Core 4 implements this; a test checks it against moto).
/// An explicit endpoint (the CLI's <c>--endpoint</c>) wins over all of them.
/// </summary>
public static class DynamoDbClientFactory
{
    public static AmazonDynamoDBClient Create(Uri? endpoint = null, string? region = null, AWSCredentials? credentials = null)
    {
        var config = new AmazonDynamoDBConfig();
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
