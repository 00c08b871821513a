using Failover.Aws.StepFunctions;
using Failover.Aws.Clients;
using System.Collections.Concurrent;
using System.Text.Json;
using Failover.Store;
using Failover.Service.Progress;
using Failover.Aws.Route53;
using Failover.Service.Ports.Route53;
using Failover.Service.Workflow;
using Failover.Functions;
using Failover.Functions.Handlers;
using Failover.Functions.Hosting;
using Failover.Functions.Hosting.Logging;
using Failover.Local;
using Failover.Local.Aws;
using Failover.Local.Moto;
using Failover.Local.Realism;
using Failover.Local.Resources;

namespace Failover.EndToEnd.Tests.Workflow;

/// <summary>
/// A local stack that runs the real provisioning definition (src/StateMachine) on moto, whose Task states reach the
/// real functions (src/Functions) through the edge. Route 53 changes stay PENDING for a second, as in Route 53 (only
/// shorter). Two things are added for the tests, at the boundary only: the functions' Route 53 transport records
/// what the zone holds after every change batch it submits, and a hook runs before each workflow function.
/// </summary>
public sealed class WorkflowStackFixture : IAsyncLifetime
{
    private Local.LocalStack? _stack;
    private WorkflowServices? _services;

    public Local.LocalStack Stack => _stack ?? throw new InvalidOperationException("the local stack is not started");
    public Uri EdgeUrl => Stack.EdgeUrl;
    public string ZoneId => Stack.Resources!.HostedZones["example.com"].Split('/').Last();
    public string StateMachineArn => Stack.Resources!.StateMachines[StateMachineLocator.DefaultName];
    public WorkflowServices Services => _services ?? throw new InvalidOperationException("the local stack is not started");
    public ZoneRecorder Zone { get; } = new();

    /// <summary>Called before a workflow function runs, with its name and request; a test sets it and clears it.</summary>
    public Func<string, StepRequest, Task>? BeforeStep { get; set; }

    /// <summary>The node items of each run, read before every step of it: how the run's nodes moved.</summary>
    public ConcurrentDictionary<string, List<IReadOnlyList<NodeProgress>>> NodeHistory { get; } = new();

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "testing");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "testing");
        Environment.SetEnvironmentVariable("AWS_REGION", LocalAccount.Region);
        var port = MotoServer.FreePort();
        var edge = new Uri($"http://127.0.0.1:{port}");
        var workflow = new WorkflowOptions
        {
            TableName = LocalResourceNames.ProgressTable, SyncPollInterval = TimeSpan.FromSeconds(1),
                SyncTimeout = TimeSpan.FromSeconds(60),
        };
        _services = new WorkflowServices(
            new Route53Client(new Route53ClientOptions { Endpoint = edge, RequestsPerSecond = 5, Burst = 50 },
                new HttpClient(Zone), LocalAccount.Credentials),
            new ProgressStore(DynamoDbClientFactory.Create(edge, LocalAccount.Region, LocalAccount.Credentials),
                workflow.TableName, TimeProvider.System),
            TimeProvider.System, workflow);
        var table = FunctionCatalog.Build(new FixedServices(_services), new HostingOptions { Log = new LogSink(Stream.Null) });

        _stack = await Local.LocalStack.StartAsync(new LocalStackOptions
        {
            EdgePort = port,
            StateMachineDirectory = LocalResources.FindStateMachineDirectory(AppContext.BaseDirectory),
            Realism = new RealismSettings { ChangePendingFor = TimeSpan.FromSeconds(1) },
            Workflow = workflow,
            ConfigureFunctions = functions =>
            {
                foreach (var name in WorkflowHandlers.Names) functions.Register(name,
                    (payload, token) => InvokeAsync(table, name, payload, token));
            },
        });
        Zone.Start(
            new Route53Client(new Route53ClientOptions { Endpoint = Stack.MotoUrl, RequestsPerSecond = 1000, Burst = 1000 },
            credentials: LocalAccount.Credentials), ZoneId);
    }

    private async Task<ReadOnlyMemory<byte>> InvokeAsync(HandlerTable table, string name, ReadOnlyMemory<byte> payload,
        CancellationToken cancellationToken)
    {
        var request = JsonSerializer.Deserialize(payload.Span, WorkflowJsonContext.Default.StepRequest);
        if (request is not null)
        {
            NodeHistory.GetOrAdd(request.RunId, _ => []).Add(await Services.Store.ListNodesAsync(request.RunId, cancellationToken));
            if (BeforeStep is { } hook) await hook(name, request);
        }
        var outcome = await table.InvokeAsync(name, payload, cancellationToken);
        return outcome.Error is { } error ? throw new FunctionFailedException(error.Type, error.Message) : outcome.Payload;
    }

    public async Task DisposeAsync()
    {
        if (_stack is not null) await _stack.DisposeAsync();
    }

    private sealed class FixedServices(WorkflowServices workflow) : IFunctionServices
    {
        public TimeProvider Time => TimeProvider.System;
        public WorkflowServices Workflow => workflow;
    }
}

[CollectionDefinition(Name)]
public sealed class WorkflowStackCollection : ICollectionFixture<WorkflowStackFixture>
{
    public const string Name = "workflow stack";
}
