using Failover.Store;
using Failover.Service.Progress;
using Failover.Service.Workflow;
using Failover.Core.Compilation;
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
/// Crashes: a workflow function is killed part-way through its layer — after some of its Route 53 changes were
/// applied (or just before one is sent), before it recorded them — in a create, an update, a teardown, or in the
/// Rollback of a run that hit a foreign record. The killed invocation never runs again; Step Functions' retry must
/// pick the layer up from what Route 53 holds and converge, with no duplicate or orphan health check and no orphan
/// record. A crashed Rollback must still leave the zone byte-for-byte as it was before the run.
/// </summary>
public sealed class CrashRecovery : IScenario
{
    public string Name => "crashes";

    private enum Case
    {
        Create,
        Update,
        Teardown,
        Rollback,
    }

    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var stack = context.Stack;
        var driver = new WorkflowDriver(stack);
        var result = new ScenarioResult(Name)
            .Declare("cases", Expectation.Info)
            .Declare("crashes injected", Expectation.AboveZero)
            .Declare("crash plans that never fired", Expectation.Info)
            .Declare("runs converged after a crash", Expectation.Info)
            .Declare("crashed runs not ending as expected", Expectation.Zero)
            .DeclareAudit()
            .Declare("zone diffs after a crashed rollback", Expectation.Zero)
            .Declare("health check diffs after a crashed rollback", Expectation.Zero)
            .Declare("zone diffs after all teardowns", Expectation.Zero);
        foreach (var kind in Enum.GetValues<Case>()) result.Declare($"crashes in {kind.ToString().ToLowerInvariant()} runs",
            Expectation.Info);

        var count = context.Pick(smoke: 4, full: 24);
        var parallel = context.Pick(smoke: 3, full: 4);
        var random = new Random(context.Seed);
        var zoneBefore = await stack.Moto.RecordSetsAsync(stack.ZoneId, cancellationToken);
        var cases = Enumerable.Range(0, count)
            .Select(i => (Index: i, Kind: (Case)(i % 4), Seed: random.Next(), Leaves: random.Next(2, context.Pick(8, 30) + 1))).ToList();
        // Rollback cases compare the whole zone before and after, so they run alone; the others a few at a time.
        foreach (var wave in cases.Where(c => c.Kind != Case.Rollback).Chunk(parallel))
            await Task.WhenAll(
                wave.Select(c =>
                CaseAsync(context, driver, result, c.Kind, c.Index, $"crs{context.Seed % 1000}-{c.Index}", c.Seed, c.Leaves,
                cancellationToken)));
        foreach (var c in cases.Where(c => c.Kind == Case.Rollback))
            await CaseAsync(context, driver, result, c.Kind, c.Index, $"crs{context.Seed % 1000}-{c.Index}", c.Seed, c.Leaves,
                cancellationToken);

