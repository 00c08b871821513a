using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using Failover.Core.Planning;
using Failover.Service.Apply;

namespace Failover.Service.Workflow.Steps;

/// <summary>
/// Runs a health-check layer of the plan: creates the checks (before any record refers to them), puts their alarms
/// (the layer after), or, in the cleanup layer after the records that used them are gone, deletes the checks nothing
/// refers to, each one's alarm first. Each check's id is written on its node, with the node's status, as soon as it
/// exists, so a later invocation skips what is done and the record layers can resolve it. One invocation works within
/// its <see cref="StepBudget"/>: a layer of more checks than that answers a cursor to the same layer, and the next
/// invocation goes on from the node items.
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

        var budget = new StepBudget(services.Time, services.Options.StepBudget);
        var tracker = new NodeTracker(services.Store, context);
        var nodes = await tracker.ListAsync(cancellationToken).ConfigureAwait(false);
        await tracker.StartLayerAsync(layerIndex, nodes, cancellationToken).ConfigureAwait(false);
        var runner = new HealthCheckLayerRunner(services.Route53, services.Alarms);

        if (layer.Kind is PlanLayerKind.CidrCollections or PlanLayerKind.CidrCollectionCleanup)
        {
            // The CIDR collection layers run in this function too: they are prerequisites and clean-up of the records, as
            // health checks are. Each collection converges on its target, so a retried layer redoes nothing that is done.
            var collections = new CidrCollectionRunner(services.Route53);
            foreach (var planned in layer.CidrCollections)
            {
                await RunContext.RenewLockAsync(services, context.Run, cancellationToken).ConfigureAwait(false);
                await collections.ConvergeAsync(planned, cancellationToken).ConfigureAwait(false);
                await tracker.CompleteAsync(layerIndex, [PlanNodes.IdOf(planned)], null, cancellationToken).ConfigureAwait(false);
            }
        }
        else if (layer.Kind == PlanLayerKind.HealthChecks)
        {
            var known = NodeTracker.HealthCheckIds(nodes);
            // A node given its id by an older version of this step, which wrote the status separately, may lack the status.
            var unmarked = nodes.Where(n => n.HealthCheckId is not null && !tracker.IsThrough(n, layerIndex)).Select(n => n.NodeId)
                .Intersect(layer.HealthChecks.Select(c => c.NodeId), StringComparer.Ordinal).ToList();
            if (unmarked.Count > 0) await tracker.CompleteAsync(layerIndex, unmarked, null, cancellationToken).ConfigureAwait(false);
            var todo = layer.HealthChecks.Where(planned => !known.ContainsKey(planned.NodeId)).ToList();
            var ran = await LayerUnits.RunAsync(todo, services.Options.HealthCheckConcurrency, budget, async (planned, token) =>
            {
                // The lease is checked before every write: a stalled invocation whose lock was taken over stops here.
                await RunContext.RenewLockAsync(services, context.Run, token).ConfigureAwait(false);
                var id = await runner.CreateAsync(context.Tree, planned, known, token).ConfigureAwait(false);
                // The id and the node's status in one write: a node with an id is a node this layer is done with.
                await tracker.RecordHealthCheckAsync(layerIndex, planned.NodeId, id, token).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            if (ran < todo.Count) return LayerSteps.Again(context.Plan, layerIndex, todo.Count - ran);
        }
        else if (layer.Kind == PlanLayerKind.HealthCheckAlarms)
        {
            // Bounded like the other layers: CloudWatch's PutMetricAlarm has a request quota of its own (a few per second,
            // CloudWatch's service quotas), so a big tree's alarms outlast one invocation. PutMetricAlarm is idempotent by
            // name, and nothing on the node says its alarm is in: an invocation reads the deployment's alarms once and puts
            // only those still missing or different, so one entered again goes on where the last one stopped.
            var known = NodeTracker.HealthCheckIds(nodes);
            var todo = layer.HealthCheckAlarms.ToList();
            if (todo.Count > 1 && services.Alarms is { } source)
            {
                var state = await source.ReadAsync(cancellationToken).ConfigureAwait(false);
                todo = todo.Where(a => (a.HealthCheckId ?? known.GetValueOrDefault(a.NodeId)) is not { } id || state.NeedsPut(id)).ToList();
            }
            foreach (var planned in todo)
            {
                if (budget.Spent) return LayerSteps.Again(context.Plan, layerIndex, todo.Count - budget.Done);
                await RunContext.RenewLockAsync(services, context.Run, cancellationToken).ConfigureAwait(false);
                await runner.PutAlarmAsync(context.Tree, planned, known, cancellationToken).ConfigureAwait(false);
                budget.Count();
            }
            await tracker.CompleteAsync(layerIndex, [.. layer.HealthCheckAlarms.Select(a => a.NodeId)], null, cancellationToken)
                .ConfigureAwait(false);
        }
        else
        {
            // A deletion is recorded on its node after Route 53 answered, so a node that finished is a check gone.
            var finished = NodeTracker.Finished(nodes);
            var todo = layer.HealthCheckDeletions.Where(d => !finished.Contains(PlanNodes.IdOf(d))).ToList();
            var ran = await LayerUnits.RunAsync(todo, services.Options.HealthCheckConcurrency, budget, async (deletion, token) =>
            {
                await RunContext.RenewLockAsync(services, context.Run, token).ConfigureAwait(false);
                await runner.DeleteAsync(deletion, token).ConfigureAwait(false);
                await tracker.CompleteAsync(layerIndex, [PlanNodes.IdOf(deletion)], null, token).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            if (ran < todo.Count) return LayerSteps.Again(context.Plan, layerIndex, todo.Count - ran);
        }
        return LayerSteps.After(context.Plan, layerIndex);
    }
}
