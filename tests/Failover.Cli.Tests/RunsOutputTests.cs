using Failover.Cli.Commands;
using Failover.Core.Contracts;

namespace Failover.Cli.Tests;

/// <summary><c>failover runs NAME</c>'s table: one line a run, newest first as listed, with how long each took.</summary>
[Trait("Category", "Unit")]
public sealed class RunsOutputTests
{
    private static RunSummaryResource Run(string id, string status, string started, string? finished, string? error = null) => new()
    {
        RunId = id, Version = 2, Kind = "APPLY", Status = status, Error = error,
        CreatedAt = started, UpdatedAt = finished ?? started, FinishedAt = finished,
    };

    [Fact]
    public void Each_run_is_a_line_with_its_duration_and_error_and_a_running_one_counts_until_now()
    {
        var runs = new RunListResource("shop",
        [
            Run("run-3", "RUNNING", "2026-03-01T12:10:00.000Z", null),
            Run("run-2", "ROLLED_BACK", "2026-03-01T12:00:00.000Z", "2026-03-01T12:02:05.000Z", "alias-level-1: InvalidChangeBatch"),
            Run("run-1", "SUCCEEDED", "2026-03-01T11:00:00.000Z", "2026-03-01T11:00:42.000Z"),
        ], null);

        var lines = RunsCommand.Table(runs, new DateTimeOffset(2026, 3, 1, 12, 10, 7, TimeSpan.Zero)).Split(Environment.NewLine);

        Assert.StartsWith("RUN ID", lines[0]);
        Assert.Matches(@"^run-3 +APPLY +RUNNING +2 +2026-03-01 12:10:00 +7 s +-$", lines[1]);
        Assert.Matches(@"^run-2 +APPLY +ROLLED_BACK +2 +2026-03-01 12:00:00 +2 min 5 s +alias-level-1: InvalidChangeBatch$", lines[2]);
        Assert.Matches(@"^run-1 .* 42 s +-$", lines[3]);
    }

    [Fact]
    public void A_tree_never_run_says_so() =>
        Assert.Equal("shop: no runs" + Environment.NewLine,
            RunsCommand.Table(new RunListResource("shop", [], null), DateTimeOffset.UnixEpoch));

    [Fact]
    public async Task Help_lists_runs()
    {
        var help = await CliRunner.RunAsync("runs", "--help");
        Assert.Contains("--limit", help.Out);
        Assert.Contains("--api", help.Out);
    }
}
