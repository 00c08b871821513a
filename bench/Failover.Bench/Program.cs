using Failover.Bench;

// Console harness (not BenchmarkDotNet: the figures needed are per-size wall time and allocations of one pipeline).
//   dotnet run -c Release --project bench/Failover.Bench -- plan|drift [--smoke]
var command = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
var smoke = args.Contains("--smoke");
switch (command)
{
    case "plan":
        PlannerBenchmark.Run(smoke ? [100] : [100, 1_000, 10_000], Console.Out);
        return 0;
    case "drift":
        DriftBenchmark.Run(smoke ? [100] : [100, 1_000, 10_000], Console.Out);
        return 0;
    default:
        Console.Error.WriteLine("usage: Failover.Bench plan|drift [--smoke]");
        Console.Error.WriteLine("  plan     validate, compile and plan generated trees of 100, 1,000 and 10,000 leaves");
        Console.Error.WriteLine("  drift    detect drift in generated trees of 100, 1,000 and 10,000 leaves, as applied and with 1% changed");
        Console.Error.WriteLine("  --smoke  100 leaves only (for CI)");
        return 2;
}
