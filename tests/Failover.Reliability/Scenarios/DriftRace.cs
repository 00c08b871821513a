using Failover.Reliability.Audit;
using Failover.Reliability.Figures;
using Failover.Reliability.Suite;
using Failover.Service.Drift;
using Failover.Service.Workflow;
using Failover.Testing;

namespace Failover.Reliability.Scenarios;

/// <summary>
/// Drift repair racing an apply: a drift check saw version 1 and its run; an apply of version 2 starts at the same moment
/// as the repair the check decided on (and, in a second round, finishes before it). The repair must start only if the
/// tree is still at what the check saw: a newer version is never reverted — the zone ends as the tree's current version.
/// </summary>
public sealed class DriftRace : IScenario
{
    public string Name => "drift-race";

    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var stack = context.Stack;
        var driver = new WorkflowDriver(stack);
        var result = new ScenarioResult(Name)
            .Declare("races", Expectation.AboveZero)
            .Declare("repairs refused", Expectation.Info)
            .Declare("applies refused (repair held the lock)", Expectation.Info)
            .Declare("reverted newer versions", Expectation.Zero)
            .Declare("runs not succeeding", Expectation.Zero)
            .DeclareAudit();
        var cases = context.Pick(smoke: 2, full: 6);
        var random = new Random(context.Seed);
        var repair = new RunStarterDriftRepair(stack.Runs);
        for (var i = 0; i < cases; i++)
        {
            var name = $"drc{context.Seed % 1000}-{i}";
            var seed = random.Next();
            var shape = new TreeGeneratorOptions { MaxDepth = 2, MaxFanout = 4, HealthCheckedShare = 0.5 };
            var v1 = driver.Generate(seed, name, 3, shape);
            var v2 = driver.Generate(seed + 1, name, 4, shape);
            if (v1 is null || v2 is null) continue;
            var first = await driver.WaitAsync(await driver.ApplyAsync(v1, cancellationToken: cancellationToken), cancellationToken);
            if (!first.Succeeded)
            {
                result.Defect("runs not succeeding", $"{name}: {first}");
                continue;
            }
            var seen = await stack.Store.GetTreeAsync(name, cancellationToken);
            result.Add("races");
            // Odd cases: the apply has finished before the repair starts. Even cases: both at once.
            var apply = Task.Run(() => driver.ApplyAsync(v2, force: true, cancellationToken), cancellationToken);
            if (i % 2 == 1) await driver.WaitAsync(await apply, cancellationToken);
            string? repairRun = null;
            try
            {
                repairRun = await repair.StartAsync(v1, seen!.CurrentVersion!.Value, seen.LastRunId, cancellationToken);
            }
            catch (DriftRepairRefusedException)
            {
                result.Add("repairs refused");
            }
            try
            {
                await driver.WaitAsync(await apply, cancellationToken);
            }
            catch (RunRefusedException refused) when (refused.Reason == RunRefusal.TreeLocked)
            {
                result.Add("applies refused (repair held the lock)");
            }
            if (repairRun is not null) await driver.WaitAsync(repairRun, cancellationToken);

            var tree = await stack.Store.GetTreeAsync(name, cancellationToken);
            var current = tree?.CurrentVersion == 2 ? v2 : v1;
            var audit = await driver.AuditAsync(name, v1.RecordName, current, cancellationToken: cancellationToken);
            if (!audit.Converged) result.Defect("reverted newer versions", $"{name}: at version {tree?.CurrentVersion}, zone differs: "
                + string.Join("; ", audit.Differences.Take(3)));
            result.Record(audit, name);
            context.Say(Name, $"{name}: current version {tree?.CurrentVersion}, repair {(repairRun is null ? "refused" : "ran")}");
            var teardown = await driver.WaitAsync(await driver.TeardownAsync(name, cancellationToken), cancellationToken);
            if (!teardown.Succeeded) result.Defect("runs not succeeding", $"{name}: teardown {teardown}");
        }
        return result;
    }
}
