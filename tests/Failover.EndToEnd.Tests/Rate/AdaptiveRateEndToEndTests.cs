using System.Diagnostics;
using Failover.Aws.Route53;
using Failover.Local.Aws;
using Failover.Local.Realism;
using Failover.Testing.Stack;
using Xunit.Abstractions;

namespace Failover.EndToEnd.Tests.Rate;

/// <summary>
/// The Route 53 client against an account whose limit is higher than the 5 requests/s it starts at: the realism layer
/// answers <c>Throttling</c> above 10/s (a burst of 10, so the client cannot ride a saved burst), on the real clock. The
/// client climbs above 5/s and settles near 10/s, and only a few of its requests are throttled.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class AdaptiveRateEndToEndTests(ITestOutputHelper log)
{
    [Fact]
    public async Task With_the_account_limit_at_10_per_second_the_client_goes_above_5_without_a_storm_of_throttles()
    {
        await using var stack = await new TestStackBuilder()
            .WithRealism(new RealismSettings { RateLimit = new RateLimitSettings { PerSecond = 10, Burst = 10 } })
            .StartAsync();
        // An injected clock gives the client a bucket of its own (not the process's, which other tests share).
        var client = new Route53Client(new Route53ClientOptions { Endpoint = stack.EdgeUrl }, credentials: LocalAccount.Credentials,
            time: TimeProvider.System);
        Assert.Equal(5, client.RequestRate!.RequestsPerSecond);
        stack.Local.Realism.Stats.Reset();

        const int requests = 300;
        var sent = new List<TimeSpan>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < requests; i++)
        {
            await client.GetHostedZoneAsync(stack.ZoneId);
            sent.Add(clock.Elapsed);
        }

        var lastHundred = 100 / (sent[^1] - sent[^101]).TotalSeconds;
        var served = stack.Local.Realism.Stats.Get(RealismStats.Requests, "GetHostedZone");
        var throttled = stack.Local.Realism.Stats.Get(RealismStats.Throttled, "GetHostedZone");
        log.WriteLine($"{requests} requests in {clock.Elapsed.TotalSeconds:0.0} s; last 100 at {lastHundred:0.00}/s; " +
            $"rate now {client.RequestRate.RequestsPerSecond:0.00}/s; {client.RequestRate.Decreases} cut(s), {throttled} throttled");

        // The layer counts every request it answered, throttled or not.
        Assert.Equal(requests + throttled, served);
        Assert.True(lastHundred > 7, $"the last 100 requests went out at {lastHundred:0.00}/s");
        Assert.True(throttled <= requests / 20, $"{throttled} of {requests + throttled} requests were throttled");
    }
}
