using Failover.Bench.Convergence;
using Failover.Bench.Drift;
using Failover.Bench.PlannerScale;

namespace Failover.Bench;

/// <summary>
/// The bench's command line. Benchmarks are not tests: they print figures (and <c>all</c> writes them to a report);
/// <c>--smoke</c> runs each at a tiny size to keep it working in CI.
/// </summary>
internal static class BenchCommand
{
    private static int? IntOption(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var command = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        var smoke = args.Contains("--smoke");
        var output = Console.Out;
        switch (command)
        {
            case "plan":
                PlannerBenchmark.Run(smoke ? [100] : [100, 1_000, 10_000], output);
                return 0;
            case "drift":
                DriftBenchmark.Run(smoke ? [100] : [100, 1_000, 10_000], output);
                return 0;
            case "converge":
                await ConvergenceBenchmark.RunAsync(BenchSizes.Convergence(smoke), output, CancellationToken.None);
                return 0;
            case "scale":
                PlannerScaleRunner.Run(smoke ? [100] : [100, 1_000, 10_000, 100_000], smoke, Path.Combine(Path.GetTempPath(), "failover-bdn"), output);
                return 0;
            case "drift-cycle":
                await DriftCycleBenchmark.RunAsync(IntOption(args, "--trees") ?? (smoke ? 10 : 1_000), 8, output, CancellationToken.None);
                return 0;
            default:
                Console.Error.WriteLine("usage: Failover.Bench plan|drift|converge [--smoke]");
                return 2;
        }
    }
}
