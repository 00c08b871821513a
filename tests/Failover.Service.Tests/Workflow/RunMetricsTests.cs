using System.Text.Json;
using Failover.Service.Metrics;
using Failover.Service.Workflow;
using Failover.Service.Workflow.Steps;
using Failover.Testing.Workflow;

namespace Failover.Service.Tests.Workflow;

/// <summary>
/// The runs' metric lines (Embedded Metric Format): one per run that ends, by tree and outcome, with its duration; a
/// failed rollback is a metric of its own, apart from clean rollbacks; the INSYNC wait is a line of its own.
/// </summary>
[Trait("Category", "Unit")]
public sealed class RunMetricsTests
{
    private static IReadOnlyList<JsonElement> Lines(StringWriter output) =>
        [.. output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    private static IReadOnlyList<string> MetricNames(JsonElement line) =>
        [.. line.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Metrics").EnumerateArray()
            .Select(m => m.GetProperty("Name").GetString()!)];

    [Fact]
    public async Task A_run_that_succeeds_writes_runs_and_duration_by_tree_and_outcome()
    {
        var harness = new ServiceHarness();
        var output = new StringWriter();
        var services = harness.Services with { Metrics = new RunMetrics(output, harness.Time) };
        var started = await harness.Starter.ApplyAsync(harness.Spec("www"));

        await new StateMachineDriver(services).DriveAsync(started.RunId);

        // The run's end, and the INSYNC wait before it (the in-memory Route 53 is INSYNC at the first GetChange).
        var lines = Lines(output);
        Assert.Equal(2, lines.Count);
        var wait = Assert.Single(lines, l => l.TryGetProperty("InsyncWait", out _));
        Assert.Equal(("www", 0.0, started.RunId),
            (wait.GetProperty("Tree").GetString(), wait.GetProperty("InsyncWait").GetDouble(), wait.GetProperty("run_id").GetString()));
        var line = Assert.Single(lines, l => l.TryGetProperty("Runs", out _));
        Assert.Equal(("www", "Succeeded", 1.0, started.RunId), (line.GetProperty("Tree").GetString(),
            line.GetProperty("Outcome").GetString(), line.GetProperty("Runs").GetDouble(), line.GetProperty("run_id").GetString()));
        Assert.True(line.GetProperty("RunDuration").GetDouble() > 0);
        Assert.Equal(["Runs", "RunDuration", "Route53Requests", "Route53Throttles"], MetricNames(line));
        var sets = line.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Dimensions").EnumerateArray()
            .Select(set => string.Join("+", set.EnumerateArray().Select(d => d.GetString()))).ToList();
        Assert.Equal(["Tree+Outcome", "Tree", "Outcome", ""], sets);
        Assert.Equal("Failover", line.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Namespace").GetString());
    }

    [Fact]
    public async Task A_failed_rollback_writes_RollbacksFailed_once()
    {
        var harness = new ServiceHarness();
        var output = new StringWriter();
        var services = harness.Services with { Metrics = new RunMetrics(output, harness.Time) };
        var started = await harness.Starter.ApplyAsync(harness.Spec("www"));

        await new RollbackStep(services).AbandonAsync(started.RunId, null, null);
        await new RollbackStep(services).AbandonAsync(started.RunId, null, null);

        var line = Assert.Single(Lines(output));
        Assert.Equal("RollbackFailed", line.GetProperty("Outcome").GetString());
        Assert.Equal(["Runs", "RunDuration", "Route53Requests", "Route53Throttles", "RollbacksFailed"], MetricNames(line));
        Assert.Equal(1, line.GetProperty("RollbacksFailed").GetDouble());
    }
}
