using Failover.Core.Planning;

namespace Failover.Service.Workflow.Steps;

/// <summary>
/// Runs one record layer of the plan — the leaf records, one alias level, or one level of deletions — without waiting
/// for INSYNC: an alias target only has to exist, and Route 53 applies a zone's changes in the order it accepted them.
/// Its nodes go IN_PROGRESS, then DONE (or DELETED) with the id of the change that carried them. A layer of more batches
/// than one invocation's <see cref="StepBudget"/> allows is entered again for the rest.
/// </summary>
public sealed class ApplyRecordLayerStep(WorkflowServices services)
{
    public async Task<WorkflowCursor> RunAsync(string runId, int layerIndex, CancellationToken cancellationToken = default)
    {
        var context = await RunContext.LoadAsync(services, runId, cancellationToken).ConfigureAwait(false);
        var layer = context.Layer(layerIndex);
        if (layer.Kind != PlanLayerKind.Records)
            throw new WorkflowStepException(
                WorkflowErrors.InvalidRun, $"layer {layerIndex} ({layer.Name}) holds health checks, not records");

        var tracker = new NodeTracker(services.Store, context);
        var nodes = await tracker.ListAsync(cancellationToken).ConfigureAwait(false);
        await tracker.StartLayerAsync(layerIndex, nodes, cancellationToken).ConfigureAwait(false);

        var runner = new RecordLayerRunner(services.Route53, services.Store)
        {
            BeforeEachBatch = token => RunContext.RenewLockAsync(services, context.Run, token),
            Budget = new StepBudget(services.Time, services.Options.StepBudget),
        };
        var outcomes = await runner.ApplyAsync(
            context.Tree, context.Plan.HostedZoneId, layer, NodeTracker.HealthCheckIds(nodes),
            outcome =>
                tracker.CompleteAsync(layerIndex, outcome.Planned.Changes.Select(PlanNodes.IdOf), outcome.Change?.Id, cancellationToken),
            cancellationToken).ConfigureAwait(false);
        // Out of budget part-way: the next invocation reads the zone again and sends only what still differs.
        if (outcomes.Count < layer.ChangeBatches.Count)
            return LayerSteps.Again(context.Plan, layerIndex, layer.ChangeBatches.Count - outcomes.Count);
        return LayerSteps.After(context.Plan, layerIndex);
    }
}
