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
    /// The client's share of the account-wide Route 53 request rate. Route 53 documents 5 requests/s per account,
    /// shared with every other tool in the account, so the default leaves none of it unused and takes no more.
    /// </summary>
    public double RequestsPerSecond { get; init; } = 5;
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
        Retry.Validate(owner);
        return this;
    }
}