        var zoneAfter = await stack.Moto.RecordSetsAsync(stack.ZoneId, cancellationToken);
        foreach (var difference in ZoneDiff.Of(zoneBefore, zoneAfter)) result.Defect("zone diffs after all teardowns", difference);
        result.Add("cases", count);
        return result;
    }

    private async Task CaseAsync(
        ScenarioContext context, WorkflowDriver driver, ScenarioResult result, Case kind, int index, string name, int seed, int leaves,
            CancellationToken cancellationToken)
    {
        var stack = context.Stack;
        // Cases take the crash plans in turn (a health-check or a record layer, after a change was applied or before one
        // was sent), so a full run fires every plan; the call it strikes at stays random.
        var order = index - index / 4;
        var moment = kind == Case.Rollback ? (CrashMoment)(index / 4 % 2) : (CrashMoment)(order / 2 % 2);
        var checksLayer = order % 2 == 1;
        var random = new Random(seed);
        var shape =
            new TreeGeneratorOptions { MaxDepth = random.Next(2, 5), MaxFanout = random.Next(2, 8),
            HealthCheckedShare = 0.5 + random.NextDouble() / 2 };
        // Nested rules give the rollback case's update helper names of its own, where a foreign record can go first.
        if (kind == Case.Rollback) (leaves, shape) = (Math.Max(leaves, 6), shape with { MaxFanout = 3, MultivalueShare = 0 });
        var v1 = driver.Generate(seed, name, leaves, shape);
        var v2 = driver.Generate(seed + 1, name, leaves + random.Next(-1, 3), shape);
        // The rollback case's update writes only new keys, so a foreign record can take one before the tree does.
        if (kind == Case.Rollback && v2 is not null) v2 = WorkflowDriver.Load(RenamedNodes(v2, "n"));
        if (v1 is null || v2 is null)
        {
            result.Note($"{name}: the generator made an invalid tree (seed {seed}); skipped");
            return;
        }
        var what = $"{name} {kind.ToString().ToLowerInvariant()} (seed {seed}, {leaves} leaves)";
        if (kind != Case.Create
            && !await CleanlyAsync(driver, result, driver.ApplyAsync(v1, cancellationToken: cancellationToken), what + ": first apply",
            cancellationToken))
            return;

        var before = await stack.Moto.RecordSetsAsync(stack.ZoneId, cancellationToken);
        var checksBefore = (await stack.Moto.HealthChecksAsync(cancellationToken)).Select(c => c.Id).Order().ToList();
        string? foreignKey = null;
        System.Xml.Linq.XElement? foreign = null;
        var armed = false;
        using (stack.BeforeStep(name, async invocation =>
        {
            if (invocation.Function == WorkflowHandlers.PlanTree) return;
            if (kind == Case.Rollback)
            {
                // The run hits a record someone else wrote at a key one of its later record layers creates; its
                // Rollback is what crashes.
                if (!armed && invocation.Function == WorkflowHandlers.ApplyRecordLayer
                    && await PlanAsync(stack, invocation.RunId) is { } plan)
                {
                    armed = true;
                    // The latest layer that creates at a name the zone does not use yet (so Route 53 takes the foreign
                    // record whatever routing the name's records will have).
                    var used = (await stack.Moto.RecordSetsAsync(stack.ZoneId, cancellationToken)).Select(r => r.Name).ToHashSet();
                    var target = plan.Layers.Where(l => l.Kind == PlanLayerKind.Records).Reverse()
                        .SelectMany(l => l.ChangeBatches.SelectMany(b => b.Changes))
                        .FirstOrDefault(c => c.Action == Core.Route53.ChangeAction.Create && !used.Contains(c.RecordSet.Name))?.RecordSet;
                    if (target is null)
                    {
                        result.Note($"{what}: the update creates nothing at a new name; no conflict injected");
                        return;
                    }
                    foreign = ForeignRecords.At(target);
                    try
                    {
                        await stack.Edge.ChangeAsync(stack.ZoneId, ForeignRecords.Batch("CREATE", foreign), cancellationToken);
                        foreignKey = ForeignRecords.KeyOf(target);
                    }
                    catch (Route53CallFailedException refused)
                    {
                        result.Note($"{what}: could not write the foreign record: {refused.Message}");
                        foreign = null;
                        return;
                    }
                    stack.Crashes.Arm(new CrashPlan(name, WorkflowHandlers.Rollback, null, random.Next(1, 4), moment));
                }
                return;
            }
            if (armed) return;
            armed = true;
            if (await PlanAsync(stack, invocation.RunId) is not { } stored) return;
            var layers = stored.Layers.Where(l => Mutations(l) > 0).ToList();
            if (layers.Count == 0) return;
            var ofTurn = layers.Where(l => (l.Kind == PlanLayerKind.Records) != checksLayer).ToList();
            if (ofTurn.Count > 0) layers = ofTurn;
            var layer = layers[random.Next(layers.Count)];
            var function = layer.Kind == PlanLayerKind.Records ? WorkflowHandlers.ApplyRecordLayer : WorkflowHandlers.ApplyHealthChecks;
            stack.Crashes.Arm(new CrashPlan(name, function, layer.Name, random.Next(1, Mutations(layer) + 1), moment));
        }))
        {
            var started = kind switch
            {
                Case.Create => await driver.ApplyAsync(v1, cancellationToken: cancellationToken),
                Case.Teardown => await driver.TeardownAsync(name, cancellationToken),
                _ => await driver.ApplyAsync(v2, force: true, cancellationToken),
            };
            var end = await driver.WaitAsync(started, cancellationToken);
            var fired = stack.Crashes.HasFired(name);
            if (stack.Crashes.Disarm(name)) result.Add("crash plans that never fired");
            if (fired)
            {
                result.Add("crashes injected");
                result.Add($"crashes in {kind.ToString().ToLowerInvariant()} runs");
            }
            var plan = string.Join("; ", stack.Crashes.Fired.Where(f => f.Plan.Tree == name).Select(f => f.Plan.ToString()));
            var expected = kind == Case.Rollback && foreignKey is not null ? RunStatus.RolledBack : RunStatus.Succeeded;
            if (end.Run?.Status != expected)
                result.Defect(
                    "crashed runs not ending as expected", $"{what}, crash {plan}: {end}; errors {string.Join(",", end.FunctionErrors)}");
            else if (fired && kind != Case.Rollback) result.Add("runs converged after a crash");
            context.Say(
                Name, $"{what}: crash {(fired ? plan : "did not fire")}; {end.Run?.Status}, step errors " +
                    $"[{string.Join(",", end.FunctionErrors)}]");

            var desired = kind switch { Case.Create => v1, Case.Update => v2, Case.Teardown => null, _ => foreignKey is null ? v2 : v1 };
            var ignore = foreignKey is null ? null : new HashSet<string> { foreignKey };
            result.Record(await driver.AuditAsync(name, v1.RecordName, desired, ignore, cancellationToken), what);
            if (kind == Case.Rollback)
            {
                var after = await stack.Moto.RecordSetsAsync(stack.ZoneId, cancellationToken);
                foreach (var difference in ZoneDiff.Of(before, after, ignore)) result.Defect(
                    "zone diffs after a crashed rollback", $"{what}: {difference}");
                var checksAfter = (await stack.Moto.HealthChecksAsync(cancellationToken)).Select(c => c.Id).Order().ToList();
                if (!checksAfter.SequenceEqual(checksBefore))
                    result.Defect(
                        "health check diffs after a crashed rollback", $"{what}: gone " +
                            $"[{string.Join(",", checksBefore.Except(checksAfter))}], new " +
                                $"[{string.Join(",", checksAfter.Except(checksBefore))}]");
            }
        }

        if (foreignKey is not null) await stack.Edge.ChangeAsync(stack.ZoneId, ForeignRecords.Batch("DELETE", foreign!), cancellationToken);
        if (kind != Case.Teardown) await CleanlyAsync(driver, result, driver.TeardownAsync(name, cancellationToken),
            what + ": teardown", cancellationToken);
    }

    /// <summary>The spec's JSON with every node id prefixed: the same tree at all-new record keys.</summary>
    public static string RenamedNodes(TreeSpec spec, string prefix) =>
        System.Text.RegularExpressions.Regex.Replace(SpecJsonWriter.Write(spec), "(\"id\":\\s*\")", "$1" + prefix);

    /// <summary>How many Route 53 changing calls a layer makes: a create and a tag per check, one per batch or deletion.</summary>
    private static int Mutations(PlanLayer layer) => layer.Kind switch
    {
        PlanLayerKind.HealthChecks => 2 * layer.HealthChecks.Count,
        PlanLayerKind.Records => layer.ChangeBatches.Count,
        _ => layer.HealthCheckDeletions.Count,
    };

    private static async Task<Plan?> PlanAsync(ReliabilityStack stack, string runId) =>
        await stack.Store.GetPlanAsync(runId) is { } json ? PlanJson.Read(json) : null;

    private static async Task<bool> CleanlyAsync(WorkflowDriver driver, ScenarioResult result, Task<StartedRun> start, string what,
        CancellationToken cancellationToken)
    {
        var end = await driver.WaitAsync(await start, cancellationToken);
        if (end.Succeeded) return true;
        result.Defect("crashed runs not ending as expected", $"{what} (no crash planned): {end}");
        return false;
    }
}
