using System.Diagnostics;
using Failover.Reliability.Figures;
using Failover.Reliability.Scenarios;
using Failover.Reliability.Stack;
using Failover.Functions.Handlers;
using Failover.Local.Realism;

namespace Failover.Reliability.Suite;

/// <summary>Every scenario, in the order the suite runs them, one after the other on one stack (their counters must not mix).</summary>
public static class ReliabilitySuite
{
    public static IReadOnlyList<IScenario> Scenarios { get; } =
    [
        new FaultConvergence(),
        new CrashRecovery(),
        new KilledRuns(),
        new PermanentFailures(),
        new Races(),
        new HostileInput(),
        new Ownership(),
        new DriftLoad(),
        AmbiguousFaults.Route53,
        AmbiguousFaults.Services,
        new ForeignWrite(),
        new StaleInvocation(),
        new ZoneMove(),
        new DriftRace(),
        new LimitTrees(),
    ];

    /// <summary>Runs the named scenarios (all when empty); each gets a seed derived from <paramref name="seed"/> and its
    /// position.</summary>
    public static async Task<IReadOnlyList<ScenarioResult>> RunAsync(
        ReliabilityStack stack, Scale scale, int seed, IReadOnlyCollection<string> only, TextWriter log,
            CancellationToken cancellationToken)
    {
        var results = new List<ScenarioResult>();
        for (var i = 0; i < Scenarios.Count; i++)
        {
            var scenario = Scenarios[i];
            if (only.Count > 0 && !only.Contains(scenario.Name)) continue;
            // Every scenario starts from the stack's own settings (no faults) and zeroed counters.
            await stack.Realism.ResetAsync(cancellationToken);
            var clock = Stopwatch.StartNew();
            var result = await scenario.RunAsync(new ScenarioContext(stack, SeedOf(seed, i), scale, log), cancellationToken);
            result.Elapsed = clock.Elapsed;
            results.Add(result);
        }
        // A full run of every scenario must have fired every fault kind and every crash plan at least once.
        if (scale == Scale.Full && only.Count == 0) results.Add(Coverage(results, stack.Crashes));
        return results;
    }

    /// <summary>The crash plans the suite can arm: each function that changes Route 53, at each moment.</summary>
    public static IReadOnlyList<(string Function, CrashMoment Moment)> CrashPlans { get; } =
    [
        .. new[] { WorkflowHandlers.ApplyHealthChecks, WorkflowHandlers.ApplyRecordLayer, WorkflowHandlers.Rollback }
            .SelectMany(function => Enum.GetValues<CrashMoment>().Select(moment => (function, moment))),
    ];

    private static ScenarioResult Coverage(IReadOnlyList<ScenarioResult> results, CrashInjector crashes)
    {
        var coverage = new ScenarioResult("coverage")
            .Declare("Route 53 fault kinds never injected", Expectation.Zero)
            .Declare("service fault kinds never injected", Expectation.Zero)
            .Declare("crash plans never fired", Expectation.Zero);
        long Injected(IEnumerable<string> scenarios, FaultKind kind) => results.Where(r => scenarios.Contains(r.Scenario))
            .SelectMany(r => r.Figures).Where(f => f.Name == $"faults: {kind}").Sum(f => f.Value);
        foreach (var kind in Enum.GetValues<FaultKind>().Where(k => Injected(["route53-faults", "ambiguous-route53"], k) == 0))
            coverage.Defect("Route 53 fault kinds never injected", kind.ToString());
        foreach (var kind in ServiceFaultLayer.Kinds.Where(k => Injected(["service-faults"], k) == 0))
            coverage.Defect("service fault kinds never injected", kind.ToString());
        var fired = crashes.Fired.Select(f => (f.Plan.Function, f.Plan.Moment)).ToHashSet();
        foreach (var (function, moment) in CrashPlans.Where(p => !fired.Contains(p)))
            coverage.Defect("crash plans never fired", $"{function} {moment}");
        return coverage;
    }

    public static int SeedOf(int seed, int position) => unchecked(seed * 7919 + position * 104_729) & int.MaxValue;
}
