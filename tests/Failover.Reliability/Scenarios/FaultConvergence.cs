using Failover.Store;
using Failover.Service.Progress;
using Failover.Core.Spec;
using Failover.Local.Realism;
using Failover.Reliability.Audit;
using Failover.Reliability.Figures;
using Failover.Reliability.Suite;
using Failover.Testing;

namespace Failover.Reliability.Scenarios;

/// <summary>
/// Route 53 faults: the realism layer injects Throttling, PriorRequestNotComplete, 5xx, dropped connections and answers
/// lost after the change was applied, at 10–30 % of every Route 53 request, while generated trees of varied shapes and
/// sizes are created, updated (to another generated tree) and torn down through the real workflow, a few at a time in
/// one zone. After every run the zone must hold exactly the tree (or nothing of it), with no duplicate or orphan health
/// check; after all of them, the zone is exactly as it started.
/// </summary>
public sealed class FaultConvergence : IScenario
{
    public string Name => "route53-faults";

    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var stack = context.Stack;
        var driver = new WorkflowDriver(stack);
        var result = new ScenarioResult(Name)
            .Declare("trees", Expectation.Info)
            .Declare("runs", Expectation.Info)
            .Declare("runs converged", Expectation.Info)
            .DeclareAudit()
            .Declare("runs hung", Expectation.Zero)
            .Declare("runs rolled back or failed", Expectation.Zero)
            .Declare("zone diffs after all teardowns", Expectation.Zero)
            .Declare("health checks left after all teardowns", Expectation.Zero)
            .Declare("Route 53 requests", Expectation.Info)
            .Declare("faults injected", Expectation.AboveZero);
        foreach (var kind in Enum.GetValues<FaultKind>()) result.Declare($"faults: {kind}", Expectation.Info);
        result.Declare("steps retried by Step Functions", Expectation.Info);

        var trees = context.Pick(smoke: 4, full: 24);
        var parallel = context.Pick(smoke: 4, full: 4);
        var maxLeaves = context.Pick(smoke: 7, full: 40);
        var random = new Random(context.Seed);
        var zoneBefore = await stack.Moto.RecordSetsAsync(stack.ZoneId, cancellationToken);
        var checksBefore = (await stack.Moto.HealthChecksAsync(cancellationToken)).Select(c => c.Id).ToHashSet();
        await stack.Realism.ResetAsync(cancellationToken);

        try
        {
            await WavesAsync(context, driver, result, trees, parallel, maxLeaves, random, cancellationToken);
        }
        finally
        {
            // Faults must not outlive the scenario, whatever happened.
            var counts = await stack.Realism.StatsAsync(CancellationToken.None);
            await stack.Realism.ResetAsync(CancellationToken.None);
            foreach (var (kind, count) in counts.Group("faults")) result.Add($"faults: {kind}", count);
            result.Add("faults injected", counts.Group("faults").Values.Sum());
            result.Add("Route 53 requests", counts.TotalRequests);
        }
        result.Add("trees", trees);

