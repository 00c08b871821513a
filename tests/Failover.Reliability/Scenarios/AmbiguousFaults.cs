using Failover.Core.Spec;
using Failover.Testing;
using Failover.Local.Realism;
using Failover.Reliability.Figures;
using Failover.Reliability.Suite;
using Failover.Service.Ports;
using Failover.Service.Workflow;

namespace Failover.Reliability.Scenarios;

/// <summary>
/// Answers lost after the call was applied, the faults a client can get wrong: its resend meets its own first attempt.
/// <see cref="Route53"/> puts them on every mutating Route 53 operation (ChangeResourceRecordSets, CreateHealthCheck,
/// DeleteHealthCheck, UpdateHealthCheck, ChangeTagsForResource), <see cref="Services"/> every fault kind on the
/// DynamoDB writes (the progress table) and Step Functions' StartExecution. Generated trees with health checks are
/// created, updated and torn down through the real workflow; every run must succeed — a run rolled back although its
/// changes landed is a defect — with the zone exactly the tree, no duplicate or orphan health check, no orphan record.
/// </summary>
public sealed class AmbiguousFaults : IScenario
{
    public static readonly string[] Route53Mutations =
        ["ChangeResourceRecordSets", "CreateHealthCheck", "DeleteHealthCheck", "UpdateHealthCheck", "ChangeTagsForResource"];

    public static readonly string[] ServiceWrites =
    [
        "DynamoDB.PutItem", "DynamoDB.UpdateItem", "DynamoDB.DeleteItem", "DynamoDB.BatchWriteItem", "StepFunctions.StartExecution",
    ];

    // The workflow replaces a health check whose config changed (Route 53 cannot change RequestInterval, MeasureLatency
    // or string matching in place, API reference UpdateHealthCheck) and never sends UpdateHealthCheck.
    private static readonly string[] NeverSent = ["UpdateHealthCheck"];

    private readonly bool _services;

    private AmbiguousFaults(bool services) => _services = services;

    public static AmbiguousFaults Route53 { get; } = new(services: false);
    public static AmbiguousFaults Services { get; } = new(services: true);

    public string Name => _services ? "service-faults" : "ambiguous-route53";

    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var stack = context.Stack;
        var driver = new WorkflowDriver(stack);
        var result = FaultConvergence.DeclareTreeLives(new ScenarioResult(Name).Declare("trees", Expectation.Info))
            .Declare("runs started after a refused start", Expectation.Info)
            .Declare("faults injected", Expectation.AboveZero);
        var kinds = _services ? ServiceFaultLayer.Kinds : [FaultKind.ResponseLostAfterApplied, FaultKind.ServerErrorAfterApplied];
        var operations = _services ? ServiceWrites : Route53Mutations;
        foreach (var kind in kinds) result.Declare($"faults: {kind}", Expectation.Info);
        foreach (var operation in operations.Except(NeverSent)) result.Declare($"faults on {operation}", Expectation.Info);
        // In a full run every operation and kind must have been hit at least once.
        var coverage = context.Scale == Scale.Full ? Expectation.Zero : Expectation.Info;
        result.Declare("operations or kinds never faulted", coverage);

        var trees = context.Pick(smoke: 2, full: 12);
        var random = new Random(context.Seed);
        var rate = _services ? 0.15 : 0.3;
        var group = _services ? "serviceFaults" : "faults";
        await stack.Realism.SetAsync("{\"" + group + "\":{\"rate\":" + rate.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + ",\"kinds\":[" + string.Join(",", kinds.Select(k => $"\"{k}\"")) + "],\"operations\":["
            + string.Join(",", operations.Select(o => $"\"{o}\"")) + "],\"seed\":" + context.Seed + "}}", cancellationToken);
        try
        {
            for (var wave = 0; wave * 2 < trees; wave++)
            {
                var cases = Enumerable.Range(wave * 2, Math.Min(2, trees - wave * 2))
                    .Select(i => (Index: i, Seed: random.Next(), Leaves: random.Next(2, context.Pick(6, 16)))).ToList();
                await Task.WhenAll(cases.Select(c => FaultConvergence.TreeLifeAsync(context, driver, result,
                    $"{(_services ? "svc" : "amb")}{context.Seed % 1000}-{c.Index}", c.Seed, c.Leaves,
                    new TreeGeneratorOptions { MaxDepth = 3, MaxFanout = 4, HealthCheckedShare = 1 }, cancellationToken,
                    run => StartAsync(run, result))));
                result.Add("trees", cases.Count);
            }
        }
        finally
        {
            var counts = await stack.Realism.StatsAsync(CancellationToken.None);
            await stack.Realism.ResetAsync(CancellationToken.None);
            foreach (var (kind, count) in counts.Group(group)) result.Add($"faults: {kind}", count);
            result.Add("faults injected", counts.Group(group).Values.Sum());
            var byOperation = counts.Group(_services ? "serviceFaultsByOperation" : "faultsByOperation");
            foreach (var operation in operations.Except(NeverSent))
            {
                var hits = byOperation.Where(o => o.Key.StartsWith(operation + ":", StringComparison.Ordinal)).Sum(o => o.Value);
                result.Add($"faults on {operation}", hits);
                if (hits == 0) result.Defect("operations or kinds never faulted", $"{operation} never got a fault");
            }
            foreach (var kind in kinds.Where(k => counts.Get(group, k.ToString()) == 0))
                result.Defect("operations or kinds never faulted", $"{kind} was never injected");
        }
        if (!_services) result.Note($"{string.Join(", ", NeverSent)}: the workflow never sends it (checks are replaced)");
        return result;
    }

    /// <summary>
    /// Starts a run as a client of the API would: a start refused by a fault (the call failed, nothing started, the lock
    /// released) is tried again.
    /// </summary>
    private static async Task<StartedRun> StartAsync(Func<Task<StartedRun>> start, ScenarioResult result)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await start();
            }
            catch (AwsServiceException refused) when (refused.IsRetryable && attempt < 5)
            {
                result.Add("runs started after a refused start");
            }
            catch (RunRefusedException locked) when (locked.Reason == RunRefusal.TreeLocked && attempt < 5)
            {
                // A refused start released its lock; a start whose lock write landed unseen holds it until it expires.
                result.Add("runs started after a refused start");
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }
}
