using System.Collections.Concurrent;
using Failover.Aws.StepFunctions;
using Failover.Functions.Hosting;
using Failover.Service.Logging;
using Failover.Local.Drift;
using Failover.Local.Realism;
using Failover.Local.Resources;
using Failover.Service.Workflow;
using Failover.Store;
using Failover.Testing.Stack;
using Failover.Testing.Time;

namespace Failover.Reliability.Stack;

/// <summary>
/// The local stack the scenarios run against, in-process on free ports: moto executing the real state machine, the
/// real workflow functions, the realism layer in front of Route 53, the HTTP API, and the drift schedule and queue. The
/// suite adds three things, at the boundary only: the deployment's clock can be moved forward (<see cref="Clock"/>),
/// a workflow function can be killed part-way through (<see cref="Crashes"/>), and a hook can act just before a
/// function runs (<see cref="BeforeStep"/>). Everything the scenarios count is read back from the servers.
/// </summary>
public sealed class ReliabilityStack : IAsyncDisposable
{
    /// <summary>The shortest lock the workflow accepts; the clock is moved past it rather than waited out.</summary>
    public static readonly TimeSpan LockTtl = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, string> _treeOfRun = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Func<StepInvocation, Task>> _hooks = new(StringComparer.Ordinal);
    private readonly StringWriter _driftMetrics = new();
    private TestStack? _stack;

    private ReliabilityStack()
    {
    }

    public Failover.Local.LocalStack Local => Started.Local;
    public SkewedClock Clock { get; } = new();
    public CrashInjector Crashes { get; } = new();
    public Uri EdgeUrl => Local.EdgeUrl;
    public Uri ApiUrl => Local.ApiUrl;
    public string ZoneName => Started.ZoneName;
    public string ZoneId => Started.ZoneId;
    public string StateMachineArn => Started.StateMachineArn;
    public ProvisionedResources Resources => Started.Resources;
    public WorkflowServices Workflow => Started.Workflow!;
    public ProgressStore Store => Started.Store;
    public StepFunctionsClient States => Started.States;
    /// <summary>Starts runs as the CLI and the HTTP API do, on the deployment's clock.</summary>
    public RunStarter Runs { get; private set; } = null!;
    public RealismClient Realism => Started.Realism;
    /// <summary>Reads Route 53 straight from moto: no realism layer, no faults, not counted.</summary>
    public MotoReader Moto { get; private set; } = null!;
    /// <summary>Route 53 through the edge, as any other client of the account: someone else writing to the zone.</summary>
    public MotoReader Edge { get; private set; } = null!;
    /// <summary>The service's HTTP API, as users call it.</summary>
    public ApiClient Api { get; private set; } = null!;

    /// <summary>The drift worker's metric lines (one per check), as Lambda's standard output would carry them.</summary>
    public string DriftMetrics
    {
        get { lock (_driftMetrics) return _driftMetrics.ToString(); }
    }

    /// <summary>Runs <paramref name="hook"/> before every workflow function invoked for <paramref name="tree"/>, until removed.</summary>
    public IDisposable BeforeStep(string tree, Func<StepInvocation, Task> hook)
    {
        _hooks[tree] = hook;
        return new Removal(() => _hooks.TryRemove(tree, out _));
    }

    public static async Task<ReliabilityStack> StartAsync(CancellationToken cancellationToken = default)
    {
        var stack = new ReliabilityStack();
        try
        {
            await stack.StartLocalAsync(cancellationToken);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    private async Task StartLocalAsync(CancellationToken cancellationToken)
    {
        _stack = await new TestStackBuilder()
            .WithClock(Clock)
            .WithRealism(new RealismSettings
            {
                ChangePendingFor = TimeSpan.FromSeconds(1),
                RateLimit = new RateLimitSettings { PerSecond = 50, Burst = 100 },
            })
            .WithWorkflowOptions(new WorkflowOptions
            {
                TableName = LocalResourceNames.ProgressTable,
                SyncPollInterval = TimeSpan.FromSeconds(1),
                SyncTimeout = TimeSpan.FromMinutes(2),
                LockTtl = LockTtl,
            })
            // The functions' log lines (the API's, the drift worker's) would drown the suite's own output.
            .WithFunctionLog(new LogSink(Stream.Null))
            .WithDrift(new DriftEmulationSettings
            {
                ScheduleInterval = null, VisibilityTimeout = TimeSpan.FromSeconds(2), MetricsOutput = new LockedWriter(_driftMetrics),
            })
            // The functions' Route 53 client goes through the crash injector; its rate leaves the realism layer's bucket
            // (and injected Throttling) to decide.
            .WithInProcessWorkflow(new InProcessWorkflow
            {
                RequestsPerSecond = 50, Burst = 50, Route53Handler = Crashes, Intercept = InvokeAsync,
            })
            .StartAsync(cancellationToken);
        Runs = new RunStarter(Store, States, StateMachineArn, Clock, LockTtl);
        Moto = new MotoReader(Local.MotoUrl);
        Edge = new MotoReader(EdgeUrl);
        Api = new ApiClient(Local.ApiUrl);
    }

    /// <summary>Remembers which tree a run belongs to (the starter knows; functions only see the run id).</summary>
    public void Track(StartedRun run) => _treeOfRun[run.RunId] = run.Tree;

    private async Task<ReadOnlyMemory<byte>> InvokeAsync(WorkflowStep step, CancellationToken cancellationToken)
    {
        if (step.Request is not { } request) return await step.InvokeAsync(cancellationToken);
        var tree = await TreeOfAsync(request.RunId, cancellationToken);
        var invocation = new StepInvocation(step.Function, request, tree ?? "");
        if (tree is not null && _hooks.TryGetValue(tree, out var hook)) await hook(invocation);

        CrashInjector.Current = invocation;
        var work = step.InvokeAsync(cancellationToken);
        CrashInjector.Current = null;
        if (await Task.WhenAny(work, invocation.Killed.Task) == work) return await work;
        // As Lambda reports a runtime killed mid-invocation; Step Functions sees the errorType.
        throw new FunctionFailedException(
            "Runtime.ExitError", $"RequestId: {Guid.NewGuid()} Error: Runtime exited with error: signal: killed");
    }

    private async Task<string?> TreeOfAsync(string runId, CancellationToken cancellationToken)
    {
        if (_treeOfRun.TryGetValue(runId, out var tree)) return tree;
        var run = await Store.GetRunAsync(runId, cancellationToken);
        if (run is not null) _treeOfRun[runId] = run.Tree;
        return run?.Tree;
    }

    public async ValueTask DisposeAsync()
    {
        if (_stack is not null) await _stack.DisposeAsync();
        Moto?.Dispose();
        Edge?.Dispose();
        Api?.Dispose();
    }

    private TestStack Started => _stack ?? throw new InvalidOperationException("the stack is not started");

    private sealed class Removal(Action remove) : IDisposable
    {
        public void Dispose() => remove();
    }

    /// <summary>The drift worker writes from several invocations at once.</summary>
    private sealed class LockedWriter(StringWriter inner) : TextWriter
    {
        public override System.Text.Encoding Encoding => inner.Encoding;

        public override void Write(char value)
        {
            lock (inner) inner.Write(value);
        }

        public override void Write(string? value)
        {
            lock (inner) inner.Write(value);
        }

        public override void WriteLine(string? value)
        {
            lock (inner) inner.WriteLine(value);
        }
    }
}
