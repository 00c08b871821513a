using Failover.Aws.Http;
using Failover.Aws.Route53;
using Failover.Service.Ports.Route53;
using Microsoft.Extensions.Time.Testing;

namespace Failover.Aws.Tests.Http;

/// <summary>
/// A process's copies of Route 53's per-operation buckets resumed from what a run's earlier step (another process) kept,
/// on a fake clock ("Throttling for Amazon Route 53 API requests": CreateHealthCheck 50 tokens, 0.5 a second).
/// </summary>
[Trait("Category", "Unit")]
public sealed class OperationRateResumeTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));

    private OperationRates Process() => new(Route53OperationLimits.Documented, adaptive: true, _time);

    private static OperationRate Creates(OperationRates rates) => rates.For("CreateHealthCheck")!;

    [Fact]
    public void A_fresh_process_resumed_from_a_spent_bucket_holds_what_the_refill_since_allows_and_not_a_full_copy()
    {
        var first = Process();
        var untouched = first.Snapshot();
        for (var i = 0; i < 50; i++) Creates(first).Bucket.Reserve();
        var kept = first.Snapshot();
        _time.Advance(TimeSpan.FromSeconds(8));

        var second = Process();
        second.Resume(kept);

        Assert.Empty(untouched);
        Assert.Equal([new OperationBucket("CreateHealthCheck", 0, 0.5, _time.GetUtcNow() - TimeSpan.FromSeconds(8))], kept);
        Assert.Equal(50, first.Taken);
        Assert.Equal(4, Creates(second).Bucket.Balance, 9);
        // The other operations' copies were not kept and stay full.
        Assert.Equal(15, second.For("DeleteHealthCheck")!.Bucket.Balance);
        Assert.Equal(0, second.Taken);
    }

    [Fact]
    public void Resuming_never_adds_tokens_a_copy_of_this_process_already_spent()
    {
        var process = Process();
        for (var i = 0; i < 45; i++) Creates(process).Bucket.Reserve();

        process.Resume([new OperationBucket("CreateHealthCheck", 40, 0.5, _time.GetUtcNow())]);

        Assert.Equal(5, Creates(process).Bucket.Balance, 9);
    }

    [Fact]
    public void A_kept_time_ahead_of_this_process_clock_gives_no_refill_for_the_difference()
    {
        var process = Process();

        process.Resume([new OperationBucket("CreateHealthCheck", 1, 0.5, _time.GetUtcNow() + TimeSpan.FromSeconds(30))]);

        Assert.Equal(1, Creates(process).Bucket.Balance, 9);
    }

    [Fact]
    public void A_kept_rate_below_the_documented_one_is_resumed_and_refills_the_copy()
    {
        var process = Process();
        var kept = new OperationBucket("CreateHealthCheck", 0, 0.25, _time.GetUtcNow());

        process.Resume([kept]);
        _time.Advance(TimeSpan.FromSeconds(8));

        Assert.Equal((0.25, 2.0), (Creates(process).Adaptive!.RequestsPerSecond, Creates(process).Bucket.Balance));
        // Full again but slower than documented: still kept, so the next step does not probe above it.
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal([kept with { Balance = 50, At = _time.GetUtcNow() }], process.Snapshot());
    }

    [Fact]
    public void A_negative_kept_balance_is_a_damaged_state_and_no_debt_for_the_next_creates_to_wait_out()
    {
        var process = Process();

        // Route 53's bucket never holds less than nothing, and no step keeps a debt: only a damaged item says so.
        process.Resume([new OperationBucket("CreateHealthCheck", -1000, 0.5, _time.GetUtcNow())]);

        Assert.Equal(TimeSpan.Zero, Creates(process).Bucket.Reserve());
        Assert.Equal(49, Creates(process).Bucket.Balance, 9);
    }

    [Fact]
    public void Unusable_states_and_operations_without_a_bucket_of_their_own_are_skipped()
    {
        var process = Process();

        process.Resume([
            new OperationBucket("CreateHealthCheck", 0, 0, _time.GetUtcNow()),
            new OperationBucket("CreateHealthCheck", double.NaN, 0.5, _time.GetUtcNow()),
            new OperationBucket("ChangeResourceRecordSets", 0, 1, _time.GetUtcNow()),
        ]);

        Assert.Empty(process.Snapshot());
        Assert.Null(process.For("ChangeResourceRecordSets"));
    }
}
