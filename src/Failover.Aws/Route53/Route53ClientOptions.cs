using Failover.Service.Ports.Route53;
using Failover.Service.Ports;
using Failover.Aws.Http;

namespace Failover.Aws.Route53;

/// <summary>Settings of <see cref="Route53Client"/>; <see cref="Validate"/> names the setting that is wrong.</summary>
public sealed record Route53ClientOptions
{
    public static readonly Uri RealEndpoint = new("https://route53.amazonaws.com");
    /// <summary>The variable the AWS SDKs read for this service (service id "Route 53").</summary>
    public const string EndpointVariable = "AWS_ENDPOINT_URL_ROUTE_53";

    public Uri Endpoint { get; init; } = RealEndpoint;
    /// <summary>
    /// The rate the client starts at. Route 53 documents 5 requests/s per account (Developer Guide, "Quotas": quotas on
    /// API requests, all requests), shared with every other tool in the account, so the default takes no more than that
    /// until Route 53's answers show there is more (<see cref="AdaptiveRate"/>).
    /// </summary>
    public double RequestsPerSecond { get; init; } = 5;

    /// <summary>
    /// Whether the rate adapts to Route 53's answers (<see cref="Http.AdaptiveRate"/>: up while requests go through, down
    /// on <c>Throttling</c>) between <see cref="MinRequestsPerSecond"/> and <see cref="MaxRequestsPerSecond"/>; off: a
    /// fixed <see cref="RequestsPerSecond"/>.
    /// </summary>
    public bool AdaptiveRate { get; init; } = true;

    public double MinRequestsPerSecond { get; init; } = 0.5;

    /// <summary>
    /// The most the client probes for. 50 is the capacity of the account's bucket on accounts with the newer limits
    /// (Developer Guide, "Throttling for Amazon Route 53 API requests": burst 50, refill 10/s); an account whose quota was
    /// raised above it sets more.
    /// </summary>
    public double MaxRequestsPerSecond { get; init; } = 50;

    /// <summary>The controller's settings, or null when <see cref="AdaptiveRate"/> is off.</summary>
    public AdaptiveRateOptions? AdaptiveRateOptions => AdaptiveRate
        ? new AdaptiveRateOptions
        {
            MinRequestsPerSecond = Math.Min(MinRequestsPerSecond, RequestsPerSecond),
            MaxRequestsPerSecond = Math.Max(MaxRequestsPerSecond, RequestsPerSecond),
        }
        : null;
    /// <summary>Requests that may go out at once after a quiet period.</summary>
    public int Burst { get; init; } = 5;

    /// <summary>
    /// Tokens of the bucket reads leave to writes (ChangeResourceRecordSets, health check changes); null: a fifth of
    /// <see cref="Burst"/>. Reads never borrow either, so a queue of reads never delays a write behind it.
    /// </summary>
    public int? ReadReserve { get; init; }

    public int EffectiveReadReserve => ReadReserve ?? Burst / 5;
    public int MaxRetries { get; init; } = 8;
    public TimeSpan BaseBackoff { get; init; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(20);

    public RetryOptions Retry => new(MaxRetries, BaseBackoff, MaxBackoff);

    /// <summary>Defaults, with the endpoint taken from <c>AWS_ENDPOINT_URL_ROUTE_53</c> / <c>AWS_ENDPOINT_URL</c>.</summary>
    public static Route53ClientOptions FromEnvironment(Func<string, string?>? environment = null) =>
        new() { Endpoint = AwsEndpointResolver.Resolve(EndpointVariable, RealEndpoint, environment) };

    public Route53ClientOptions Validate()
    {
        const string owner = nameof(Route53ClientOptions);
        if (Endpoint is null || !Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttp && Endpoint.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"{owner}.Endpoint must be an absolute http or https URL; it is '{Endpoint}'.", nameof(Endpoint));
        if (!(RequestsPerSecond > 0) || double.IsInfinity(RequestsPerSecond))
            throw new ArgumentException($"{owner}.RequestsPerSecond must be a positive number; it is {RequestsPerSecond}.",
                nameof(RequestsPerSecond));
        if (Burst < 1)
            throw new ArgumentException($"{owner}.Burst must be at least 1; it is {Burst}.", nameof(Burst));
        if (ReadReserve is { } reserve && (reserve < 0 || reserve >= Burst))
            throw new ArgumentException($"{owner}.ReadReserve must be at least 0 and below Burst ({Burst}); it is {reserve}.",
                nameof(ReadReserve));
        if (!(MinRequestsPerSecond > 0) || double.IsInfinity(MinRequestsPerSecond))
            throw new ArgumentException($"{owner}.MinRequestsPerSecond must be a positive number; it is {MinRequestsPerSecond}.",
                nameof(MinRequestsPerSecond));
        if (!(MaxRequestsPerSecond >= MinRequestsPerSecond) || double.IsInfinity(MaxRequestsPerSecond))
            throw new ArgumentException(
                $"{owner}.MaxRequestsPerSecond must be a number at least MinRequestsPerSecond ({MinRequestsPerSecond}); it is " +
                $"{MaxRequestsPerSecond}.", nameof(MaxRequestsPerSecond));
        Retry.Validate(owner);
        return this;
    }
}
