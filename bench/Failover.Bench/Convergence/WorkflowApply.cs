using Failover.Store;
using Failover.Service.Progress;
using Failover.Service.Workflow;
using Failover.Core.Spec;
using Failover.Testing;

namespace Failover.Bench.Convergence;

/// <summary>
/// The service's apply: a run of the real provisioning state machine (moto's Step Functions interpreter, our functions
/// behind the edge), started as the CLI and the HTTP API start it and followed in the progress table to its end.
/// </summary>
internal sealed class WorkflowApply : IApplyStrategy
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(40);

    public string Name => "workflow";

    /// <summary>The execution of the last apply: its history tells where the time went.</summary>
    public string? LastExecutionArn { get; private set; }

    public async Task ApplyAsync(BenchStack stack, TreeSpec spec, CancellationToken cancellationToken)
    {
        var starter = new RunStarter(stack.Store, stack.States, stack.StateMachineArn, TimeProvider.System, stack.Workflow.LockTtl);
        var run = await starter.ApplyAsync(spec, force: false, cancellationToken: cancellationToken);
        LastExecutionArn = run.ExecutionArn;
        var ended = await Eventually.ReachAsync($"run {run.RunId} of '{spec.Name}' to end", async token =>
        {
            var record = await stack.Store.GetRunAsync(run.RunId, token)
                ?? throw new InvalidOperationException($"run {run.RunId} is not in the progress table");
            // Finalize marks the run before it releases the tree's lock: the apply is over when the execution is.
            var over = record.Status != RunStatus.Succeeded
                || !(await stack.States.DescribeExecutionAsync(run.ExecutionArn, token)).IsRunning;
            return (Record: record, Over: over);
        }, read => read.Record.Status != RunStatus.Running && read.Over, Limit, Poll, cancellationToken);
        if (ended.Record.Status != RunStatus.Succeeded)
            throw new InvalidOperationException($"run {run.RunId} of '{spec.Name}' ended {ended.Record.Status}: {ended.Record.Error}");
    }
}
