using Failover.Store;
using Failover.Service.Progress;
using Failover.Service.Workflow;
using Failover.Core.Planning;
using Failover.Core.Spec;
using Failover.Functions.Handlers;
using Failover.Reliability.Audit;
using Failover.Reliability.Figures;
using Failover.Reliability.Stack;
using Failover.Reliability.Suite;
using Failover.Testing;
using Failover.Core.Contracts;

namespace Failover.Reliability.Scenarios;

/// <summary>
/// A run killed outright: its execution is stopped (StopExecution) when it reaches a layer chosen by the seed, and in
/// half the cases the function running at that moment dies part-way too. The tree stays locked — a new run is refused
/// — until the lock expires (the deployment's clock is moved past it); then a new run either resumes the same version
/// or rolls back to the one before, and must converge cleanly: the zone exactly the tree, no duplicate or orphan health
/// check, no orphan record, the lock released, and the killed run no longer shown as RUNNING.
/// </summary>
public sealed class KilledRuns : IScenario
{
    public string Name => "killed-runs";

    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var stack = context.Stack;
        var driver = new WorkflowDriver(stack);
        var result = new ScenarioResult(Name)
            .Declare("runs killed", Expectation.AboveZero)
            .Declare("killed mid-function too", Expectation.Info)
            .Declare("new runs refused while locked", Expectation.Info)
            .Declare("runs started while the lock was held", Expectation.Zero)
            .Declare("resumed", Expectation.Info)
            .Declare("rolled back", Expectation.Info)
            .Declare("new runs not succeeding", Expectation.Zero)
            .DeclareAudit()
            .Declare("killed runs left RUNNING", Expectation.Zero)
            .Declare("locks left after the new run", Expectation.Zero)
            .Declare("zone diffs after all teardowns", Expectation.Zero);

