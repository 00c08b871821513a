using Failover.Service.Ports;
using Failover.Service.Ports.Route53;
using System.Collections.Concurrent;
using Amazon;
using Amazon.Runtime;
using Failover.Aws.Http;

namespace Failover.Aws.Route53;

/// <summary>
/// A typed Route 53 client (REST-XML, API 2013-04-01) limited to the operations the service uses. Every call waits
/// for the account-wide rate limiter, is signed with SigV4 for us-east-1 (Route 53 is global), and is retried with
/// capped exponential backoff and full jitter when Route 53 throttles, is busy with the zone, or fails.
/// </summary>
public sealed partial class Route53Client : IRoute53
{
    private const string ApiPrefix = "/2013-04-01";
    private const string XmlContentType = "application/xml";
    private static readonly HttpClient SharedHttp = new();
    private static readonly ConcurrentDictionary<(double, int, int, AdaptiveRateOptions?), (TokenBucket Bucket, AdaptiveRate? Adaptive)>
        ProcessRateLimits = new();
    private static readonly ConcurrentDictionary<string, OperationRates> ProcessOperationRates = new(StringComparer.Ordinal);

    private readonly AwsHttpTransport _transport;

    /// <param name="options">Validated here; an invalid setting throws with its name.</param>
    /// <param name="http">The HTTP client; a process-wide one when null.</param>
    /// <param name="credentials">The SDK's default credential chain when null.</param>
    /// <param name="time">Clock for backoff, rate limiting and signing; the system clock when null.</param>
    /// <param name="random">Source of backoff jitter.</param>
    /// <param name="rateLimit">
    /// The request rate limiter. When null: with the system clock, one bucket per rate shared by every Route 53 client
    /// of the process (the limit is the account's, not the client's); with an injected clock, a bucket of its own. Either
    /// adapts its rate to Route 53's answers unless <see cref="Route53ClientOptions.AdaptiveRate"/> is off; a bucket
    /// given here keeps its rate. The per-operation buckets (<see cref="Route53ClientOptions.OperationLimits"/>) follow
    /// the same rule: shared by the process's clients with the same limits, the client's own with an injected clock, and
    /// none with a bucket given here (the caller chose the pacing).
    /// </param>
    public Route53Client(
        Route53ClientOptions options, HttpClient? http = null, AWSCredentials? credentials = null,
        TimeProvider? time = null, Random? random = null, TokenBucket? rateLimit = null)
    {
        options.Validate();
        Options = options;
        var adaptiveOptions = options.AdaptiveRateOptions;
        AdaptiveRate? adaptive;
        OperationRates? operations = null;
        var paceOperations = options.OperationLimits.Count > 0;
        // A bucket given by the caller keeps the rate the caller chose, and no operation bucket adds to it.
        if (rateLimit is not null)
            adaptive = null;
        else if (time is null)
        {
            (rateLimit, adaptive) = ProcessRateLimits.GetOrAdd(
                (options.RequestsPerSecond, options.Burst, options.EffectiveReadReserve, adaptiveOptions), static key =>
                {
                    var bucket = new TokenBucket(key.Item1, key.Item2, readReserve: key.Item3);
                    return (bucket, key.Item4 is { } adaptiveSettings ? new AdaptiveRate(bucket, adaptiveSettings) : null);
                });
            if (paceOperations)
                operations = ProcessOperationRates.GetOrAdd(
                    OperationRates.Signature(options.OperationLimits, options.AdaptiveRate),
                    _ => new OperationRates(options.OperationLimits, options.AdaptiveRate));
        }
        else
        {
            rateLimit = new TokenBucket(options.RequestsPerSecond, options.Burst, time, options.EffectiveReadReserve);
            adaptive = adaptiveOptions is null ? null : new AdaptiveRate(rateLimit, adaptiveOptions, time);
            if (paceOperations) operations = new OperationRates(options.OperationLimits, options.AdaptiveRate, time);
        }
        RequestRate = adaptive;
        OperationRates = operations;
        // Route 53 is a global service: requests are signed for us-east-1 whatever the caller's region.
        var signer = new AwsRequestSigner(credentials ?? AwsEnvironment.DefaultCredentials(), RegionEndpoint.USEast1, "route53");
        _transport =
            new AwsHttpTransport(http ?? SharedHttp, options.Endpoint, signer, options.Retry, Route53ErrorReader.Read, time, random,
            rateLimit, adaptive, Route53Usage.CountCurrent, operations);
    }

    /// <summary>A client configured from the environment (<c>AWS_ENDPOINT_URL_ROUTE_53</c>, credentials chain).</summary>
    public static Route53Client FromEnvironment() => new(Route53ClientOptions.FromEnvironment());

    public Route53ClientOptions Options { get; }
    public TokenBucket RateLimit => _transport.RateLimit!;

    /// <summary>The rate learned from Route 53's answers; null when <see cref="Route53ClientOptions.AdaptiveRate"/> is off.</summary>
    public AdaptiveRate? RequestRate { get; }

    /// <summary>The per-operation buckets this client paces by; null when none (see the constructor's rateLimit).</summary>
    public OperationRates? OperationRates { get; }

    private async Task<System.Xml.Linq.XElement> SendAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return Route53Xml.Parse(response.Body);
    }

    private static AwsRequest Get(string operation, string path) =>
        new(operation, HttpMethod.Get, ApiPrefix + path) { SafeToRepeat = true, IsRead = true };

    private static AwsRequest Post(string operation, string path, byte[] body, bool safeToRepeat, bool isRead = false) =>
        new(operation, HttpMethod.Post, ApiPrefix + path)
        {
            Body = body, ContentType = XmlContentType, SafeToRepeat = safeToRepeat, IsRead = isRead,
        };

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var present = parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return present.Count == 0 ? "" : "?" + string.Join('&', present);
    }
}
