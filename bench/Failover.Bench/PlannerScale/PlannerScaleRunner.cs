using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Failover.Bench.PlannerScale;

/// <summary>One BenchmarkDotNet case: mean time and bytes allocated per operation.</summary>
internal sealed record PlannerScaleRow(string Case, int Leaves, double MeanMs, double StdDevMs, long AllocatedBytes)
{
    public double MicrosecondsPerLeaf => MeanMs * 1000 / Leaves;
}

/// <summary>
/// Runs <see cref="PlannerScaleBenchmarks"/> with BenchmarkDotNet in this process (no separate build of a benchmark
/// project: the machine is small and shared) and returns its figures. Wall-clock means, so a loaded machine shows.
/// </summary>
internal static class PlannerScaleRunner
{
    public static IReadOnlyList<PlannerScaleRow> Run(IReadOnlyList<int> sizes, bool smoke, string artifacts, TextWriter output)
    {
        PlannerScaleBenchmarks.Sizes = sizes;
        var job = (smoke ? Job.Dry : Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(9))
            .WithToolchain(InProcessEmitToolchain.Instance);
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default)
            .AddLogger(smoke ? NullLogger.Instance : ConsoleLogger.Default)
            .WithArtifactsPath(artifacts)
            .WithOptions(ConfigOptions.DisableLogFile);
        // A Debug build only ever runs the smoke (BenchCommand refuses a full run), where the figures do not count.
        if (!BuildConfiguration.Optimized) config = config.WithOptions(ConfigOptions.DisableOptimizationsValidator);
        var summary = BenchmarkRunner.Run<PlannerScaleBenchmarks>(config);
        if (summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success))
            throw new InvalidOperationException("BenchmarkDotNet could not run the planner benchmarks: " +
                string.Join("; ", summary.ValidationErrors.Select(e => e.Message)));

        var rows = summary.Reports.Select(report => new PlannerScaleRow(
                report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\''),
                (int)report.BenchmarkCase.Parameters["Leaves"],
                report.ResultStatistics!.Mean / 1e6, report.ResultStatistics.StandardDeviation / 1e6,
                report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0))
            .OrderBy(r => r.Case, StringComparer.Ordinal).ThenBy(r => r.Leaves).ToList();

        output.WriteLine($"planner scale (BenchmarkDotNet{(smoke ? ", dry run" : "")}): {Environment.ProcessorCount} cores, .NET " +
            $"{Environment.Version}");
        output.WriteLine($"{"case",-14} {"leaves",8} {"mean",11} {"stddev",10} {"µs/leaf",8} {"allocated",10}");
        foreach (var row in rows)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{row.Case,-14} {row.Leaves,8:N0} {row.MeanMs,8:F2} ms {row.StdDevMs,7:F2} ms {row.MicrosecondsPerLeaf,8:F2} " +
                $"{row.AllocatedBytes / 1048576.0,7:F1} MB"));
        return rows;
    }
}
