using System.Collections.Concurrent;
using Failover.Aws.Route53;
using Failover.Local.Aws;
using Failover.Local.Realism;
using Failover.Local.Resources;
using Failover.Service.Progress;
using Failover.Service.Workflow;
using Failover.Testing.Stack;

namespace Failover.EndToEnd.Tests.Workflow;

/// <summary>
/// A local stack that runs the real provisioning definition (src/StateMachine) on moto, whose Task states reach the
/// real functions (src/Functions) through the edge. Route 53 changes stay PENDING for a second, as in Route 53 (only
/// shorter). Two things are added for the tests, at the boundary only: the functions' Route 53 transport records
/// what the zone holds after every change batch it submits, and a hook runs before each workflow function.
/// </summary>
public class WorkflowStackFixture : IAsyncLifetime
{
    private TestStack? _stack;

    public Local.LocalStack Stack => Started.Local;
    public Uri EdgeUrl => Stack.EdgeUrl;
    public string ZoneId => Started.ZoneId;
    public string StateMachineArn => Started.StateMachineArn;
    public WorkflowServices Services => Started.Workflow!;
    public ZoneRecorder Zone { get; } = new();

    /// <summary>Called before a workflow function runs, with its name and request; a test sets it and clears it.</summary>
    public Func<string, StepRequest, Task>? BeforeStep { get; set; }

    /// <summary>The node items of each run, read before every step of it: how the run's nodes moved.</summary>
    public ConcurrentDictionary<string, List<IReadOnlyList<NodeProgress>>> NodeHistory { get; } = new();

    /// <summary>The functions' options: the deployment's, with a short INSYNC poll for tests.</summary>
    protected virtual WorkflowOptions Options => new()
    {
        TableName = LocalResourceNames.ProgressTable,
        SyncPollInterval = TimeSpan.FromSeconds(1),
        SyncTimeout = TimeSpan.FromSeconds(60),
    };

    private TestStack Started => _stack ?? throw new InvalidOperationException("the local stack is not started");

    public async Task InitializeAsync()
    {
        _stack = await new TestStackBuilder()
            .WithRealism(new RealismSettings { ChangePendingFor = TimeSpan.FromSeconds(1) })
            .WithWorkflowOptions(Options)
            .WithInProcessWorkflow(new InProcessWorkflow
            {
                RequestsPerSecond = 5, Burst = 50, Route53Handler = Zone, Intercept = InvokeAsync,
            })
            .StartAsync();
        Zone.Start(new Route53Client(new Route53ClientOptions { Endpoint = Stack.MotoUrl, RequestsPerSecond = 1000, Burst = 1000,
            OperationLimits = Route53OperationLimits.None },
            credentials: LocalAccount.Credentials), ZoneId);
    }

    private async Task<ReadOnlyMemory<byte>> InvokeAsync(WorkflowStep step, CancellationToken cancellationToken)
    {
        if (step.Request is { } request)
        {
            NodeHistory.GetOrAdd(request.RunId, _ => []).Add(await Services.Store.ListNodesAsync(request.RunId, cancellationToken));
            if (BeforeStep is { } hook) await hook(step.Function, request);
        }
        return await step.InvokeAsync(cancellationToken);
    }

    public async Task DisposeAsync()
    {
        if (_stack is not null) await _stack.DisposeAsync();
    }
}

// Four collections, each with a stack of its own (xUnit makes a collection fixture per collection): the workflow tests
// mostly wait (Route 53's rate at 5 requests a second, INSYNC waits, state machine polls), so stacks side by side
// take a fraction of the time one takes. Each holds about the same share of the work.

/// <summary>Runs of the state machine: run mechanics (abort, resume, rollback).</summary>
[CollectionDefinition(Name)]
public sealed class WorkflowStackCollection : ICollectionFixture<WorkflowStackFixture>
{
    public const string Name = "workflow stack";
}

/// <summary>Every example applied and torn down.</summary>
[CollectionDefinition(Name)]
public sealed class ExamplesStackCollection : ICollectionFixture<WorkflowStackFixture>
{
    public const string Name = "workflow stack: examples";
}

/// <summary>Taking over and letting go: no-op re-applies, adoption, release.</summary>
[CollectionDefinition(Name)]
public sealed class AdoptionStackCollection : ICollectionFixture<WorkflowStackFixture>
{
    public const string Name = "workflow stack: adoption";
}

/// <summary>Each routing feature's lifecycle, and attachments.</summary>
[CollectionDefinition(Name)]
public sealed class RoutingStackCollection : ICollectionFixture<WorkflowStackFixture>
{
    public const string Name = "workflow stack: routing";
}
