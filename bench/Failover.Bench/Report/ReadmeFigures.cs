using System.Globalization;
using System.Text;
using Failover.Bench.Convergence;

namespace Failover.Bench.Report;

/// <summary>
/// Keeps the README's figures true: a full run rewrites the block between the markers with the headline figures
/// (the plot is bench/apply-time.svg, which the README embeds).
/// </summary>
internal static class ReadmeFigures
{
    public const string Start = "<!-- bench:figures:start -->";
    public const string End = "<!-- bench:figures:end -->";

    public static async Task UpdateAsync(string readme, BenchResults results, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(readme, cancellationToken);
        var from = text.IndexOf(Start, StringComparison.Ordinal);
        var to = text.IndexOf(End, StringComparison.Ordinal);
        if (from < 0 || to < from) return;
        text = text[..(from + Start.Length)] + Environment.NewLine + Block(results) + text[to..];
        await File.WriteAllTextAsync(readme, text, cancellationToken);
    }

    public static string Block(BenchResults results)
    {
        var md = new StringBuilder();
        void Line(params FormattableString[] parts) => md.AppendLine(MarkdownLine.Join(parts));
        var m = results.Machine;
        Line($"Measured {m.Date:yyyy-MM-dd} at `{m.Commit}` on {m.Cores} shared cores ({m.Cpu}); details in ",
            $"[bench/report.md](bench/report.md).");
        Line($"");
        var largest = results.ConvergenceSettings.UpdateCase;
        if (results.Row(largest, ReportWriter.Workflow, Operation.Apply) is { } w
            && results.Row(largest, ReportWriter.Baseline, Operation.Apply) is { } b)
        {
            Line($"- **Applying a {w.Shape.Leaves}-leaf tree** ({w.Shape.Records} record sets, {w.Shape.HealthChecks} health checks; ",
                $"changes PENDING {results.ConvergenceSettings.Pending.TotalSeconds:0.#} s, 5 requests/s): {w.Counts.ChangeBatches} ",
                $"change batches and {w.Counts.ChangesWaitedOn} INSYNC wait, {w.Counts.Total} Route 53 requests, {w.WallSeconds:F0} s — ",
                $"against {b.Counts.ChangeBatches} batches, {b.Counts.ChangesWaitedOn} waits, {b.Counts.Total} requests and ",
                $"{b.WallSeconds:F0} s one record at a time ({ReportWriter.Ratio(b.WallSeconds, w.WallSeconds)} the time, ",
                $"{ReportWriter.Ratio(b.Counts.Total, w.Counts.Total)} the requests).");
            if (results.Row(largest, ReportWriter.Workflow, Operation.NoOp) is { } noOp
                && results.Row(largest, ReportWriter.Workflow, Operation.OneLeaf) is { } oneLeaf)
                Line($"- **Re-applying it unchanged**: {noOp.Counts.Mutating} mutating requests, {noOp.Counts.Reads} reads; **one leaf ",
                    $"changed**: {oneLeaf.Counts.ChangeBatches} change batch, {oneLeaf.Counts.Total} requests, {oneLeaf.WallSeconds:F0} ",
                    $"s.");
        }
        if (results.PlannerCpu.FirstOrDefault(r => r.Leaves == 10_000 && r.Trees == 1) is { } cpu
            && results.PlannerScale.FirstOrDefault(r => r.Case == "validate+plan" && r.Leaves == 10_000) is { } plan)
            Line($"- **Validate + plan 10,000 leaves**: {cpu.Total:F0} ms of CPU ({plan.MeanMs:F0} ms wall-clock on the loaded machine, ",
                $"{plan.AllocatedBytes / 1048576.0:F0} MB allocated); CPU per 1,000 leaves ",
                $"{string.Join(", ", results.PlannerCpu.Select(r => $"{r.MillisecondsPer1000Leaves:F1} ms at {r.Label}"))}.");
        var aot = results.ColdStart.FirstOrDefault(r => r.Build == "Native AOT");
        var jit = results.ColdStart.FirstOrDefault(r => r.Build == "JIT");
        if (aot is not null && jit is not null)
            Line($"- **Cold start** (process start → first Runtime API call): Native AOT {aot.MedianStartMs:F0} ms and ",
                $"{aot.MedianPeakRssMiB:F0} MB peak, JIT {jit.MedianStartMs:F0} ms and {jit.MedianPeakRssMiB:F0} MB ",
                $"({jit.MedianStartMs / aot.MedianStartMs:F1}× slower to start).");
        foreach (var d in results.DriftCycles)
            Line($"- **One drift cycle**, {d.Trees:N0} trees in a zone of {d.Records:N0} record sets with {d.HealthChecks:N0} health ",
                $"checks: {d.Counts.Total:N0} Route 53 reads in {d.Messages} message(s) ({d.Counts.Get("ListResourceRecordSets"):N0} ",
                $"record pages, {d.Counts.Get("ListHealthChecks"):N0} health check pages, {d.Counts.Get("ListTagsForResources"):N0} tag ",
                $"requests), at least {d.SecondsAtRouteRate:F0} s at 5 requests/s.");
        Line($"");
        Line($"![Apply wall time against tree size](bench/apply-time.svg)");
        return md.ToString();
    }
}