        var zoneAfter = await stack.Moto.RecordSetsAsync(stack.ZoneId, cancellationToken);
        foreach (var difference in ZoneDiff.Of(zoneBefore, zoneAfter)) result.Defect("zone diffs after all teardowns", difference);
        foreach (var left in (await stack.Moto.HealthChecksAsync(cancellationToken)).Where(c => !checksBefore.Contains(c.Id)))
            result.Defect("health checks left after all teardowns", $"{left.Id} {left.CallerReference} {left.Tree}/{left.Node}");
        return result;
    }

    private async Task WavesAsync(
        ScenarioContext context, WorkflowDriver driver, ScenarioResult result, int trees, int parallel, int maxLeaves, Random random,
        CancellationToken cancellationToken)
    {
        var stack = context.Stack;
        for (var wave = 0; wave * parallel < trees; wave++)
        {
            // One rate per wave of trees (the layer has one setting), drawn from 10–30 %.
            var rate = Math.Round(0.10 + 0.20 * random.NextDouble(), 2);
            await stack.Realism.SetAsync(FaultSettingsJson(rate, context.Seed + wave), cancellationToken);
            var cases = Enumerable.Range(wave * parallel, Math.Min(parallel, trees - wave * parallel))
                .Select(i => (Index: i, Seed: random.Next(), Leaves: random.Next(1, maxLeaves + 1), Shape: Shape(random))).ToList();
            context.Say(Name, $"wave {wave + 1}: faults at {rate:P0}, trees of {string.Join(", ", cases.Select(c => c.Leaves))} leaves");
            await Task.WhenAll(
                cases.Select(c =>
                TreeLifeAsync(context, driver, result, $"flt{context.Seed % 1000}-{c.Index}", c.Seed, c.Leaves, c.Shape,
                cancellationToken)));
        }
    }

    /// <summary>Every kind of fault on every Route 53 operation, at <paramref name="rate"/>, repeatable from the seed.</summary>
    public static string FaultSettingsJson(double rate, int seed) =>
        "{\"faults\":{\"rate\":" + rate.ToString(System.Globalization.CultureInfo.InvariantCulture)
        + ",\"kinds\":[" + string.Join(",", Enum.GetNames<FaultKind>().Select(k => $"\"{k}\"")) + "],\"operations\":[],\"seed\":"
            + seed + "}}";

    private static TreeGeneratorOptions Shape(Random random) => new()
    {
        MaxDepth = random.Next(1, 6),
        MaxFanout = random.Next(2, 12),
        AliasLeafShare = random.NextDouble() * 0.3,
        HealthCheckedShare = random.NextDouble(),
        MultivalueShare = random.NextDouble() * 0.3,
    };

    /// <summary>The figures <see cref="TreeLifeAsync"/> counts.</summary>
    public static ScenarioResult DeclareTreeLives(ScenarioResult result) => result
        .Declare("runs", Expectation.Info)
        .Declare("runs converged", Expectation.Info)
        .DeclareAudit()
        .Declare("runs hung", Expectation.Zero)
        .Declare("runs rolled back or failed", Expectation.Zero)
        .Declare("steps retried by Step Functions", Expectation.Info);

    /// <summary>Create, update to another tree, tear down; audit after each run.</summary>
    public static async Task TreeLifeAsync(
        ScenarioContext context, WorkflowDriver driver, ScenarioResult result, string name, int seed, int leaves,
            TreeGeneratorOptions shape,
        CancellationToken cancellationToken, Func<Func<Task<Service.Workflow.StartedRun>>, Task<Service.Workflow.StartedRun>>? start = null)
    {
        start ??= run => run();
        var v1 = driver.Generate(seed, name, leaves, shape);
        var v2 = driver.Generate(seed + 1, name, Math.Max(1, leaves + new Random(seed).Next(-3, 4)), shape);
        if (v1 is null || v2 is null)
        {
            result.Note($"{name}: the generator made an invalid tree (seed {seed}); skipped");
            return;
        }
        var recordName = v1.RecordName;
        TreeSpec? current = null;
        foreach (var (label, run, desired) in new (string, Func<Task<Service.Workflow.StartedRun>>, TreeSpec?)[]
        {
            ("create", () => driver.ApplyAsync(v1, cancellationToken: cancellationToken), v1),
            ("update", () => driver.ApplyAsync(v2, force: true, cancellationToken), v2),
            ("teardown", () => driver.TeardownAsync(name, cancellationToken), null),
        })
        {
            var what = $"{name} {label} (seed {seed}, {leaves} leaves)";
            var end = await driver.WaitAsync(await start(run), cancellationToken);
            result.Add("runs");
            result.Add("steps retried by Step Functions", end.FunctionErrors.Count);
            if (end.Hung)
            {
                result.Defect("runs hung", $"{what}: {end}");
                return;
            }
            var expected = desired;
            if (!end.Succeeded)
            {
                result.Defect("runs rolled back or failed", $"{what}: {end}");
                expected = end.Run?.Status == RunStatus.RolledBack ? current : expected;
            }
            else
            {
                result.Add("runs converged");
                current = desired;
            }
            result.Record(await driver.AuditAsync(name, recordName, expected, cancellationToken: cancellationToken), what);
            context.Say(result.Scenario, $"{what}: {end.Run?.Status}, {end.FunctionErrors.Count} step retries");
        }
    }
}