        var cases = context.Pick(smoke: 2, full: 10);
        var random = new Random(context.Seed);
        var zoneBefore = await stack.Moto.RecordSetsAsync(stack.ZoneId, cancellationToken);
        // One at a time: moving the clock past one tree's lock must not cut another run's waits short.
        for (var i = 0; i < cases; i++)
            await CaseAsync(context, driver, result, $"kil{context.Seed % 1000}-{i}", update: i % 2 == 1, random.Next(), cancellationToken);
        foreach (var difference in ZoneDiff.Of(zoneBefore, await stack.Moto.RecordSetsAsync(stack.ZoneId, cancellationToken)))
            result.Defect("zone diffs after all teardowns", difference);
        return result;
    }

    private async Task CaseAsync(ScenarioContext context, WorkflowDriver driver, ScenarioResult result, string name, bool update,
        int seed, CancellationToken cancellationToken)
    {
        var stack = context.Stack;
        var random = new Random(seed);
        var shape = new TreeGeneratorOptions { MaxDepth = random.Next(2, 5), MaxFanout = random.Next(2, 6), HealthCheckedShare = 0.8 };
        var v1 = driver.Generate(seed, name, random.Next(3, context.Pick(8, 20)), shape);
        var v2 = driver.Generate(seed + 1, name, random.Next(3, context.Pick(8, 20)), shape);
        if (v1 is null || v2 is null)
        {
            result.Note($"{name}: the generator made an invalid tree (seed {seed}); skipped");
            return;
        }
        var what = $"{name} {(update ? "update" : "create")} (seed {seed})";
        if (update)
        {
            var first = await driver.WaitAsync(await driver.ApplyAsync(v1, cancellationToken: cancellationToken), cancellationToken);
            if (!first.Succeeded)
            {
                result.Defect("new runs not succeeding", $"{what}: first apply {first}");
                return;
            }
        }
        var victim = update ? v2 : v1;

        // The kill: at a layer step chosen once the plan is known (or at CheckChange), stop the execution.
        var stopped = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        string? killAt = null;
        var alsoCrash = random.Next(2) == 0;
        StartedRun killed;
        using (stack.BeforeStep(name, async invocation =>
        {
            if (invocation.Function == WorkflowHandlers.PlanTree || stopped.Task.IsCompleted) return;
            if (killAt is null && await stack.Store.GetPlanAsync(invocation.RunId, cancellationToken) is { } json)
            {
                var steps = PlanJson.Read(json).Layers.Where(l => !l.IsEmpty).Select(l => l.Name)
                    .Append(LayerSteps.CheckChange).ToList();
                killAt = steps[random.Next(steps.Count)];
            }
            if ((invocation.Layer ?? invocation.Request.Cursor?.Step) != killAt
                && !(killAt == LayerSteps.CheckChange && invocation.Function == WorkflowHandlers.CheckChange))
                return;
            var run = await stack.Store.GetRunAsync(invocation.RunId, cancellationToken);
            await stack.States.StopExecutionAsync(run!.ExecutionArn!, "Killed", "the reliability suite stopped the execution",
                cancellationToken);
            if (alsoCrash && invocation.Function != WorkflowHandlers.CheckChange)
                stack.Crashes.Arm(
                    new CrashPlan(name, invocation.Function, invocation.Layer, random.Next(1, 3), (CrashMoment)random.Next(2)));
            stopped.TrySetResult(killAt!);
        }))
        {
            killed = await driver.ApplyAsync(victim, force: true, cancellationToken);
            var which = await stopped.Task.WaitAsync(WorkflowDriver.RunPatience, cancellationToken);
            await WaitForExecutionEndAsync(stack, killed.ExecutionArn, cancellationToken);
            // Let a function that was not killed finish (its answer goes nowhere), as Lambda would.
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            var crashed = stack.Crashes.HasFired(name) && stack.Crashes.Fired.Any(f => f.Plan.Tree == name);
            stack.Crashes.Disarm(name);
            result.Add("runs killed");
            if (crashed) result.Add("killed mid-function too");
            context.Say(Name, $"{what}: execution stopped at {which}{(crashed ? ", its function killed too" : "")}");
        }

        // Locked until the lock expires.
        try
        {
            var early = await driver.ApplyAsync(victim, force: true, cancellationToken);
            result.Defect("runs started while the lock was held", $"{what}: run {early.RunId} started");
            await driver.WaitAsync(early, cancellationToken);
        }
        catch (RunRefusedException refused) when (refused.Reason == RunRefusal.TreeLocked)
        {
            result.Add("new runs refused while locked");
        }

        stack.Clock.Advance(ReliabilityStack.LockTtl + TimeSpan.FromSeconds(1));
        var rollBack = update && random.Next(2) == 0;
        var next = rollBack ? await driver.RollbackAsync(name, 1, cancellationToken)
            : await driver.ApplyAsync(victim, force: true, cancellationToken);
        var end = await driver.WaitAsync(next, cancellationToken);
        result.Add(rollBack ? "rolled back" : "resumed");
        if (!end.Succeeded) result.Defect("new runs not succeeding", $"{what}: {(rollBack ? "rollback" : "resume")} {end}");
        result.Record(await driver.AuditAsync(name, victim.RecordName, rollBack ? v1 : victim, cancellationToken: cancellationToken), what);
        if ((await stack.Store.GetRunAsync(killed.RunId, cancellationToken))?.Status == RunStatus.Running)
            result.Defect(
                "killed runs left RUNNING", $"{what}: run {killed.RunId} still RUNNING after run {next.RunId} took the tree over");
        if (await stack.Store.GetLockAsync(name, cancellationToken) is { } held)
            result.Defect("locks left after the new run", $"{what}: held by {held.Owner}");

        var teardown = await driver.WaitAsync(await driver.TeardownAsync(name, cancellationToken), cancellationToken);
        if (!teardown.Succeeded) result.Defect("new runs not succeeding", $"{what}: teardown {teardown}");
        result.Record(await driver.AuditAsync(name, victim.RecordName, null, cancellationToken: cancellationToken),
            what + " after teardown");
    }

    private static async Task WaitForExecutionEndAsync(ReliabilityStack stack, string executionArn, CancellationToken cancellationToken)
    {
        await Eventually.PollAsync(token => stack.States.DescribeExecutionAsync(executionArn, token), execution => !execution.IsRunning,
            WorkflowDriver.RunPatience, TimeSpan.FromMilliseconds(250), cancellationToken);
    }
}
