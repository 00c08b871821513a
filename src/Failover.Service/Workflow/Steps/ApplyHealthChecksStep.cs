using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using Failover.Core.Planning;

namespace Failover.Service.Workflow.Steps;

/// <summary>
/// Runs a health-check layer of the plan: creates the checks (before any record refers to them), or, in the cleanup
/// layer after the records that used them are gone, deletes the checks nothing refers to. Each check's id is written
/// on its node as soon as it exists, so a retried layer skips what is done and the record layers can resolve it.
/// </summary>
public sealed class ApplyHealthChecksStep(WorkflowServices services)
{
    public async Task<WorkflowCursor> RunAsync(string runId, int layerIndex, CancellationToken cancellationToken = default)
    {
        var context = await RunContext.LoadAsync(services, runId, cancellationToken).ConfigureAwait(false);
        var layer = context.Layer(layerIndex);
        if (layer.Kind == PlanLayerKind.Records)
            throw new WorkflowStepException(
                WorkflowErrors.InvalidRun, $"layer {layerIndex} ({layer.Name}) holds records, not health checks");

        var tracker = new NodeTracker(services.Store, context);
        var nodes = await tracker.ListAsync(cancellationToken).ConfigureAwait(false);
        await tracker.StartLayerAsync(layerIndex, nodes, cancellationToken).ConfigureAwait(false);
        var runner = new HealthCheckLayerRunner(services.Route53);

        if (layer.Kind == PlanLayerKind.HealthChecks)
        {
            var known = NodeTracker.HealthCheckIds(nodes);
            foreach (var planned in layer.HealthChecks)
            {
                if (!known.ContainsKey(planned.NodeId))
                {
                    // The lease is checked before every write: a stalled invocation whose lock was taken over stops here.
                    await RunContext.RenewLockAsync(services, context.Run, cancellationToken).ConfigureAwait(false);
                    var id = await runner.CreateAsync(context.Tree, planned, known, cancellationToken).ConfigureAwait(false);
                    await services.Store.UpdateNodeAsync(runId, planned.NodeId, new NodeUpdate { HealthCheckId = id },
                        cancellationToken).ConfigureAwait(false);
                }
                await tracker.CompleteAsync(layerIndex, [planned.NodeId], null, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            foreach (var deletion in layer.HealthCheckDeletions)
            {
                await RunContext.RenewLockAsync(services, context.Run, cancellationToken).ConfigureAwait(false);
                await runner.DeleteAsync(deletion, cancellationToken).ConfigureAwait(false);
                await tracker.CompleteAsync(layerIndex, [PlanNodes.IdOf(deletion)], null, cancellationToken).ConfigureAwait(false);
            }
        }
        return LayerSteps.After(context.Plan, layerIndex);
    }
}
