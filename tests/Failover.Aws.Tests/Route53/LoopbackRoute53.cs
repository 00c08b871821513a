using Amazon.Runtime;
using Failover.Aws.Http;
using Failover.Service.Ports;
using Failover.Aws.Route53;
using Failover.Service.Ports.Route53;
using Failover.Aws.Tests.Http;
using Failover.Testing.Time;

namespace Failover.Aws.Tests.Route53;

/// <summary>A jitter source that always draws the same fraction, so backoff delays are exact.</summary>
internal sealed class FixedRandom(double value) : Random
{
    public override double NextDouble() => value;
}

internal static class LoopbackRoute53
{
    public static Route53Client Client(
        Uri endpoint, InstantTimeProvider time, int maxRetries = 5, TimeSpan? baseBackoff = null, TimeSpan? maxBackoff = null,
            TokenBucket? rateLimit = null) =>
        new(
            new Route53ClientOptions
            {
                Endpoint = endpoint,
                MaxRetries = maxRetries,
                BaseBackoff = baseBackoff ?? TimeSpan.FromMilliseconds(100),
                MaxBackoff = maxBackoff ?? TimeSpan.FromMilliseconds(300),
            },
            credentials: new BasicAWSCredentials("AKIDEXAMPLE", "secret"),
            time: time,
            random: new FixedRandom(0.5),
            rateLimit: rateLimit ?? new TokenBucket(1000, 1000, time));
}
