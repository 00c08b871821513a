using Failover.Service.Apply;
using Failover.Core.Spec;

namespace Failover.Bench.Convergence;

/// <summary>
/// The same planner and applier in this process (<c>failover apply --direct</c>): no Step Functions, no per-node
/// progress items. Shows what the workflow's orchestration adds on top of the Route 53 work.
/// </summary>
internal sealed class DirectApply : IApplyStrategy
{
    public string Name => "direct";

    public async Task ApplyAsync(BenchStack stack, TreeSpec spec, CancellationToken cancellationToken) =>
        await new DirectApplier(stack.Route53, stack.Store, TimeProvider.System) { SyncPollInterval = stack.Workflow.SyncPollInterval }
            .ApplyAsync(spec, force: false, cancellationToken: cancellationToken);
}
