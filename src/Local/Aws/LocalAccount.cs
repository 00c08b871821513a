using Amazon;
using Amazon.Runtime;

namespace Failover.Local.Aws;

/// <summary>The account the local stack pretends to be: moto's default account, us-east-1, any credentials.</summary>
public static class LocalAccount
{
    public const string Id = "123456789012";
    public const string Region = "us-east-1";

    public static RegionEndpoint RegionEndpoint => RegionEndpoint.USEast1;

    /// <summary>moto accepts any key; these are the ones the tests and the README use.</summary>
    public static AWSCredentials Credentials { get; } = new BasicAWSCredentials("testing", "testing");
}
