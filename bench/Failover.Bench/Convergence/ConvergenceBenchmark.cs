using System.Diagnostics;
using System.Globalization;
using Failover.Core.Spec;

namespace Failover.Bench.Convergence;

/// <summary>What was measured: an apply, a no-op re-apply, or a one-leaf change.</summary>
internal enum Operation
{
    Apply,
    NoOp,
    OneLeaf,
}

internal sealed record ConvergenceRow(TreeCase Case, TreeShape Shape, string Strategy, Operation Operation, RequestCounts Counts,
    double WallSeconds);

/// <summary>What to converge, how, and under which Route 53 behaviour.</summary>
internal sealed record ConvergenceSettings(IReadOnlyList<TreeCase> Cases, TreeCase UpdateCase, TimeSpan Pending);

/// <summary>
/// Convergence cost on the local stack with the realism layer on (changes PENDING for a set time, the account-wide
/// rate limit answered with Throttling): every tree is applied by each strategy on a stack of its own, and the counts
/// are what the realism layer served. On one tree each strategy also re-applies with nothing to do and applies a
/// one-leaf change.
/// </summary>
internal static class ConvergenceBenchmark
{
    public static async Task<IReadOnlyList<ConvergenceRow>> RunAsync(ConvergenceSettings settings, TextWriter output,
        CancellationToken cancellationToken)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"convergence: local stack, realism layer on: changes PENDING {settings.Pending.TotalSeconds:0.#} s, rate limit 5/s burst " +
            $"50; " +
            $"clients 5 requests/s, INSYNC polled every 1 s"));
        output.WriteLine($"{"tree",-24} {"strategy",-10} {"op",-8} {"requests",8} {"mutating",8} {"batches",7} {"polls",5} {"waits",5} " +
            $"{"reads",5} {"wall",9}");
        var rows = new List<ConvergenceRow>();
        foreach (var treeCase in settings.Cases)
        {
            foreach (var strategy in Strategies())
            {
                await using var stack = await BenchStack.StartAsync(settings.Pending);
                var spec = treeCase.InZone(stack.ZoneId);
                var shape = TreeShape.Of(spec);
                async Task MeasureAsync(Operation operation, Func<Task> action)
                {
                    var row = await MeasureOnceAsync(stack, treeCase, shape, strategy.Name, operation, action);
                    rows.Add(row);
                    output.WriteLine(Line(row));
                }

                await MeasureAsync(Operation.Apply, () => strategy.ApplyAsync(stack, spec, cancellationToken));
                if (treeCase != settings.UpdateCase) continue;
                var (changed, nodeId) = OneLeafChange.Apply(spec);
                if (strategy is PerRecordBaseline baseline)
                {
                    await MeasureAsync(Operation.NoOp, () => baseline.RefreshAsync(stack, spec, cancellationToken));
                    await MeasureAsync(Operation.OneLeaf,
                        () => baseline.UpdateAsync(stack, changed, new HashSet<string> { nodeId }, cancellationToken));
                }
                else
                {
                    await MeasureAsync(Operation.NoOp, () => strategy.ApplyAsync(stack, spec, cancellationToken));
                    await MeasureAsync(Operation.OneLeaf, () => strategy.ApplyAsync(stack, changed, cancellationToken));
                }
            }
        }
        output.WriteLine(
            "requests = served by the realism layer (throttled ones apart); mutating = record batches + health check creates, tags, " +
            "deletes; " +
            "polls = GetChange; waits = changes that answered PENDING at least once; reads = the rest");
        return rows;
    }

    /// <summary>A fresh strategy per stack: the baseline keeps Terraform-like state (the ids it created).</summary>
    private static IEnumerable<IApplyStrategy> Strategies() => [new WorkflowApply(), new DirectApply(), new PerRecordBaseline()];

    private static async Task<ConvergenceRow> MeasureOnceAsync(
        BenchStack stack, TreeCase treeCase, TreeShape shape, string strategy, Operation operation, Func<Task> action)
    {
        await stack.ResetCountsAsync();
        var started = Stopwatch.GetTimestamp();
        await action();
        var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var counts = await stack.CountsAsync();
        if (counts.Rejected > 0)
            throw new InvalidOperationException($"{treeCase.Name}, {strategy}: the realism layer rejected {counts.Rejected} request(s); " +
                $"the measurement is void");
        return new ConvergenceRow(treeCase, shape, strategy, operation, counts, wall);
    }

    public static string Label(Operation operation) => operation switch
    {
        Operation.Apply => "apply",
        Operation.NoOp => "no-op",
        _ => "one-leaf",
    };

    private static string Line(ConvergenceRow row) => string.Create(CultureInfo.InvariantCulture,
        $"{row.Case.Name,-24} {row.Strategy,-10} {Label(row.Operation),-8} {row.Counts.Total,8} {row.Counts.Mutating,8} " +
        $"{row.Counts.ChangeBatches,7} " +
        $"{row.Counts.GetChangePolls,5} {row.Counts.ChangesWaitedOn,5} {row.Counts.Reads,5} {row.WallSeconds,7:F1} s" +
        $"{(row.Counts.Throttled > 0 ? $"  ({row.Counts.Throttled} throttled)" : "")}");
}
