using System.Diagnostics;
using System.Globalization;
using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Spec;
using Failover.Core.Validation;
using Failover.Testing;

namespace Failover.Bench.PlannerScale;

/// <summary>
/// Time and allocations of validate → compile → plan for generated trees, plus a no-op re-plan against a zone that
/// already matches (what drift checks and retries pay). Medians over several runs after a warm-up, each run starting
/// from a collected heap. Times are the thread's CPU time (see <see cref="ThreadCpuClock"/>); the wall column shows
/// what the machine's load added.
/// </summary>
internal static class PlannerBenchmark
{
    private const int Seed = 20_260_101;

    public static IReadOnlyList<Result> Run(IReadOnlyList<int> sizes, TextWriter output)
    {
        var warmUp = new TreeGenerator(Seed).Generate(Math.Min(2_000, sizes[^1]));
        for (var i = 0; i < 5; i++) Measure(warmUp, runs: 3);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"planner benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}, seed {Seed}, median of runs, " +
            $"{(ThreadCpuClock.Available ? "thread CPU time" : "wall time")}"));
        output.WriteLine($"{"leaves",8} {"records",8} {"checks",7} {"layers",6} {"batches",7} {"validate",9} {"compile",9} {"plan",9} " +
            $"{"total",9} {"ms/1k",6} {"wall",9} {"alloc",8} {"re-plan",9}");
        var results = new List<Result>();
        foreach (var leaves in sizes)
        {
            var result = Measure(new TreeGenerator(Seed).Generate(leaves), runs: leaves >= 10_000 ? 9 : 15);
            results.Add(result);
            var total = result.Total;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{leaves,8:N0} {result.Records,8:N0} {result.HealthChecks,7:N0} {result.Layers,6} {result.Batches,7} " +
                $"{(result.ValidateMs is { } v ? $"{v:F2} ms" : "n/a"),9} {result.CompileMs,6:F2} ms {result.PlanMs,6:F2} ms " +
                $"{total,6:F2} ms " +
                $"{total * 1000 / leaves,6:F2} {result.WallMs,6:F2} ms {result.AllocatedBytes / 1048576.0,5:F1} MB " +
                $"{result.ReplanMs,6:F2} ms"));
        }
        output.WriteLine(
            "total = validate + compile + plan; ms/1k = total per 1,000 leaves; alloc = compile + plan; re-plan = plan against the " +
            "applied zone (no-op)");
        if (results.FirstOrDefault(r => r.Leaves == 10_000) is { } tenThousand)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"aim: 10,000 leaves in under 100 ms — {tenThousand.Total:F1} " +
                $"ms{(tenThousand.ValidateMs is null ? " (validator not available: compile + plan only)" : "")}"));
        }
        return results;
    }

    public sealed record Result(
        int Leaves, int Records, int HealthChecks, int Layers, int Batches, double? ValidateMs, double CompileMs, double PlanMs,
            double WallMs, long AllocatedBytes, double ReplanMs)
    {
        public double Total => (ValidateMs ?? 0) + CompileMs + PlanMs;
        public double MillisecondsPer1000Leaves => Total * 1000 / Leaves;
    }

    private static Result Measure(TreeSpec spec, int runs)
    {
        List<double> validate = [], compile = [], plan = [], wall = [], replan = [];
        var validatorAvailable = true;
        long allocated = 0;
        CompiledTree tree = null!;
        Plan planned = null!;

        for (var run = 0; run < runs; run++)
        {
            GC.Collect();
            var start = Stopwatch.GetTimestamp();
            if (validatorAvailable)
            {
                try { validate.Add(Time(() => TreeValidator.Validate(spec, ScaleLimits.Unlimited))); }
                catch (NotImplementedException) { validatorAvailable = false; }
            }
            var before = GC.GetAllocatedBytesForCurrentThread();
            compile.Add(Time(() => tree = TreeCompiler.Compile(spec)));
            plan.Add(Time(() => planned = Planner.Plan(tree, ActualState.Empty)));
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            wall.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        var zone = new InMemoryZone(spec.Name, spec.HostedZoneId);
        zone.Apply(planned);
        var state = zone.State;
        for (var run = 0; run < runs; run++)
        {
            GC.Collect();
            Plan again = null!;
            replan.Add(Time(() => again = Planner.Plan(tree, state)));
            if (!again.IsEmpty) throw new InvalidOperationException("a re-plan against the applied zone should be empty");
        }

        return new Result(
            spec.Root.DescendantsAndSelf().Count(n => n.Kind != NodeKind.Rule), tree.Records.Count, tree.HealthChecks.Count,
                planned.Layers.Count, planned.Layers.Sum(l => l.ChangeBatches.Count),
            validatorAvailable && validate.Count > 0 ? Median(validate) : null, Median(compile), Median(plan), Median(wall),
                allocated, Median(replan));
    }

    private static double Time(Action action)
    {
        var start = ThreadCpuClock.NowMs();
        action();
        return ThreadCpuClock.NowMs() - start;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
