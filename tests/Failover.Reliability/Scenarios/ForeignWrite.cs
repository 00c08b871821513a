using Failover.Core.Contracts;
using Failover.Core.Planning;
using Failover.Core.Route53;
using Failover.Functions.Handlers;
using Failover.Reliability.Audit;
using Failover.Reliability.Figures;
using Failover.Reliability.Stack;
using Failover.Reliability.Suite;
using Failover.Service.Progress;
using Failover.Testing;

namespace Failover.Reliability.Scenarios;

/// <summary>
/// Someone writes a record between a record layer's zone read and its CREATE, at a key the batch creates: Route 53
/// refuses the batch, the run rolls back, and the foreign record must be exactly as written (the tree's pending claim
/// on it is dropped, so the rollback never deletes it); the rest of the zone is as before, no health check is left.
/// </summary>
public sealed class ForeignWrite : IScenario
{
    public string Name => "foreign-write";

    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var stack = context.Stack;
        var driver = new WorkflowDriver(stack);
        var result = new ScenarioResult(Name)
            .Declare("foreign writes between read and CREATE", Expectation.AboveZero)
            .Declare("runs not rolled back", Expectation.Zero)
            .Declare("records changed that the tree does not own", Expectation.Zero)
            .Declare("orphan records", Expectation.Zero)
            .Declare("orphan health checks", Expectation.Zero);
        var cases = context.Pick(smoke: 1, full: 6);
        var random = new Random(context.Seed);
        for (var i = 0; i < cases; i++)
            await CaseAsync(context, driver, result, $"frn{context.Seed % 1000}-{i}", random.Next(), cancellationToken);
        return result;
    }

    private async Task CaseAsync(ScenarioContext context, WorkflowDriver driver, ScenarioResult result, string name, int seed,
        CancellationToken cancellationToken)
    {
        var stack = context.Stack;
        var spec = driver.Generate(seed, name, new Random(seed).Next(2, 8),
            new TreeGeneratorOptions { MaxDepth = 3, MaxFanout = 4, HealthCheckedShare = 0.6 });
        if (spec is null)
        {
            result.Note($"{name}: the generator made an invalid tree (seed {seed}); skipped");
            return;
        }
        var what = $"{name} (seed {seed})";
        var before = await stack.Moto.RecordSetsAsync(stack.ZoneId, cancellationToken);
        var checksBefore = (await stack.Moto.HealthChecksAsync(cancellationToken)).Select(c => c.Id).ToHashSet();
        System.Xml.Linq.XElement? foreign = null;
        string? foreignKey = null;
        var once = 0;
        using (stack.Crashes.BeforeRequest(name, async (invocation, request) =>
        {
            if (invocation.Function != WorkflowHandlers.ApplyRecordLayer || !CrashInjector.IsRecordChange(request)
                || Interlocked.Exchange(ref once, 1) == 1) return;
            var plan = PlanJson.Read((await stack.Store.GetPlanAsync(invocation.RunId, cancellationToken))!);
            var target = plan.Layers.Where(l => l.Name == invocation.Layer).SelectMany(l => l.ChangeBatches)
                .SelectMany(b => b.Changes).FirstOrDefault(c => c.Action == ChangeAction.Create)?.RecordSet;
            if (target is null) return;
            foreign = ForeignRecords.At(target);
            await stack.Edge.ChangeAsync(stack.ZoneId, ForeignRecords.Batch("CREATE", foreign), cancellationToken);
            foreignKey = ForeignRecords.KeyOf(target);
        }))
        {
            var end = await driver.WaitAsync(await driver.ApplyAsync(spec, cancellationToken: cancellationToken), cancellationToken);
            if (foreignKey is null)
            {
                result.Note($"{what}: no CREATE to write before; {end}");
                return;
            }
            result.Add("foreign writes between read and CREATE");
            if (end.Run?.Status != RunStatus.RolledBack) result.Defect("runs not rolled back", $"{what}: {end}");
            context.Say(Name, $"{what}: foreign record at {foreignKey}; run {end.Run?.Status}");
        }

        var after = await stack.Moto.RecordSetsAsync(stack.ZoneId, cancellationToken);
        var expected = before.Select(r => r.Key).Append(foreignKey).ToHashSet();
        var held = after.FirstOrDefault(r => r.Key == foreignKey);
        if (held is null || !held.Xml.Contains(ForeignRecords.Value, StringComparison.Ordinal))
            result.Defect("records changed that the tree does not own", $"{what}: {foreignKey} is {held?.Xml ?? "gone"}");
        foreach (var difference in ZoneDiff.Of(before, after.Where(r => r.Key != foreignKey).ToList()))
            result.Defect("records changed that the tree does not own", $"{what}: {difference}");
        foreach (var orphan in after.Where(r => !expected.Contains(r.Key)))
            result.Defect("orphan records", $"{what}: {orphan.Key}");
        foreach (var left in (await stack.Moto.HealthChecksAsync(cancellationToken)).Where(c => !checksBefore.Contains(c.Id)))
            result.Defect("orphan health checks", $"{what}: {left.Id} {left.Tree}/{left.Node}");
        // The foreign side cleans up after itself.
        await stack.Edge.ChangeAsync(stack.ZoneId, ForeignRecords.Batch("DELETE", foreign!), cancellationToken);
    }
}
