using Failover.Aws.Http;
using Failover.Core.Alarms;

namespace Failover.Aws.CloudWatch;

/// <summary>Settings of <see cref="CloudWatchAlarmsClient"/>; <see cref="Validate"/> names the setting that is wrong.</summary>
public sealed record CloudWatchClientOptions
{
    /// <summary>The variable the AWS SDKs read for this service (service id "CloudWatch").</summary>
    public const string EndpointVariable = "AWS_ENDPOINT_URL_CLOUDWATCH";

    /// <summary>us-east-1 by default: the alarms watch Route 53's health check metrics, which exist only there.</summary>
    public string Region { get; init; } = HealthCheckAlarms.Region;
    /// <summary><c>https://monitoring.{Region}.amazonaws.com</c> when null.</summary>
    public Uri? Endpoint { get; init; }
    public int MaxRetries { get; init; } = 4;
    public TimeSpan BaseBackoff { get; init; } = TimeSpan.FromMilliseconds(100);
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    public RetryOptions Retry => new(MaxRetries, BaseBackoff, MaxBackoff);

    public Uri ResolvedEndpoint => Endpoint ?? new Uri($"https://monitoring.{Region}.amazonaws.com");

    public static CloudWatchClientOptions FromEnvironment(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var region = HealthCheckAlarms.Region;
        return new CloudWatchClientOptions
        {
            Region = region,
            Endpoint = AwsEndpointResolver.Resolve(EndpointVariable, new Uri($"https://monitoring.{region}.amazonaws.com"), environment),
        };
    }

    public CloudWatchClientOptions Validate()
    {
        const string owner = nameof(CloudWatchClientOptions);
        ClientOptionRules.ValidateRegionAndEndpoint(owner, Region, Endpoint);
        Retry.Validate(owner);
        return this;
    }
}
