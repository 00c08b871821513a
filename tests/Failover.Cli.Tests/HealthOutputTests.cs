using Failover.Cli.Commands;
using Failover.Core.Contracts;

namespace Failover.Cli.Tests;

/// <summary><c>failover health NAME</c>'s text: one line an endpoint, its verdict and how many checkers say healthy.</summary>
[Trait("Category", "Unit")]
public sealed class HealthOutputTests
{
    [Fact]
    public void Each_health_checked_endpoint_is_a_line_with_its_verdict_and_checkers()
    {
        var report = new TreeHealthResource("www", 2, "2026-03-01T12:00:00.000Z",
        [
            new NodeHealthResource("use1-a", "hc-1", "healthy", 8, 8, ["Success: HTTP Status Code 200, OK"]),
            new NodeHealthResource("use1-b", "hc-2", "unhealthy", 8, 1, ["Failure: Connection timed out"]),
        ]);

        var lines = HealthCommand.Text(report).Split(Environment.NewLine);

        Assert.Equal("tree www, version 2, observed 2026-03-01T12:00:00.000Z", lines[0]);
        Assert.Matches(@"^  use1-a +hc-1 +healthy +8/8$", lines[2]);
        Assert.Matches(@"^  use1-b +hc-2 +unhealthy +1/8$", lines[3]);
    }

    [Fact]
    public void A_tree_without_health_checks_says_so() =>
        Assert.Contains("no endpoint has a health check",
            HealthCommand.Text(new TreeHealthResource("www", 1, "2026-03-01T12:00:00.000Z", [])));
}
