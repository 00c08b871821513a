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
public sealed class PlanApplier(IRoute53 route53)
{
    /// <summary>Creates and tags a layer's health checks; returns node id → health check id.</summary>
    /// <param name="knownIds">The ids earlier health-check layers got: the children of this layer's CALCULATED checks.</param>
    public async Task<IReadOnlyDictionary<string, string>> CreateHealthChecksAsync(
        string tree, PlanLayer layer, Action<string>? onNodeDone = null, CancellationToken cancellationToken = default,
        IReadOnlyDictionary<string, string>? knownIds = null)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var planned in layer.HealthChecks)
        {
            var config = Workflow.HealthCheckLayerRunner.ResolveChildren(planned, knownIds ?? ids);
            var check = await route53.CreateHealthCheckAsync(planned.CallerReference, config, cancellationToken)
                .ConfigureAwait(false);
            await route53.ChangeTagsForResourceAsync(check.Id, HealthCheckTags.For(tree, planned.NodeId),
                cancellationToken: cancellationToken).ConfigureAwait(false);
            ids[planned.NodeId] = check.Id;
            onNodeDone?.Invoke(planned.NodeId);
        }
        return ids;
    }

    /// <summary>
    /// Submits a layer's change batches in order, without waiting for INSYNC between them: an alias target only has to
    /// exist, and Route 53 applies a zone's changes in the order it accepted them.
    /// </summary>
    public async Task<IReadOnlyList<ChangeInfo>> SubmitRecordLayerAsync(
        string hostedZoneId, PlanLayer layer, IReadOnlyDictionary<string, string> healthCheckIds,
            CancellationToken cancellationToken = default, string? tree = null)
    {
        var changes = new List<ChangeInfo>();
        var submitter = new ChangeBatchSubmitter(route53);
        var batches = tree is null ? layer.ChangeBatches
            : await CidrCollectionRunner.ResolveAsync(route53, tree, layer.ChangeBatches, cancellationToken).ConfigureAwait(false);
        foreach (var batch in batches)
        {
            var resolved = ResolvePlaceholders(batch, healthCheckIds);
            // A batch that landed although its answer was lost has no change id to wait on; later ones still do.
            if (await submitter.SubmitAsync(hostedZoneId, resolved, cancellationToken)
                .ConfigureAwait(false) is { } change) changes.Add(change);
        }
        return changes;
    }

    /// <summary>Deletes health checks nothing uses any more; one already gone counts as deleted.</summary>
    public async Task DeleteHealthChecksAsync(PlanLayer layer, CancellationToken cancellationToken = default)
    {
        foreach (var deletion in layer.HealthCheckDeletions)
        {
            try
            {
                await route53.DeleteHealthCheckAsync(deletion.HealthCheckId, cancellationToken).ConfigureAwait(false);
            }
            catch (NoSuchHealthCheckException)
            {
            }
        }
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
