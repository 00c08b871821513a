using Failover.Service.Ports;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace Failover.Aws.Http;

/// <summary>Credentials and region as the AWS SDK finds them (environment, profiles, container and instance roles).</summary>
public static class AwsEnvironment
{
    /// <summary>The SDK's default credential chain. Resolution is lazy: nothing is read until a request is signed.</summary>
    public static AWSCredentials DefaultCredentials() => DefaultAWSCredentialsIdentityResolver.GetCredentials(null);

    /// <summary>
    /// The SDK's region resolution (<c>AWS_REGION</c>, then the profile). Instance metadata is not consulted, so a
    /// machine without a region fails fast with a message instead of waiting on a metadata endpoint.
    /// </summary>
    public static RegionEndpoint DefaultRegion() =>
        FallbackRegionFactory.GetRegionEndpoint(includeInstanceMetadata: false)
        ?? throw new InvalidOperationException(
            "No AWS region is configured: set AWS_REGION (for example AWS_REGION=us-east-1) or a region in the AWS profile.");
}
