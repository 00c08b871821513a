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
    /// The account-wide rate the client starts at. The newer throttling page (Developer Guide, "Throttling for Amazon
    /// Route 53 API requests") gives accounts 10/s with a burst of 50; the older "Quotas" page and the knowledge center
    /// say 5 requests/s per account. The newer page is the authority on Route 53's limits
    /// (<see cref="Route53OperationLimits"/>), but an account may still sit at 5/s and the rate is shared with every other
    /// tool in the account, so the client starts at 5 and climbs while Route 53's answers show there is more
    /// (<see cref="AdaptiveRate"/>).
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

    /// <summary>
    /// Operations paced by a bucket of their own besides the account's: Route 53's documented per-operation buckets
    /// (<see cref="Route53OperationLimits.Documented"/>: CreateHealthCheck 50 and 0.5/s, DeleteHealthCheck 15 and 3/s,
    /// GetHealthCheckStatus 4 and 1/s, ...) unless set; a raised quota sets its own numbers, and an endpoint that models no
    /// operation buckets (the local stack without them) sets <see cref="Route53OperationLimits.None"/>.
    /// </summary>
    public IReadOnlyDictionary<string, OperationLimit> OperationLimits { get; init; } = Route53OperationLimits.Documented;
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
        if (OperationLimits is null)
            throw new ArgumentException($"{owner}.OperationLimits must be set (Route53OperationLimits.None for no per-operation pacing).",
                nameof(OperationLimits));
        foreach (var (operation, limit) in OperationLimits)
        {
            if (string.IsNullOrWhiteSpace(operation) || !operation.All(char.IsAsciiLetter))
                throw new ArgumentException($"{owner}.OperationLimits: '{operation}' is not an API operation name.",
                    nameof(OperationLimits));
            if (limit is null)
                throw new ArgumentException($"{owner}.OperationLimits[{operation}] must be set.", nameof(OperationLimits));
            limit.Validate($"{owner}.OperationLimits[{operation}]");
        }
        Retry.Validate(owner);
        return this;
    }
}
