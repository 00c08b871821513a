using Failover.Bench.Convergence;

namespace Failover.Bench;

/// <summary>The sizes each benchmark runs at: the full figures, or a smoke run for CI that only shows they work.</summary>
internal static class BenchSizes
{
    public static IReadOnlyList<int> PlannerScale(bool smoke) => smoke ? [100] : [100, 1_000, 10_000, 100_000];

    /// <summary>Trees in one zone for the drift cycle (each size a cycle of its own), leaves per tree, health-checked share.</summary>
    public static (int[] Trees, int Leaves, double HealthCheckedShare) DriftCycle(bool smoke) =>
        (smoke ? [10, 20] : [1_000], 8, 0);

    /// <summary>
    /// Drift cycle sizes given by the request model, scaled from the largest measured cycle: setting up 1,000 trees on moto
    /// takes about 8 minutes on 2 cores, so 10,000 (over 100,000 record sets) would take well over an hour.
    /// </summary>
    public static int[] DriftCycleModelled(bool smoke) => smoke ? [] : [10_000];

    /// <summary>
    /// Generated trees applied at the account's rate (issue 21: 100, 500 and 2,000 leaves, at Route 53's documented 5
    /// requests/s and at a raised 10/s), each followed by a no-op re-apply through the workflow and the direct path.
    /// </summary>
    public static (int[] Leaves, double[] Rates) ApplyRate(bool smoke) => smoke ? ([10], [10]) : ([100, 500, 2_000], [5, 10]);

    public static ConvergenceSettings Convergence(bool smoke)
    {
        if (smoke)
        {
            var www = TreeCase.Example("www.json");
            return new ConvergenceSettings([www], www, TimeSpan.FromSeconds(1));
        }
        var largest = TreeCase.OfLeaves(500);
        return new ConvergenceSettings(
            [
                TreeCase.Example("www.json"), TreeCase.Example("simple-failover.json"), TreeCase.Example("multivalue.json"),
                TreeCase.Example("geo.yaml"), TreeCase.Example("complex.json"),
                TreeCase.OfLeaves(10), TreeCase.OfLeaves(100), largest,
            ],
            largest, TimeSpan.FromSeconds(2));
    }
}
