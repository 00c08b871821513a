using Failover.Functions.Handlers;
using Failover.Reliability.Audit;
using Failover.Reliability.Figures;
using Failover.Reliability.Stack;
using Failover.Reliability.Suite;
using Failover.Service.Progress;
using Failover.Testing;

namespace Failover.Reliability.Scenarios;

/// <summary>
/// A stale invocation resuming after a takeover: a run's record layer is paused at its zone read (as a function frozen
/// by its host, or stuck in a long retry), the deployment's clock is moved past its lock, another run takes the tree over
/// and applies a newer version; then the paused invocation goes on. It must write nothing — its lease check before each
/// change batch finds the lock gone — and the zone must be exactly the newer version, with no orphan.
/// </summary>
public sealed class StaleInvocation : IScenario
{
    public string Name => "stale-invocation";

    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var stack = context.Stack;
        var driver = new WorkflowDriver(stack);
        var result = new ScenarioResult(Name)
            .Declare("invocations paused past their lock", Expectation.AboveZero)
            .Declare("changes sent by stale invocations", Expectation.Zero)
            .Declare("stale runs that succeeded", Expectation.Zero)
            .Declare("takeover runs not succeeding", Expectation.Zero)
            .Declare("reverted newer versions", Expectation.Zero)
            .DeclareAudit();
        var cases = context.Pick(smoke: 1, full: 4);
        var random = new Random(context.Seed);
        for (var i = 0; i < cases; i++)
            await CaseAsync(context, driver, result, $"stl{context.Seed % 1000}-{i}", random.Next(), cancellationToken);
        return result;
    }

    private async Task CaseAsync(ScenarioContext context, WorkflowDriver driver, ScenarioResult result, string name, int seed,
        CancellationToken cancellationToken)
    {
        var stack = context.Stack;
        var shape = new TreeGeneratorOptions { MaxDepth = 3, MaxFanout = 4, HealthCheckedShare = 0.5 };
        var v1 = driver.Generate(seed, name, 4, shape);
        var stale = driver.Generate(seed + 1, name, 5, shape);
        var newer = driver.Generate(seed + 2, name, 6, shape);
        if (v1 is null || stale is null || newer is null)
        {
            result.Note($"{name}: the generator made an invalid tree (seed {seed}); skipped");
            return;
        }
        var what = $"{name} (seed {seed})";
        if (!(await driver.WaitAsync(await driver.ApplyAsync(v1, cancellationToken: cancellationToken), cancellationToken)).Succeeded)
        {
            result.Defect("takeover runs not succeeding", $"{what}: first apply failed");
            return;
        }

        var paused = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var once = 0;
        using (stack.Crashes.BeforeRequest(name, async (invocation, request) =>
        {
            if (invocation.Function != WorkflowHandlers.ApplyRecordLayer || !CrashInjector.IsZoneRead(request)
                || Interlocked.Exchange(ref once, 1) == 1) return;
            paused.TrySetResult(invocation.RunId);
            await release.Task;
        }))
        {
            var staleRun = await driver.ApplyAsync(stale, force: true, cancellationToken);
            await paused.Task.WaitAsync(WorkflowDriver.RunPatience, cancellationToken);
            result.Add("invocations paused past their lock");
            stack.Clock.Advance(Stack.ReliabilityStack.LockTtl + TimeSpan.FromSeconds(1));
            var takeover = await driver.WaitAsync(await driver.ApplyAsync(newer, force: true, cancellationToken), cancellationToken);
            if (!takeover.Succeeded) result.Defect("takeover runs not succeeding", $"{what}: {takeover}");

            var sentBefore = stack.Crashes.MutationsOf(staleRun.RunId);
            release.TrySetResult();
            var staleEnd = await driver.WaitAsync(staleRun, cancellationToken);
            var sentAfter = stack.Crashes.MutationsOf(staleRun.RunId) - sentBefore;
            if (sentAfter > 0)
                result.Defect("changes sent by stale invocations", $"{what}: run {staleRun.RunId} sent {sentAfter}", sentAfter);
            if (staleEnd.Run?.Status == RunStatus.Succeeded) result.Defect("stale runs that succeeded", $"{what}: {staleEnd}");
            context.Say(Name, $"{what}: stale run {staleEnd.Run?.Status}, takeover {takeover.Run?.Status}, stale changes {sentAfter}");
        }

        var audit = await driver.AuditAsync(name, newer.RecordName, newer, cancellationToken: cancellationToken);
        if (!audit.Converged) result.Defect("reverted newer versions", $"{what}: {string.Join("; ", audit.Differences.Take(3))}");
        result.Record(audit, what);
        var teardown = await driver.WaitAsync(await driver.TeardownAsync(name, cancellationToken), cancellationToken);
        if (!teardown.Succeeded) result.Defect("takeover runs not succeeding", $"{what}: teardown {teardown}");
        var afterTeardown = await driver.AuditAsync(name, newer.RecordName, null, cancellationToken: cancellationToken);
        result.Record(afterTeardown, what + " after teardown");
    }
}
