using Failover.Core.Diagram;
using Failover.Core.Health;

namespace Failover.Core.Tests.Health;

[Trait("Category", "Unit")]
public sealed class CheckerVerdictTests
{
    private const string Ok = "Success: HTTP Status Code 200, OK";
    private const string Down = "Failure: Connection timed out.";

    private static string?[] Observations(int healthy, int failing) =>
        [.. Enumerable.Repeat(Ok, healthy), .. Enumerable.Repeat(Down, failing)];

    [Fact]
    public void Every_checker_healthy_is_healthy_and_every_checker_failing_is_unhealthy()
    {
        Assert.Equal(HealthState.Healthy, CheckerVerdict.Of(Observations(16, 0)));
        Assert.Equal(HealthState.Unhealthy, CheckerVerdict.Of(Observations(0, 16)));
    }

    [Theory]
    // 18% of 100 checkers is not more than 18%: unhealthy; 19 of 100 is.
    [InlineData(18, 82, HealthState.Unhealthy)]
    [InlineData(19, 81, HealthState.Healthy)]
    // Route 53's usual 16 checkers: 2 healthy is 12.5%, 3 is 18.75%.
    [InlineData(2, 14, HealthState.Unhealthy)]
    [InlineData(3, 13, HealthState.Healthy)]
    public void A_check_is_healthy_when_more_than_18_percent_of_checkers_see_it_healthy(int healthy, int failing, HealthState expected) =>
        Assert.Equal(expected, CheckerVerdict.Of(Observations(healthy, failing)));

    [Fact]
    public void Only_statuses_starting_with_Success_count_as_healthy()
    {
        Assert.Equal(HealthState.Unhealthy, CheckerVerdict.Of(["success: lower case", "Unknown", "Failure: HTTP Status Code 500"]));
        Assert.False(CheckerVerdict.IsHealthy(" Success"));
        Assert.True(CheckerVerdict.IsHealthy("Success"));
    }

    [Fact]
    public void Without_a_status_to_judge_nothing_is_known()
    {
        Assert.Null(CheckerVerdict.Of([]));
        Assert.Null(CheckerVerdict.Of([null, null]));
        // Observations without a status do not dilute the ones with one.
        Assert.Equal(HealthState.Healthy, CheckerVerdict.Of([Ok, null, null, null, null, null, null]));
    }
}
