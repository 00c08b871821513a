using Failover.Aws.Http;
using Failover.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Failover.Aws.Tests.Http;

/// <summary>
/// Route 53's request budget is the account's: reads (plans, health, drift checks) yield to the writes that converge a
/// zone. A read takes a token only above the reserve and never borrows, so it never delays a write that comes later.
/// </summary>
[Trait("Category", "Unit")]
public sealed class TokenBucketPriorityTests
{
    [Fact]
    public void Reads_stop_at_the_reserve_while_a_write_still_goes_at_once()
    {
        var bucket = new TokenBucket(1, 5, new FakeTimeProvider(), readReserve: 2);

        var reads = Enumerable.Range(0, 3).Select(_ => bucket.TryTakeRead()).ToList();
        var fourthRead = bucket.TryTakeRead();

        Assert.All(reads, wait => Assert.Equal(TimeSpan.Zero, wait));
        Assert.Equal(TimeSpan.FromSeconds(1), fourthRead);
        Assert.Equal(TimeSpan.Zero, bucket.Reserve());
        Assert.Equal(TimeSpan.Zero, bucket.Reserve());
        // The bucket is empty now: a write borrows and waits its turn; a read waits for the reserve to refill first.
        Assert.Equal(TimeSpan.FromSeconds(1), bucket.Reserve());
        Assert.Equal(TimeSpan.FromSeconds(4), bucket.TryTakeRead());
    }

    [Fact]
    public async Task A_write_arriving_after_a_waiting_read_is_served_first()
    {
        var time = new FakeTimeProvider();
        var bucket = new TokenBucket(1, 2, time);
        Assert.Equal(TimeSpan.Zero, bucket.Reserve());
        Assert.Equal(TimeSpan.Zero, bucket.Reserve());

        var read = bucket.AcquireReadAsync();
        var write = bucket.AcquireAsync();

        time.Advance(TimeSpan.FromSeconds(1));
        await write.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(read.IsCompleted);

        // The read wakes on another thread and sets its next timer from the clock it reads then: a single Advance may
        // come between the two and leave that timer unfired, so the clock moves in small steps until the read is served.
        var waited = TimeSpan.Zero;
        await Eventually.ReachAsync("the read served", _ =>
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            waited += TimeSpan.FromMilliseconds(100);
            return Task.FromResult(read.IsCompletedSuccessfully);
        }, served => served, within: TimeSpan.FromSeconds(10), every: TimeSpan.FromMilliseconds(5));
        // The write took the token that came first; the read needed the next one, a second of refill later.
        Assert.True(waited >= TimeSpan.FromSeconds(1), $"the read was served after {waited}, before its token refilled");
    }

    [Fact]
    public async Task A_queue_of_reads_leaves_writes_the_refill_rate()
    {
        var time = new FakeTimeProvider();
        var bucket = new TokenBucket(2, 2, time);
        Assert.Equal(TimeSpan.Zero, bucket.Reserve());
        Assert.Equal(TimeSpan.Zero, bucket.Reserve());
        var reads = Enumerable.Range(0, 10).Select(_ => bucket.AcquireReadAsync()).ToList();

        // Writes keep arriving at the refill rate: each is served on its turn, none waits for the reads ahead of it.
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(TimeSpan.FromSeconds(0.5), bucket.Reserve());
            time.Advance(TimeSpan.FromSeconds(0.5));
        }
        Assert.All(reads, read => Assert.False(read.IsCompleted));

        // Once the writes stop, the reads go out at the rate: the clock moves a refill at a time until all are served.
        await Eventually.ReachAsync("every read served", _ =>
        {
            time.Advance(TimeSpan.FromSeconds(0.5));
            return Task.FromResult(reads.Count(r => r.IsCompletedSuccessfully));
        }, served => served == reads.Count, within: TimeSpan.FromSeconds(10), every: TimeSpan.FromMilliseconds(5));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public void The_reserve_leaves_reads_at_least_one_token(int reserve) =>
        Assert.ThrowsAny<ArgumentException>(() => new TokenBucket(1, 2, readReserve: reserve));
}
