using System.Diagnostics;
using Failover.Reliability.Figures;
using Failover.Reliability.Scenarios;
using Failover.Reliability.Stack;

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
        return results;
    }

    public static int SeedOf(int seed, int position) => unchecked(seed * 7919 + position * 104_729) & int.MaxValue;
}
