using Failover.Service.Ports.Route53;
using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Route53;

namespace Failover.Service.Apply;

/// <summary>
/// Applies one layer of a plan to Route 53, dumbly: the plan decided everything. Each step is safe to repeat after a
/// crash — health checks are created by CallerReference (a repeat returns the same check), deletions of what is already
/// gone count as done — while record batches are re-planned against the zone by the caller before a retry.
/// </summary>
public sealed class PlanApplier(IRoute53 route53, int concurrency = Workflow.LayerUnits.DefaultConcurrency)
{
    /// <summary>Creates and tags a layer's health checks; returns node id → health check id.</summary>
    /// <param name="knownIds">The ids earlier health-check layers got: the children of this layer's CALCULATED checks.</param>
    public async Task<IReadOnlyDictionary<string, string>> CreateHealthChecksAsync(
        string tree, PlanLayer layer, Action<string>? onNodeDone = null, CancellationToken cancellationToken = default,
        IReadOnlyDictionary<string, string>? knownIds = null)
    {
        // A few at a time, as the workflow does (LayerUnits); the children of a CALCULATED check are in earlier layers.
        var ids = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var runner = new Workflow.HealthCheckLayerRunner(route53);
        await Workflow.LayerUnits.RunAsync(layer.HealthChecks, concurrency, Workflow.StepBudget.Unlimited(TimeProvider.System),
            async (planned, token) =>
            {
                ids[planned.NodeId] = await runner.CreateAsync(tree, planned, knownIds ?? ids, token).ConfigureAwait(false);
                onNodeDone?.Invoke(planned.NodeId);
            }, cancellationToken).ConfigureAwait(false);
        return ids;
    }

    /// <summary>
    /// Submits a layer's change batches in order, without waiting for INSYNC between them: an alias target only has to
    /// exist, and Route 53 applies a zone's changes in the order it accepted them.
    /// </summary>
    /// <param name="beforeEachBatch">Called before each batch (a lock renewed); throws to stop the layer there.</param>
    public async Task<IReadOnlyList<ChangeInfo>> SubmitRecordLayerAsync(
        string hostedZoneId, PlanLayer layer, IReadOnlyDictionary<string, string> healthCheckIds,
            CancellationToken cancellationToken = default, string? tree = null, Func<CancellationToken, Task>? beforeEachBatch = null,
            Func<ChangeBatch, CancellationToken, Task>? beforeSubmit = null)
    {
        var changes = new List<ChangeInfo>();
        var submitter = new ChangeBatchSubmitter(route53);
        var batches = tree is null ? layer.ChangeBatches
            : await CidrCollectionRunner.ResolveAsync(route53, tree, layer.ChangeBatches, cancellationToken).ConfigureAwait(false);
        foreach (var batch in batches)
        {
            if (beforeEachBatch is not null) await beforeEachBatch(cancellationToken).ConfigureAwait(false);
            var resolved = ResolvePlaceholders(batch, healthCheckIds);
            // The batch exactly as it is sent (check ids and CIDR collections resolved), for claims a crash must not lose.
            if (beforeSubmit is not null) await beforeSubmit(resolved, cancellationToken).ConfigureAwait(false);
            // A batch that landed although its answer was lost has no change id to wait on; later ones still do.
            if (await submitter.SubmitAsync(resolved.ZoneOr(hostedZoneId), resolved, cancellationToken)
                .ConfigureAwait(false) is { } change) changes.Add(change);
        }
        return changes;
    }

    /// <summary>
    /// Deletes health checks nothing uses any more, each one's alarm first as the workflow does (and only the alarm of a
    /// check that is gone); one already gone counts as deleted.
    /// </summary>
    /// <param name="alarms">The deployment's alarms (null: it keeps none, and the plan names none).</param>
    public async Task DeleteHealthChecksAsync(PlanLayer layer, Alarms.HealthCheckAlarmSource? alarms = null,
        CancellationToken cancellationToken = default)
    {
        var runner = new Workflow.HealthCheckLayerRunner(route53, alarms);
        await Workflow.LayerUnits.RunAsync(layer.HealthCheckDeletions, concurrency, Workflow.StepBudget.Unlimited(TimeProvider.System),
            runner.DeleteAsync, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Swaps <c>{{healthcheck:node}}</c> for the id Route 53 gave that node's check.</summary>
    public static ChangeBatch ResolvePlaceholders(ChangeBatch batch, IReadOnlyDictionary<string, string> healthCheckIds) =>
        batch with
        {
            Changes = batch.Changes.Select(change =>
                HealthCheckPlaceholder.TryGetNodeId(change.RecordSet.HealthCheckId, out var nodeId)
                    ? change with
                    {
                        RecordSet = change.RecordSet with
                        {
                            HealthCheckId = healthCheckIds.TryGetValue(nodeId, out var id)
                                ? id
                                : throw new InvalidOperationException($"no health check was created for node '{nodeId}' before its record"),
                        },
                    }
                    : change).ToList(),
        };
}
