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
        WarmUp(new TreeGenerator(Seed).Generate(Math.Min(1_000, sizes[^1])));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"planner benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}, seed {Seed}, median of runs, " +
            $"{(ThreadCpuClock.Available ? "thread CPU time" : "wall time")}, sizes interleaved"));
        output.WriteLine($"{"leaves",12} {"records",8} {"checks",7} {"layers",6} {"batches",7} {"validate",9} {"compile",9} {"plan",9} " +
            $"{"total",9} {"ms/1k",6} {"wall",9} {"alloc",8} {"re-plan",9}");

        var cases = sizes.Select(leaves => new[] { new TreeGenerator(Seed).Generate(leaves) }).ToList();
        // The same leaves as the largest tree in trees of 1,000: the heap and the output are as big, the trees are not.
        // A per-leaf cost that grows with the tree but not here is the tree's (an algorithm); one that grows here too
        // is the machine's (caches, the collector copying what lives).
        if (sizes.Count > 1 && sizes[^1] > 1_000)
            cases.Add(Enumerable.Range(0, sizes[^1] / 1_000).Select(i => new TreeGenerator(Seed + 1 + i).Generate(1_000)).ToArray());
        var samples = cases.Select(_ => new Samples()).ToList();
        var rounds = sizes[^1] >= 100_000 ? 9 : 15;
        // One size after another within each round, so the machine's load over the minute falls on every size alike.
        for (var round = 0; round < rounds; round++)
            for (var i = 0; i < cases.Count; i++)
                for (var rep = 0; rep < RepetitionsPerRound(cases[i]); rep++)
                    samples[i].Add(cases[i]);

        var results = new List<Result>();
        for (var i = 0; i < cases.Count; i++)
        {
            var result = samples[i].Result(cases[i]);
            results.Add(result);
            var total = result.Total;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.Label,12} {result.Records,8:N0} {result.HealthChecks,7:N0} {result.Layers,6} {result.Batches,7} " +
                $"{(result.ValidateMs is { } v ? $"{v:F2} ms" : "n/a"),9} {result.CompileMs,6:F2} ms {result.PlanMs,6:F2} ms " +
                $"{total,6:F2} ms " +
                $"{total * 1000 / result.Leaves,6:F2} {result.WallMs,6:F2} ms {result.AllocatedBytes / 1048576.0,5:F1} MB " +
                $"{result.ReplanMs,6:F2} ms"));
        }
        output.WriteLine(
            "total = validate + compile + plan; ms/1k = total per 1,000 leaves; alloc = compile + plan; re-plan = plan against the " +
            "applied zone (no-op); N × 1,000 = that many trees of 1,000 leaves, each planned and kept");
        if (results.FirstOrDefault(r => r.Leaves == 10_000 && r.Trees == 1) is { } tenThousand)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"aim: 10,000 leaves in under 100 ms — {tenThousand.Total:F1} " +
                $"ms{(tenThousand.ValidateMs is null ? " (validator not available: compile + plan only)" : "")}"));
        }
        return results;
    }

    /// <summary>
    /// Tiered compilation runs a method unoptimised until it has been called 30 times and compiles the optimised code in
    /// the background after that: a size timed before then is timed partly in tier-0 code (a 1,000-leaf tree measured
    /// after 15 warm-up calls cost 1.5× a 100,000-leaf one per leaf). Every phase is called well past that, then the
    /// background compiler is given time to finish.
    /// </summary>
    private static void WarmUp(TreeSpec spec)
    {
        var samples = new Samples();
        for (var pass = 0; pass < 2; pass++)
        {
            for (var i = 0; i < 60; i++) samples.Add([spec]);
            Thread.Sleep(TimeSpan.FromMilliseconds(500));
        }
    }

    private static int RepetitionsPerRound(TreeSpec[] trees) => Math.Clamp(10_000 / trees.Sum(t => LeafCount(t)), 1, 10);

    private static int LeafCount(TreeSpec spec) => spec.Root.DescendantsAndSelf().Count(n => n.Kind != NodeKind.Rule);

    public sealed record Result(
        int Leaves, int Records, int HealthChecks, int Layers, int Batches, double? ValidateMs, double CompileMs, double PlanMs,
            double WallMs, long AllocatedBytes, double ReplanMs)
    {
        /// <summary>How many trees the leaves are in: one, or trees of 1,000 leaves planned one after another.</summary>
        public int Trees { get; init; } = 1;

        public string Label => Trees == 1
            ? Leaves.ToString("N0", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{Trees} × {Leaves / Trees:N0}");

        public double Total => (ValidateMs ?? 0) + CompileMs + PlanMs;
        public double MillisecondsPer1000Leaves => Total * 1000 / Leaves;
        public double PlanMicrosecondsPerLeaf => PlanMs * 1000 / Leaves;
    }

    /// <summary>The timings of one case's runs: each run validates, compiles and plans every tree of the case, keeping them.</summary>
    private sealed class Samples
    {
        private readonly List<double> validate = [], compile = [], plan = [], wall = [];
        private bool validatorAvailable = true;
        private long allocated;
        private CompiledTree[] trees = [];
        private Plan[] plans = [];

        public void Add(TreeSpec[] specs)
        {
            trees = new CompiledTree[specs.Length];
            plans = new Plan[specs.Length];
            GC.Collect();
            var start = Stopwatch.GetTimestamp();
            if (validatorAvailable)
            {
                try { validate.Add(Time(() => { foreach (var spec in specs) TreeValidator.Validate(spec, ScaleLimits.Unlimited); })); }
                catch (NotImplementedException) { validatorAvailable = false; }
            }
            var before = GC.GetAllocatedBytesForCurrentThread();
            compile.Add(Time(() => { for (var i = 0; i < specs.Length; i++) trees[i] = TreeCompiler.Compile(specs[i]); }));
            plan.Add(Time(() => { for (var i = 0; i < specs.Length; i++) plans[i] = Planner.Plan(trees[i], ActualState.Empty); }));
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            wall.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        public Result Result(TreeSpec[] specs)
        {
            var replan = new List<double>();
            var states = specs.Select((spec, i) =>
            {
                var zone = new InMemoryZone(spec.Name, spec.HostedZoneId);
                zone.Apply(plans[i]);
                return zone.State;
            }).ToArray();
            for (var run = 0; run < Math.Max(3, plan.Count / 2); run++)
            {
                GC.Collect();
                replan.Add(Time(() =>
                {
                    for (var i = 0; i < specs.Length; i++)
                        if (!Planner.Plan(trees[i], states[i]).IsEmpty)
                            throw new InvalidOperationException("a re-plan against the applied zone should be empty");
                }));
            }
            return new Result(
                specs.Sum(LeafCount), trees.Sum(t => t.Records.Count), trees.Sum(t => t.HealthChecks.Count),
                plans[0].Layers.Count, plans[0].Layers.Sum(l => l.ChangeBatches.Count),
                validatorAvailable && validate.Count > 0 ? Median(validate) : null, Median(compile), Median(plan), Median(wall),
                allocated, Median(replan)) { Trees = specs.Length };
        }
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
