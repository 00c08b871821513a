using Failover.Aws.CloudWatch;
using Failover.Service.Alarms;
using System.Text.Json;
using Failover.Aws.Clients;
using Failover.Aws.Route53;
using Failover.Functions;
using Failover.Functions.Handlers;
using Failover.Functions.Hosting;
using Failover.Service.Logging;
using Failover.Local;
using Failover.Local.Aws;
using Failover.Local.Drift;
using Failover.Local.Lambda;
using Failover.Local.Moto;
using Failover.Local.Realism;
using Failover.Local.Resources;
using Failover.Service.Metrics;
using Failover.Service.Workflow;
using Failover.Store;

namespace Failover.Testing.Stack;

/// <summary>
/// Starts the local stack for tests, the reliability suite and the benchmarks: in-process, on free loopback ports, with
/// a moto of its own, the real state machine definitions (src/StateMachine), changes INSYNC at once and the drift
/// schedule fired only on request (<see cref="LocalStackOptions.ForTests"/>). Each <c>With…</c> changes one thing.
/// </summary>
public sealed class TestStackBuilder
{
    private LocalStackOptions _options = LocalStackOptions.ForTests() with { StateMachineDirectory = RepositoryStateMachines() };
    private readonly List<Action<FunctionRegistry>> _functions = [];
    private TimeProvider _clock = TimeProvider.System;
    private InProcessWorkflow? _inProcess;
    private bool _noStateMachines;

    /// <summary>No state machines (a temporary empty directory): a stack for tests of the edge itself.</summary>
    public TestStackBuilder WithoutStateMachines()
    {
        _noStateMachines = true;
        return this;
    }

    /// <summary>A bare edge in front of moto: no table, queues, state machines or zones.</summary>
    public TestStackBuilder WithoutResources() => With(o => o with { CreateResources = false });

    /// <summary>A private hosted zone of this name besides the public demo zone (split-view DNS when the names are the same).</summary>
    public TestStackBuilder WithPrivateZone(string name) => With(o => o with { PrivateZones = [.. o.PrivateZones, name] });

    public TestStackBuilder WithRealism(RealismSettings realism) => With(o => o with { Realism = realism });

    /// <summary>The realism layer's clock (PENDING windows, the request rate) and the API Gateway emulation's.</summary>
    public TestStackBuilder WithRealismClock(TimeProvider clock) => With(o => o with { TimeProvider = clock });

    /// <summary>The workflow keeps CloudWatch alarms on the trees' health checks (in moto), named with this prefix.</summary>
    public TestStackBuilder WithHealthCheckAlarms(string prefix = "failover-local-health-") =>
        With(o => o with { HealthCheckAlarmPrefix = prefix });

    /// <summary>The HTTP API refuses requests not SigV4-signed with the local credentials, as a deployment's does.</summary>
    public TestStackBuilder WithApiSignatureRequired() => With(o => o with { RequireApiSignature = true });

    public TestStackBuilder WithDrift(DriftEmulationSettings drift) => With(o => o with { Drift = drift });

    public TestStackBuilder WithWorkflowOptions(WorkflowOptions workflow) => With(o => o with { Workflow = workflow });

    /// <summary>Where the workflow's functions and the answer watcher write their metric lines (null drops them).</summary>
    public TestStackBuilder WithMetricsOutput(TextWriter? metrics) => With(o => o with { MetricsOutput = metrics });

    /// <summary>Where the service's functions write their JSON log lines (null drops them).</summary>
    public TestStackBuilder WithFunctionLog(LogSink? log) => With(o => o with { FunctionLog = log });

    /// <summary>Registers more functions, or replaces some of the service's, on the edge.</summary>
    public TestStackBuilder WithFunctions(Action<FunctionRegistry> configure)
    {
        _functions.Add(configure);
        return this;
    }

    /// <summary>The deployment's clock: the progress store's, and the in-process workflow functions'.</summary>
    public TestStackBuilder WithClock(TimeProvider clock)
    {
        _clock = clock;
        return this;
    }

    /// <summary>The workflow's functions run in this process with services the test holds (<see cref="InProcessWorkflow"/>).</summary>
    public TestStackBuilder WithInProcessWorkflow(InProcessWorkflow workflow)
    {
        _inProcess = workflow;
        return this;
    }

    private TestStackBuilder With(Func<LocalStackOptions, LocalStackOptions> change)
    {
        _options = change(_options);
        return this;
    }

