using System.Globalization;
using Failover.Core.Compilation;
using Failover.Core.Drift;
using Failover.Core.Planning;
using Failover.Core.Route53;
using Failover.Core.Spec;
using Failover.Bench.PlannerScale;
using Failover.Testing;
using Failover.Core.Contracts;

namespace Failover.Bench.Drift;

/// <summary>
/// Time and allocations of one drift detection (what every tree costs the worker each schedule tick, besides its
/// Route 53 reads): a generated tree applied to an in-memory zone, compared as it is and with 1% of its records'
/// weights or values changed, plus writing the report as JSON. Medians of thread CPU time after a warm-up.
/// </summary>
internal static class DriftBenchmark
{
    private const int Seed = 20_260_101;

    public static void Run(IReadOnlyList<int> sizes, TextWriter output)
    {
        var warmUp = Zone(new TreeGenerator(Seed).Generate(Math.Min(1_000, sizes[^1])));
        for (var i = 0; i < 5; i++) Measure(warmUp.Desired, warmUp.State, warmUp.Ids, runs: 3);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"drift benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}, seed {Seed}, median of runs, " +
            $"{(ThreadCpuClock.Available ? "thread CPU time" : "wall time")}"));
        output.WriteLine($"{"leaves",8} {"records",8} {"checks",7} {"clean",9} {"drifted",9} {"items",6} {"json",9} {"alloc",8}");
        foreach (var leaves in sizes)
        {
            var (desired, state, ids) = Zone(new TreeGenerator(Seed).Generate(leaves));
            var clean = Measure(desired, state, ids, runs: 11);
            if (clean.Items != 0) throw new InvalidOperationException("a zone the tree was applied to should have no drift");
            var drifted = Measure(desired, ZoneDrift.EveryHundredth(state), ids, runs: 11);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{leaves,8:N0} {desired.Records.Count,8:N0} {desired.HealthChecks.Count,7:N0} {clean.DetectMs,6:F2} ms " +
                $"{drifted.DetectMs,6:F2} ms " +
                $"{drifted.Items,6:N0} {drifted.JsonMs,6:F2} ms {drifted.AllocatedBytes / 1048576.0,5:F1} MB"));
        }
        output.WriteLine(
            "clean = detect against the applied zone; drifted = detect with 1% of records changed; json = writing that report; alloc = " +
            "drifted detect + json");
    }

    private static (CompiledTree Desired, ActualState State, IReadOnlySet<string> Ids) Zone(TreeSpec spec)
    {
        var desired = TreeCompiler.Compile(spec);
        var zone = new InMemoryZone(spec.Name, spec.HostedZoneId);
        zone.Apply(Planner.Plan(desired, zone.State));
        var state = zone.State;
        return (desired, state, state.HealthChecks.Select(h => h.Id).ToHashSet(StringComparer.Ordinal));
    }

    private sealed record Result(double DetectMs, double JsonMs, int Items, long AllocatedBytes);

    private static Result Measure(CompiledTree desired, ActualState state, IReadOnlySet<string> ids, int runs)
    {
        List<double> detect = [], json = [];
        DriftReport report = null!;
        long allocated = 0;
        for (var run = 0; run < runs; run++)
        {
            GC.Collect();
            var before = GC.GetAllocatedBytesForCurrentThread();
            detect.Add(Time(() => report = DriftDetector.Detect(desired, state, ids)));
            json.Add(Time(() => DriftReportJson.Write(report, indented: false)));
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }
        return new Result(Median(detect), Median(json), report.DriftedItems, allocated);
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
