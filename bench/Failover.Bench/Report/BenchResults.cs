using Failover.Bench.ColdStart;
using Failover.Bench.Convergence;
using Failover.Bench.Drift;
using Failover.Bench.PlannerScale;

namespace Failover.Bench.Report;

/// <summary>Everything one <c>all</c> run measured, for the report.</summary>
internal sealed record BenchResults(
    MachineInfo Machine,
    bool Smoke,
    ConvergenceSettings ConvergenceSettings,
    IReadOnlyList<ConvergenceRow> Convergence,
    IReadOnlyList<PlannerScaleRow> PlannerScale,
    IReadOnlyList<PlannerBenchmark.Result> PlannerCpu,
    IReadOnlyList<DriftCycleResult> DriftCycles,
    IReadOnlyList<ColdStartRow> ColdStart,
    IReadOnlyDictionary<string, TimeSpan> Durations,
    string LoadAverageAtEnd)
{
    /// <summary>Drift cycle sizes not run (too slow for this machine), given by the request model only.</summary>
    public IReadOnlyList<DriftCycleModel> DriftCycleModels { get; init; } = [];

    /// <summary>Generated trees applied at the account's rate, each with its no-op re-applies.</summary>
    public IReadOnlyList<ApplyRateRow> ApplyRate { get; init; } = [];

    public ConvergenceRow? Row(TreeCase treeCase, string strategy, Operation operation) =>
        Convergence.FirstOrDefault(r => r.Case == treeCase && r.Strategy == strategy && r.Operation == operation);
}
