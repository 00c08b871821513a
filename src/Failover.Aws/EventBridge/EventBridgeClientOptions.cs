using Failover.Aws.Http;

namespace Failover.Aws.EventBridge;

/// <summary>Settings of <see cref="EventBridgeClient"/>; <see cref="Validate"/> names the setting that is wrong.</summary>
public sealed record EventBridgeClientOptions
{
    /// <summary>The variable the AWS SDKs read for this service (service id "EventBridge").</summary>
    public const string EndpointVariable = "AWS_ENDPOINT_URL_EVENTBRIDGE";
    public const string BusVariable = "FAILOVER_EVENT_BUS";
    public const string DefaultBus = "default";

    public required string Region { get; init; }
    /// <summary><c>https://events.{Region}.amazonaws.com</c> when null.</summary>
    public Uri? Endpoint { get; init; }
    /// <summary>The bus the events go to (<c>FAILOVER_EVENT_BUS</c>): its name or ARN; the account's default bus unless set.</summary>
    public string EventBusName { get; init; } = DefaultBus;
    public int MaxRetries { get; init; } = 4;
    public TimeSpan BaseBackoff { get; init; } = TimeSpan.FromMilliseconds(100);
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    public RetryOptions Retry => new(MaxRetries, BaseBackoff, MaxBackoff);

    public Uri ResolvedEndpoint => Endpoint ?? new Uri($"https://events.{Region}.amazonaws.com");

    public static EventBridgeClientOptions FromEnvironment(string? region = null, Func<string, string?>? environment = null)
    {
        region ??= AwsEnvironment.DefaultRegion().SystemName;
        environment ??= Environment.GetEnvironmentVariable;
        return new EventBridgeClientOptions
        {
            Region = region,
            Endpoint = AwsEndpointResolver.Resolve(EndpointVariable, new Uri($"https://events.{region}.amazonaws.com"), environment),
            EventBusName = environment(BusVariable) is { Length: > 0 } bus ? bus.Trim() : DefaultBus,
        };
    }

    public EventBridgeClientOptions Validate()
    {
        const string owner = nameof(EventBridgeClientOptions);
        ClientOptionRules.ValidateRegionAndEndpoint(owner, Region, Endpoint);
        if (string.IsNullOrWhiteSpace(EventBusName))
            throw new ArgumentException($"{owner}.EventBusName ({BusVariable}) must name the event bus.", nameof(EventBusName));
        Retry.Validate(owner);
        return this;
    }
}
