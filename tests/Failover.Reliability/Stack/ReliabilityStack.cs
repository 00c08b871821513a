using Failover.Aws.Clients;
using System.Collections.Concurrent;
using System.Text.Json;
using Failover.Store;
using Failover.Service.Progress;
using Failover.Aws.Route53;
using Failover.Service.Ports.Route53;
using Failover.Aws.StepFunctions;
using Failover.Service.Workflow;
using Failover.Functions;
using Failover.Functions.Handlers;
using Failover.Functions.Hosting;
using Failover.Functions.Hosting.Logging;
using Failover.Local;
using Failover.Local.Aws;
using Failover.Local.Drift;
using Failover.Local.Moto;
using Failover.Local.Realism;
using Failover.Local.Resources;
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
    private Local.LocalStack? _local;

    private ReliabilityStack()
    {
    }

    public Local.LocalStack Local => _local ?? throw new InvalidOperationException("the stack is not started");
    public SkewedClock Clock { get; } = new();
    public CrashInjector Crashes { get; } = new();
    public Uri EdgeUrl => Local.EdgeUrl;
    public Uri ApiUrl => Local.ApiUrl;
    public string ZoneName => LocalResourceNames.DemoZone;
    public string ZoneId => Local.Resources!.HostedZones[ZoneName].Split('/').Last();
    public string StateMachineArn => Local.Resources!.StateMachines[StateMachineLocator.DefaultName];
    public ProvisionedResources Resources => Local.Resources!;
    public WorkflowServices Workflow { get; private set; } = null!;
    public ProgressStore Store { get; private set; } = null!;
    public StepFunctionsClient States { get; private set; } = null!;
    /// <summary>Starts runs as the CLI and the HTTP API do, on the deployment's clock.</summary>
    public RunStarter Runs { get; private set; } = null!;
    public RealismClient Realism { get; private set; } = null!;
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
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "testing");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "testing");
        Environment.SetEnvironmentVariable("AWS_REGION", LocalAccount.Region);
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
        var port = MotoServer.FreePort();
        var edge = new Uri($"http://127.0.0.1:{port}");
        var workflow = new WorkflowOptions
        {
            TableName = LocalResourceNames.ProgressTable,
            SyncPollInterval = TimeSpan.FromSeconds(1),
            SyncTimeout = TimeSpan.FromMinutes(2),
            LockTtl = LockTtl,
        };
        // The functions' Route 53 client goes through the crash injector; its rate leaves the realism layer's bucket
        // (and injected Throttling) to decide.
        var route53 = new Route53Client(new Route53ClientOptions { Endpoint = edge, RequestsPerSecond = 50, Burst = 50 },
            new HttpClient(Crashes), LocalAccount.Credentials);
        Store =
            new ProgressStore(DynamoDbClientFactory.Create(edge, LocalAccount.Region, LocalAccount.Credentials), workflow.TableName, Clock);
        Workflow = new WorkflowServices(route53, Store, Clock, workflow);
        var table =
            FunctionCatalog.Build(new SuiteFunctionServices(Workflow, Clock), new HostingOptions { Log = new LogSink(Stream.Null) });

        _local = await Failover.Local.LocalStack.StartAsync(new LocalStackOptions
        {
            EdgePort = port,
            StateMachineDirectory = LocalResources.FindStateMachineDirectory(AppContext.BaseDirectory),
            Realism = new RealismSettings
            {
                ChangePendingFor = TimeSpan.FromSeconds(1),
                RateLimit = new RateLimitSettings { PerSecond = 50, Burst = 100 },
            },
            Workflow = workflow,
            // The functions' log lines (the API's, the drift worker's) would drown the suite's own output.
            FunctionLog = new LogSink(Stream.Null),
            Drift =
                new DriftEmulationSettings { ScheduleInterval = null, VisibilityTimeout = TimeSpan.FromSeconds(2),
                MetricsOutput = new LockedWriter(_driftMetrics) },
            ConfigureFunctions = functions =>
            {
                foreach (var name in WorkflowHandlers.Names) functions.Register(name,
                    (payload, token) => InvokeAsync(table, name, payload, token));
            },
        }, cancellationToken);
        States =
            new StepFunctionsClient(new StepFunctionsClientOptions { Region = LocalAccount.Region, Endpoint = edge },
            credentials: LocalAccount.Credentials);
        Runs = new RunStarter(Store, States, StateMachineArn, Clock, LockTtl);
        Realism = new RealismClient(edge);
        Moto = new MotoReader(Local.MotoUrl);
        Edge = new MotoReader(edge);
        Api = new ApiClient(Local.ApiUrl);
    }

    /// <summary>Remembers which tree a run belongs to (the starter knows; functions only see the run id).</summary>
    public void Track(StartedRun run) => _treeOfRun[run.RunId] = run.Tree;

    private async Task<ReadOnlyMemory<byte>> InvokeAsync(HandlerTable table, string name, ReadOnlyMemory<byte> payload,
        CancellationToken cancellationToken)
    {
        var request = JsonSerializer.Deserialize(payload.Span, WorkflowJsonContext.Default.StepRequest);
        if (request is null) return await InvokeTableAsync(table, name, payload, cancellationToken);
        var tree = await TreeOfAsync(request.RunId, cancellationToken);
        var invocation = new StepInvocation(name, request, tree ?? "");
        if (tree is not null && _hooks.TryGetValue(tree, out var hook)) await hook(invocation);

        CrashInjector.Current = invocation;
        var work = InvokeTableAsync(table, name, payload, cancellationToken);
        CrashInjector.Current = null;
        if (await Task.WhenAny(work, invocation.Killed.Task) == work) return await work;
        // As Lambda reports a runtime killed mid-invocation; Step Functions sees the errorType.
        throw new FunctionFailedException(
            "Runtime.ExitError", $"RequestId: {Guid.NewGuid()} Error: Runtime exited with error: signal: killed");
    }

    private static async Task<ReadOnlyMemory<byte>> InvokeTableAsync(HandlerTable table, string name, ReadOnlyMemory<byte> payload,
        CancellationToken cancellationToken)
    {
        var outcome = await table.InvokeAsync(name, payload, cancellationToken);
        return outcome.Error is { } error ? throw new FunctionFailedException(error.Type, error.Message) : outcome.Payload;
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
        if (_local is not null) await _local.DisposeAsync();
        Moto?.Dispose();
        Edge?.Dispose();
        Api?.Dispose();
        Realism?.Dispose();
    }

    private sealed class SuiteFunctionServices(WorkflowServices workflow, TimeProvider time) : IFunctionServices
    {
        public TimeProvider Time => time;
        public WorkflowServices Workflow => workflow;
    }

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
