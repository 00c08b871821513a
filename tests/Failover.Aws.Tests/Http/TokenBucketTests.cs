using Failover.Aws.Http;
using Failover.Service.Ports;
using Failover.Aws.Tests.Route53;
using Failover.Testing.Time;

namespace Failover.Aws.Tests.Http;

/// <summary>The client-side rate limit on a fake clock: burst first, then one request per refill interval.</summary>
[Trait("Category", "EndToEnd")]
public sealed class TokenBucketTests
{
    [Fact]
    public async Task A_burst_goes_out_at_once_and_the_rest_at_the_refill_rate()
    {
        var time = new InstantTimeProvider();
        var bucket = new TokenBucket(5, 5, time);
        var start = time.GetUtcNow();

        for (var i = 0; i < 12; i++) await bucket.AcquireAsync();

        Assert.Equal(Enumerable.Repeat(200, 7), time.Delays.Select(d => (int)Math.Round(d.TotalMilliseconds)));
        Assert.Equal(TimeSpan.FromSeconds(1.4), time.GetUtcNow() - start);
    }

    [Fact]
    public void An_operation_rate_restarts_full_at_its_documented_rate()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var creates = new OperationRate("CreateHealthCheck", new OperationLimit(50, 0.5), adaptive: true, time);
        for (var i = 0; i < 52; i++) creates.Bucket.Reserve();
        time.Advance(TimeSpan.FromSeconds(1));
        creates.OnThrottled(wasBinding: creates.IsBinding);

        Assert.Equal(0.35, creates.Bucket.TokensPerSecond, 3);
        creates.Restart();
        Assert.Equal((50.0, 0.5), (creates.Bucket.Balance, creates.Bucket.TokensPerSecond));
    }

    [Fact]
    public async Task Quiet_time_refills_the_bucket_up_to_the_burst_and_no_further()
    {
        var time = new InstantTimeProvider();
        var bucket = new TokenBucket(5, 3, time);
        for (var i = 0; i < 3; i++) await bucket.AcquireAsync();

        time.Advance(TimeSpan.FromMinutes(1));
        for (var i = 0; i < 3; i++) await bucket.AcquireAsync();
        Assert.Empty(time.Delays);

        await bucket.AcquireAsync();
        Assert.Equal(TimeSpan.FromMilliseconds(200), Assert.Single(time.Delays));
    }

    [Fact]
    public void Callers_arriving_together_are_spaced_in_arrival_order()
    {
        var time = new InstantTimeProvider();
        var bucket = new TokenBucket(4, 1, time);

        var waits = Enumerable.Range(0, 4).Select(_ => bucket.Reserve()).ToList();

        Assert.Equal(new[] { 0, 250, 500, 750 }, waits.Select(w => (int)Math.Round(w.TotalMilliseconds)));
    }

    [Fact]
    public async Task Every_route53_call_of_a_client_waits_for_the_bucket()
    {
        await using var server = new LoopbackServer(Route53Answers.ChangeInfo());
        var time = new InstantTimeProvider();
        var client = LoopbackRoute53.Client(server.Url, time, rateLimit: new TokenBucket(2, 1, time));

        for (var i = 0; i < 3; i++) await client.GetChangeAsync("C1");

        Assert.Equal(3, server.Received.Count);
        Assert.Equal(new[] { 500, 500 }, time.Delays.Select(d => (int)Math.Round(d.TotalMilliseconds)));
    }

    [Fact]
    public async Task The_route53_client_sends_its_reads_through_the_read_path()
    {
        await using var server = new LoopbackServer(Route53Answers.ChangeInfo());
        var time = new InstantTimeProvider();
        var client = LoopbackRoute53.Client(server.Url, time, rateLimit: new TokenBucket(1, 2, time, readReserve: 1));

        await client.GetChangeAsync("C1");
        await client.GetChangeAsync("C1");

        // Two tokens, one kept for writes: the second read waits a refill.
        Assert.Equal([1000], time.Delays.Select(d => (int)Math.Round(d.TotalMilliseconds)));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-1, 1)]
    [InlineData(double.NaN, 1)]
    [InlineData(1, 0)]
    public void A_bucket_needs_a_positive_rate_and_burst(double rate, int burst) =>
        Assert.ThrowsAny<ArgumentException>(() => new TokenBucket(rate, burst));
}
