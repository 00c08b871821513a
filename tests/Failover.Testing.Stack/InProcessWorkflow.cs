using Failover.Service.Workflow;

namespace Failover.Testing.Stack;

/// <summary>
/// The provisioning workflow's functions run by the test itself rather than by the stack: the test holds their services
/// (<see cref="TestStack.Workflow"/>), their Route 53 transport and a hook around each invocation — additions at the
/// boundary only, the functions themselves are the deployed ones.
/// </summary>
public sealed record InProcessWorkflow
{
    /// <summary>The functions' Route 53 client's request rate; the realism layer's bucket decides what is throttled.</summary>
    public double RequestsPerSecond { get; init; } = 5;

    public int Burst { get; init; } = 50;

    /// <summary>Wraps the functions' Route 53 HTTP (to record what they send, or kill them mid-call); null: plain HTTP.</summary>
    public HttpMessageHandler? Route53Handler { get; init; }

    /// <summary>Runs in place of each workflow function and calls <see cref="WorkflowStep.InvokeAsync"/> to run it; null: run it.</summary>
    public Func<WorkflowStep, CancellationToken, Task<ReadOnlyMemory<byte>>>? Intercept { get; init; }
}

/// <summary>One invocation of a workflow function: its name, its request (null when the payload is not one) and the function.</summary>
public sealed record WorkflowStep(
    string Function, StepRequest? Request, ReadOnlyMemory<byte> Payload, Func<CancellationToken, Task<ReadOnlyMemory<byte>>> InvokeAsync);
