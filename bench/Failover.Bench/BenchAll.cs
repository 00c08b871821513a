using System.Diagnostics;
using Failover.Bench.ColdStart;
using Failover.Bench.Convergence;
using Failover.Bench.Drift;
using Failover.Bench.PlannerScale;
using Failover.Bench.Report;

namespace Failover.Bench;

/// <summary>
/// Every benchmark in one run, then the report: bench/report.md and bench/apply-time.svg (and the figures block of the
/// README) for a full run; a smoke run writes to artifacts/bench-smoke and leaves the committed report alone.
/// </summary>
internal static class BenchAll
{
    public static async Task<int> RunAsync(bool smoke, string? outDirectory, TextWriter output, CancellationToken cancellationToken)
    {
        var repository = Repository.Root();
        var machine = MachineInfo.Read(repository);
        var kind = smoke ? BuildConfiguration.Optimized ? " (smoke)" : $" (smoke, {BuildConfiguration.Name} build)" : "";
        output.WriteLine($"benchmarks{kind} at {machine.Commit} on {machine.Describe()}, load {machine.LoadAverage}");
        var durations = new Dictionary<string, TimeSpan>();
        async Task<T> TimedAsync<T>(string name, Func<Task<T>> run)
        {
            var started = Stopwatch.StartNew();
            output.WriteLine();
            var result = await run();
            durations[name] = started.Elapsed;
            output.WriteLine($"[{name}: {started.Elapsed.TotalSeconds:F0} s]");
            return result;
        }

        var scale = await TimedAsync("planner scale", () => Task.FromResult(
            PlannerScaleRunner.Run(BenchSizes.PlannerScale(smoke), smoke, Path.Combine(repository, "artifacts", "bench-bdn"), output)));
        var cpu = await TimedAsync("planner CPU time", () => Task.FromResult(PlannerBenchmark.Run(BenchSizes.PlannerScale(smoke), output)));
        var coldStart = await TimedAsync("cold start", async () => await ColdStartBenchmark.RunAsync(repository,
            await BootstrapBinaries.AotAsync(repository, mayPublish: !smoke, output, cancellationToken),
            await BootstrapBinaries.JitAsync(repository, cancellationToken), smoke ? 2 : 15, output, cancellationToken));
        var (trees, leaves, share) = BenchSizes.DriftCycle(smoke);
        var drift = new List<DriftCycleResult>();
        foreach (var size in trees)
            drift.Add(await TimedAsync($"drift cycle {size}", () => DriftCycleBenchmark.RunAsync(size, leaves, share, output,
                cancellationToken)));
        var convergenceSettings = BenchSizes.Convergence(smoke);
        var convergence =
            await TimedAsync("convergence", () => ConvergenceBenchmark.RunAsync(convergenceSettings, output, cancellationToken));

        var (rateLeaves, rates) = BenchSizes.ApplyRate(smoke);
        var applyRate = await TimedAsync("apply rate", () => ApplyRateBenchmark.RunAsync(rateLeaves, rates, [ReportWriter.Workflow],
            convergenceSettings.Pending, output, cancellationToken, reapply: true));

        var largest = drift.MaxBy(d => d.Trees)!;
        var modelled = BenchSizes.DriftCycleModelled(smoke).Select(size => new DriftCycleModel(size,
            (int)((long)largest.Records * size / largest.Trees), (int)((long)largest.HealthChecks * size / largest.Trees))).ToList();
        var results =
            new BenchResults(machine, smoke, convergenceSettings, convergence, scale, cpu, drift, coldStart, durations,
            MachineInfo.LoadAverageNow()) { DriftCycleModels = modelled, ApplyRate = applyRate };
        var directory = outDirectory ?? (smoke ? Path.Combine(repository, "artifacts", "bench-smoke") : Path.Combine(repository, "bench"));
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "report.md"), ReportWriter.Write(results), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "apply-time.svg"), ReportWriter.Plot(results), cancellationToken);
        if (!smoke && outDirectory is null) await ReadmeFigures.UpdateAsync(Path.Combine(repository, "README.md"), results,
            cancellationToken);
        output.WriteLine();
        output.WriteLine($"wrote {Path.Combine(directory, "report.md")} and apply-time.svg in " +
            $"{durations.Values.Sum(d => d.TotalSeconds):F0} s");
        return 0;
    }
}

/// <summary>The repository the bench runs in: the report, the script and the examples are found from it.</summary>
internal static class Repository
{
    public static string Root()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
                if (File.Exists(Path.Combine(folder.FullName, "Failover.sln"))) return folder.FullName;
        throw new InvalidOperationException($"no Failover.sln above {Environment.CurrentDirectory} or {AppContext.BaseDirectory}");
    }
}
