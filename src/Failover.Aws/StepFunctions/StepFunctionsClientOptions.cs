using Failover.Service.Ports;
using Failover.Aws.Http;

namespace Failover.Aws.StepFunctions;

/// <summary>Settings of <see cref="StepFunctionsClient"/>; <see cref="Validate"/> names the setting that is wrong.</summary>
public sealed record StepFunctionsClientOptions
{
    /// <summary>The variable the AWS SDKs read for this service (service id "SFN").</summary>
    public const string EndpointVariable = "AWS_ENDPOINT_URL_SFN";

    /// <summary>The signing region, e.g. <c>eu-west-1</c>.</summary>
    public required string Region { get; init; }
    /// <summary><c>https://states.{Region}.amazonaws.com</c> when null.</summary>
    public Uri? Endpoint { get; init; }
    public int MaxRetries { get; init; } = 5;
    public TimeSpan BaseBackoff { get; init; } = TimeSpan.FromMilliseconds(100);
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(20);

    public RetryOptions Retry => new(MaxRetries, BaseBackoff, MaxBackoff);

    public Uri ResolvedEndpoint => Endpoint ?? RealEndpoint(Region);

    public static Uri RealEndpoint(string region) => new($"https://states.{region}.amazonaws.com");

    /// <summary>
    /// The region from the SDK's resolution (<c>AWS_REGION</c>, profile) unless given, and the endpoint from
    /// <c>AWS_ENDPOINT_URL_SFN</c> / <c>AWS_ENDPOINT_URL</c>.
    /// </summary>
    public static StepFunctionsClientOptions FromEnvironment(string? region = null, Func<string, string?>? environment = null)
    {
        region ??= AwsEnvironment.DefaultRegion().SystemName;
        return new StepFunctionsClientOptions
        {
            Region = region,
            Endpoint = AwsEndpointResolver.Resolve(EndpointVariable, RealEndpoint(region), environment),
        };
    }

    public StepFunctionsClientOptions Validate()
    {
        const string owner = nameof(StepFunctionsClientOptions);
        ClientOptionRules.ValidateRegionAndEndpoint(owner, Region, Endpoint);
        Retry.Validate(owner);
        return this;
    }
}
