using Failover.Bench.ColdStart;
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
    private const string Usage = """
        usage: dotnet run -c Release --project bench/Failover.Bench -- COMMAND [--smoke]
          all          everything below (apply-rate: 100, 500, 2,000 leaves at 5 and 10/s, --reapply), then bench/report.md,
                       bench/apply-time.svg and the README's figures
                       (--smoke: tiny sizes, report in artifacts/bench-smoke; --out DIR: write the report there)
          converge     apply example and generated trees (10, 100, 500 leaves) on the local stack: the workflow,
                       the direct applier and a per-record baseline; a no-op re-apply and a one-leaf change
          scale        validate+plan and diff for 100 to 100,000 leaves (BenchmarkDotNet)
          drift-cycle  one drift cycle over 1,000 trees sharing one zone (--trees N), as the worker runs it: messages per zone
          apply-rate   apply generated trees (--leaves 100,500,2000) at the account's rate (--rates 5,10; realism's limit set
                       to it) by --strategies workflow[,direct]: apply time against requests ÷ rate + one propagation, and
                       where the workflow's time went; --reapply: then a no-op re-apply by the workflow and the direct path;
                       --concurrency N: health checks in flight in a layer; --trace FILE: a line a second (requests
                       served, throttled, health-check requests, the client's rate); --per-operation: Route 53's
                       per-operation buckets too (CreateHealthCheck 50, then 0.5/s), floor = the slowest bucket's time
          cold-start   Native AOT against JIT: start to first Runtime API call, peak memory (--runs N)
          plan         validate, compile and plan 100 to 100,000 leaves, thread CPU time by phase
          drift        detect drift in 100 to 10,000 leaves in memory, thread CPU time
        """;

    private static string? StringOption(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static int? IntOption(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private static IReadOnlyList<string>? ListOption(string[] args, string name) =>
        StringOption(args, name)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static double Number(string text) => double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<int> RunAsync(string[] args)
    {
        var command = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        var smoke = args.Contains("--smoke");
        var output = Console.Out;
        // Asked for help, a command answers with the usage rather than starting a measurement that runs for minutes.
        if (args.Contains("--help") || args.Contains("-h"))
        {
            output.WriteLine(Usage);
            return 0;
        }
        if (!smoke && !BuildConfiguration.Optimized)
        {
            Console.Error.WriteLine("a full run needs an optimised build: dotnet run -c Release --project bench/Failover.Bench -- " +
                $"{string.Join(' ', args)} (a {BuildConfiguration.Name} build runs only with --smoke)");
            return 2;
        }
        switch (command)
        {
            case "plan":
                PlannerBenchmark.Run(BenchSizes.PlannerScale(smoke), output);
                return 0;
            case "drift":
                DriftBenchmark.Run(smoke ? [100] : [100, 1_000, 10_000], output);
                return 0;
            case "converge":
                await ConvergenceBenchmark.RunAsync(BenchSizes.Convergence(smoke), output, CancellationToken.None);
                return 0;
            case "scale":
                PlannerScaleRunner.Run(BenchSizes.PlannerScale(smoke), smoke,
                    Path.Combine(Repository.Root(), "artifacts", "bench-bdn"), output);
                return 0;
            case "apply-rate":
            {
                var tracePath = StringOption(args, "--trace");
                await using var trace =
                    tracePath is null ? null : TextWriter.Synchronized(new StreamWriter(tracePath) { AutoFlush = true });
                var rows = await ApplyRateBenchmark.RunAsync(
                    ListOption(args, "--leaves")?.Select(int.Parse).ToList() ?? (smoke ? [10] : [100, 500, 2_000]),
                    ListOption(args, "--rates")?.Select(Number).ToList() ?? [5, 10],
                    ListOption(args, "--strategies") ?? ["workflow"], TimeSpan.FromSeconds(2), output, CancellationToken.None,
                    reapply: args.Contains("--reapply"), healthCheckConcurrency: IntOption(args, "--concurrency"), trace: trace,
                    perOperation: args.Contains("--per-operation"));
                output.WriteLine();
                output.Write(ApplyRateBenchmark.Markdown(rows));
                return 0;
            }
            case "drift-cycle":
                var (trees, leaves, share) = BenchSizes.DriftCycle(smoke);
                foreach (var size in IntOption(args, "--trees") is { } asked ? [asked] : trees)
                    await DriftCycleBenchmark.RunAsync(size, leaves, share, output, CancellationToken.None);
                return 0;
            case "cold-start":
            {
                var repository = Repository.Root();
                await ColdStartBenchmark.RunAsync(repository,
                    await BootstrapBinaries.AotAsync(repository, mayPublish: !smoke, output, CancellationToken.None),
                    await BootstrapBinaries.JitAsync(repository, CancellationToken.None),
                        IntOption(args, "--runs") ?? (smoke ? 2 : 15), output, CancellationToken.None);
                return 0;
            }
            case "all":
                return await BenchAll.RunAsync(smoke, StringOption(args, "--out"), output, CancellationToken.None);
            default:
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }
}
