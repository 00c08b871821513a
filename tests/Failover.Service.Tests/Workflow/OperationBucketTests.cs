using Failover.Service.Ports.Route53;
using Microsoft.Extensions.Time.Testing;

namespace Failover.Service.Tests.Workflow;

/// <summary>
/// What a kept bucket state allows a later step's copy: its balance refilled at the kept rate for the time since, never
/// above the burst, and nothing for time a faster clock claims (Route 53's CreateHealthCheck bucket: 50, 0.5 a second).
/// </summary>
[Trait("Category", "Unit")]
public sealed class OperationBucketTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_kept_balance_refills_at_the_kept_rate_up_to_the_burst()
    {
        var kept = new OperationBucket("CreateHealthCheck", 2.5, 0.5, _time.GetUtcNow());

        var atOnce = kept.BalanceAt(_time.GetUtcNow(), 50);
        _time.Advance(TimeSpan.FromSeconds(9));
        var later = kept.BalanceAt(_time.GetUtcNow(), 50);
        _time.Advance(TimeSpan.FromMinutes(10));
        var muchLater = kept.BalanceAt(_time.GetUtcNow(), 50);

        Assert.Equal((2.5, 7.0, 50.0), (atOnce, later, muchLater));
    }

    [Fact]
    public void A_kept_time_ahead_of_this_clock_counts_as_now()
    {
        // The step that kept it ran in a process whose clock is 30 s ahead of this one's.
        var kept = new OperationBucket("CreateHealthCheck", 1, 0.5, _time.GetUtcNow() + TimeSpan.FromSeconds(30));

        var now = kept.BalanceAt(_time.GetUtcNow(), 50);
        _time.Advance(TimeSpan.FromSeconds(40));
        var later = kept.BalanceAt(_time.GetUtcNow(), 50);

        Assert.Equal((1.0, 6.0), (now, later));
    }

    [Theory]
    [InlineData(1, 0.5, true)]
    [InlineData(1, 0, false)]
    [InlineData(1, double.PositiveInfinity, false)]
    [InlineData(double.NaN, 0.5, false)]
    [InlineData(0, 0.5, true)]
    [InlineData(-1, 0.5, false)]
    public void Only_finite_numbers_no_debt_and_a_positive_rate_can_be_resumed_from(double balance, double perSecond, bool usable) =>
        Assert.Equal(usable, new OperationBucket("CreateHealthCheck", balance, perSecond, _time.GetUtcNow()).IsUsable);
}