    public async Task<TestStack> StartAsync(CancellationToken cancellationToken = default)
    {
        // The SDKs' credential chain and region resolution read these; moto accepts any credentials.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "testing");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "testing");
        Environment.SetEnvironmentVariable("AWS_REGION", LocalAccount.Region);

        // The edge's port is chosen first: the clients (and the in-process functions' services) are built before it listens.
        var port = MotoServer.FreePort();
        var edge = new Uri($"http://127.0.0.1:{port}");
        var store = new ProgressStore(
            DynamoDbClientFactory.Create(edge, LocalAccount.Region, LocalAccount.Credentials), _options.Workflow.TableName, _clock);
        var workflow = _inProcess is { } inProcess ? WorkflowServicesFor(inProcess, edge, store) : null;
        var emptyDirectory = _noStateMachines ? Directory.CreateTempSubdirectory("failover-local-sm-").FullName : null;
        var options = _options with
        {
            EdgePort = port,
            StateMachineDirectory = emptyDirectory ?? _options.StateMachineDirectory,
            ConfigureFunctions = functions =>
            {
                if (workflow is not null) RegisterWorkflowFunctions(functions, workflow, _inProcess!);
                foreach (var configure in _functions) configure(functions);
            },
        };
        try
        {
            var local = await LocalStack.StartAsync(options, cancellationToken);
            return new TestStack(local, options, store, _clock, workflow, emptyDirectory);
        }
        catch
        {
            if (emptyDirectory is not null) Directory.Delete(emptyDirectory, recursive: true);
            throw;
        }
    }

    private WorkflowServices WorkflowServicesFor(InProcessWorkflow inProcess, Uri edge, ProgressStore store)
    {
        var route53 = new Route53Client(
            new Route53ClientOptions
            {
                Endpoint = edge, RequestsPerSecond = inProcess.RequestsPerSecond, Burst = inProcess.Burst,
                OperationLimits = _options.Realism.ClientOperationLimits,
            },
            inProcess.Route53Handler is { } handler ? new HttpClient(handler) : null, LocalAccount.Credentials);
        var alarms = _options.HealthCheckAlarmPrefix is { } prefix
            ? new HealthCheckAlarmSource(
                new CloudWatchAlarmsClient(new CloudWatchClientOptions { Endpoint = edge }, credentials: LocalAccount.Credentials), prefix)
            : null;
        return new WorkflowServices(route53, store, _clock, _options.Workflow)
        {
            Route53Rate = route53.RequestRate, Route53OperationBuckets = route53.OperationRates, Alarms = alarms,
            Metrics = _options.MetricsOutput is { } metrics ? new RunMetrics(metrics, _clock) : RunMetrics.None,
        };
    }

    private void RegisterWorkflowFunctions(FunctionRegistry functions, WorkflowServices workflow, InProcessWorkflow inProcess)
    {
        var table = FunctionCatalog.Build(
            new InProcessFunctionServices(workflow, _clock), new HostingOptions { Log = new LogSink(Stream.Null) });
        foreach (var name in WorkflowHandlers.Names)
            functions.Register(name, (payload, token) =>
            {
                var request = JsonSerializer.Deserialize(payload.Span, WorkflowJsonContext.Default.StepRequest);
                var step = new WorkflowStep(name, request, payload, stepToken => InvokeAsync(table, name, payload, stepToken));
                return inProcess.Intercept is { } intercept ? intercept(step, token) : step.InvokeAsync(token);
            });
    }

    private static async Task<ReadOnlyMemory<byte>> InvokeAsync(
        HandlerTable table, string name, ReadOnlyMemory<byte> payload, CancellationToken token)
    {
        var outcome = await table.InvokeAsync(name, payload, token);
        // As Lambda reports a function's error to Step Functions: its errorType becomes the state's error.
        return outcome.Error is { } error ? throw new FunctionFailedException(error.Type, error.Message) : outcome.Payload;
    }

    private static string? RepositoryStateMachines() =>
        LocalResources.FindStateMachineDirectory(AppContext.BaseDirectory)
        ?? LocalResources.FindStateMachineDirectory(Environment.CurrentDirectory);

    private sealed class InProcessFunctionServices(WorkflowServices workflow, TimeProvider time) : IFunctionServices
    {
        public TimeProvider Time => time;
        public WorkflowServices Workflow => workflow;
    }
}
