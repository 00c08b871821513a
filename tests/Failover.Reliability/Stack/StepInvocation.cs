using Failover.Service.Workflow;

namespace Failover.Reliability.Stack;

/// <summary>
/// One invocation of a workflow function, as the suite sees it: which function, for which run of which tree, at which
/// layer. It flows (AsyncLocal) into the function's Route 53 calls, where <see cref="CrashInjector"/> counts them.
/// </summary>
public sealed class StepInvocation(string function, StepRequest request, string tree)
{
    private int _mutations;

    public string Function { get; } = function;
    public StepRequest Request { get; } = request;
    public string Tree { get; } = tree;
    public string RunId => Request.RunId;
    public string? Layer => Request.Cursor?.LayerName;

    /// <summary>Completed when the invocation is killed: the function's process is gone, whatever it was doing.</summary>
    public TaskCompletionSource Killed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Route 53 calls that change something (records, health checks, tags) made so far in this invocation.</summary>
    public int NextMutation() => Interlocked.Increment(ref _mutations);

    public override string ToString() => $"{Function} of tree '{Tree}' (run {RunId}{(Layer is null ? "" : $", layer {Layer}")})";
}
