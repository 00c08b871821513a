using Failover.Aws.Route53;
using Failover.Aws.StepFunctions;
using Failover.Local.Drift;
using Failover.Local.Realism;
using Failover.Local.Resources;
using Failover.Service.Workflow;
using Failover.Store;
using Failover.Testing.Stack;

namespace Failover.Bench.Convergence;

/// <summary>
/// A fresh local stack (its own moto, the real state machine, the Route 53 realism layer) for one measurement, so no
/// measurement sees another's health checks or records. The bench talks to it as a client would: through the edge.
/// Counts come from the realism layer's own counters (<c>/_local/realism/stats</c>), i.e. what the "Route 53" side saw.
/// </summary>
internal sealed class BenchStack : IAsyncDisposable
{
    private readonly TestStack _stack;

    private BenchStack(TestStack stack) => _stack = stack;

    public Uri EdgeUrl => _stack.EdgeUrl;
    public Uri MotoUrl => _stack.MotoUrl;
    public string ZoneId => _stack.ZoneId;
    public string ZoneName => _stack.ZoneName;
    public string StateMachineArn => _stack.StateMachineArn;
    public WorkflowOptions Workflow => _stack.WorkflowOptions;

    /// <summary>A client with the service's defaults (5 requests/s, retries on throttling), through the realism layer.</summary>
    public Route53Client Route53 => _stack.Route53;
    public ProgressStore Store => _stack.Store;
    public StepFunctionsClient States => _stack.States;

    /// <param name="pending">How long each change answers PENDING before INSYNC.</param>
    /// <param name="rateLimited">Route 53's account-wide rate (burst 50) answered with Throttling.</param>
    /// <param name="healthCheckConcurrency">Health checks in flight in a layer; null: the service's default.</param>
    /// <param name="accountRate">
    /// The account's limit in requests/s; null: the realism layer's default (5/s). A start-up setting, not one set
    /// afterwards: <see cref="ResetCountsAsync"/> puts the realism layer back to its start-up settings, so a limit set
    /// after start-up was undone by the reset before each measurement (every apply-rate row from c56d915 to 28d533c ran
    /// at 5/s, whatever its --rates said).
    /// </param>
    /// <param name="operationLimits">
    /// Route 53's per-operation buckets too (CreateHealthCheck 50, then 0.5/s; ...), and the stack's clients pacing by them.
    /// </param>
    public static async Task<BenchStack> StartAsync(TimeSpan pending, bool rateLimited = true, int? healthCheckConcurrency = null,
        double? accountRate = null, bool operationLimits = false) =>
        new(await new TestStackBuilder()
            .WithRealism(new RealismSettings
            {
                ChangePendingFor = pending,
                RateLimit = new RateLimitSettings
                {
                    Enabled = rateLimited, PerSecond = accountRate ?? new RateLimitSettings().PerSecond, Burst = 50,
                },
                OperationLimits = new OperationLimitSettings { Enabled = operationLimits },
            })
            .WithDrift(new DriftEmulationSettings { ScheduleInterval = null })
            .WithWorkflowOptions(new WorkflowOptions
            {
                TableName = LocalResourceNames.ProgressTable,
                SyncPollInterval = TimeSpan.FromSeconds(1),
                SyncTimeout = TimeSpan.FromMinutes(10),
                HealthCheckConcurrency = healthCheckConcurrency ?? Service.Workflow.LayerUnits.DefaultConcurrency,
            })
            .StartAsync());

    /// <summary>Zero counters and a full request bucket: each measurement starts alike. Settings go back to the start-up ones.</summary>
    public Task ResetCountsAsync() => _stack.Realism.ResetAsync();

    /// <summary>The account's limit the realism layer answers <c>Throttling</c> by now.</summary>
    public RateLimitSettings AccountLimit => _stack.Local.Realism.Current.RateLimit;

    /// <summary>The per-operation buckets the realism layer answers by now (none when they are off).</summary>
    public IReadOnlyDictionary<string, Aws.Http.OperationLimit> OperationLimits => _stack.Local.Realism.Current.ClientOperationLimits;

    public async Task<RequestCounts> CountsAsync() => RequestCounts.FromStats(await _stack.Realism.StatsJsonAsync());

    public ValueTask DisposeAsync() => _stack.DisposeAsync();
}
