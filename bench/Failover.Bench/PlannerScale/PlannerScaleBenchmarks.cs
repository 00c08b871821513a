using BenchmarkDotNet.Attributes;
using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Spec;
using Failover.Core.Validation;
using Failover.Testing;

namespace Failover.Bench.PlannerScale;

/// <summary>
/// BenchmarkDotNet cases for the pure core at scale: validate + compile + plan a generated tree from nothing, and the
/// diff of the desired tree against a zone that already holds it with 1% of its records changed (what every drift
/// repair and every small update plans).
/// </summary>
[MemoryDiagnoser]
public class PlannerScaleBenchmarks
{
    /// <summary>Set before the run (<see cref="PlannerScaleRunner"/>): the full sizes or the smoke size.</summary>
    public static IReadOnlyList<int> Sizes { get; set; } = [100, 1_000, 10_000, 100_000];

    private TreeSpec _spec = null!;
    private CompiledTree _desired = null!;
    private ActualState _drifted = null!;

    public static IEnumerable<int> LeafCounts => Sizes;

    [ParamsSource(nameof(LeafCounts))]
    public int Leaves { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _spec = new TreeGenerator(20_260_101).Generate(Leaves);
        var errors = TreeValidator.Validate(_spec, ScaleLimits.Unlimited).Where(d => d.Severity == Core.Diagnostics.Severity.Error)
            .ToList();
        if (errors.Count > 0) throw new InvalidOperationException($"generated tree of {Leaves} leaves is invalid: {errors[0]}");
        _desired = TreeCompiler.Compile(_spec);
        var zone = new InMemoryZone(_spec.Name, _spec.HostedZoneId);
        zone.Apply(Planner.Plan(_desired, ActualState.Empty));
        _drifted = ZoneDrift.EveryHundredth(zone.State);
    }

    [Benchmark(Description = "validate+plan")]
    public Plan ValidateAndPlan()
    {
        TreeValidator.Validate(_spec, ScaleLimits.Unlimited);
        return Planner.Plan(TreeCompiler.Compile(_spec), ActualState.Empty);
    }

    [Benchmark(Description = "diff 1%")]
    public Plan Diff() => Planner.Plan(_desired, _drifted);
}
