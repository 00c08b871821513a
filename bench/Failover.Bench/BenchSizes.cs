using Failover.Bench.Convergence;

namespace Failover.Bench;

/// <summary>The sizes each benchmark runs at: the full figures, or a smoke run for CI.</summary>
internal static class BenchSizes
{
    public static ConvergenceSettings Convergence(bool smoke)
    {
        if (smoke)
        {
            var tiny = TreeCase.OfLeaves(10);
            return new ConvergenceSettings([tiny], tiny, TimeSpan.FromSeconds(1));
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
