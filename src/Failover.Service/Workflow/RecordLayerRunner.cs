using Failover.Service.Apply;
using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using Failover.Service.Ports.Route53;
using Failover.Core.Planning;
using Failover.Core.Route53;

namespace Failover.Service.Workflow;

/// <summary>What happened to one planned batch: the change Route 53 accepted, or null when the zone already held it.</summary>
public sealed record BatchOutcome(ChangeBatch Planned, ChangeInfo? Change);

/// <summary>
/// Applies one record layer so that running it again converges: the zone is read again at the layer's names, each
/// planned batch is cut down to what still differs (<see cref="RemainingChanges"/>), and only that is submitted. The
/// tree's ownership is claimed (pending, <see cref="PendingOwnership"/>) before a record is written, owned once Route 53
/// took it and forgotten once it is gone, so a crash at any point leaves every record the tree made known as its own,
/// and nothing it does not own ever touched. A batch whose answer
/// was lost is never blindly resent: <see cref="ChangeBatchSubmitter"/> reads the zone to learn whether it landed.
/// </summary>
public sealed class RecordLayerRunner(IRoute53 route53, IProgressStore store)
{
    /// <summary>
    /// Called before each batch goes out: the run's lease check. A step checks its lock when it starts, but an
    /// invocation can stall (a paused function, a long retry) until its lock expires and another run takes the tree
    /// over; the stale invocation must then stop before its next write, not after it.
    /// </summary>
    public Func<CancellationToken, Task>? BeforeEachBatch { get; init; }

    /// <summary>
    /// The invocation's allowance (<see cref="StepBudget"/>): once spent, no further batch goes out and
    /// <see cref="ApplyAsync"/> answers fewer outcomes than the layer has batches; running the layer again goes on
    /// from the zone. Null: the whole layer.
    /// </summary>
    public StepBudget? Budget { get; init; }

    /// <returns>One outcome per planned batch, in order; fewer when <see cref="Budget"/> ran out first.</returns>
    public async Task<IReadOnlyList<BatchOutcome>> ApplyAsync(
        string tree, string hostedZoneId, PlanLayer layer, IReadOnlyDictionary<string, string> healthCheckIds,
        Func<BatchOutcome, Task>? onBatch = null, CancellationToken cancellationToken = default)
    {
        var planned = await ResolveCollectionsAsync(tree, layer.Name,
            layer.ChangeBatches.Select(batch => Resolve(batch, healthCheckIds, layer.Name)).ToList(), cancellationToken)
            .ConfigureAwait(false);
        // An earlier attempt of this layer may have died between a claim and Route 53's answer.
        await PendingOwnership.SettleAsync(route53, store, tree, hostedZoneId, cancellationToken).ConfigureAwait(false);
        // Each zone the layer writes is read at its own names, its records keyed with their zone (the plan's keys name the
        // zone of every record outside the tree's own, so one name in two zones stays two keys).
        var zone = new Dictionary<RecordKey, ResourceRecordSet>();
        foreach (var inZone in planned.GroupBy(b => b.ZoneOr(hostedZoneId), StringComparer.Ordinal))
        {
            var names = inZone.SelectMany(b => b.Changes).Select(c => c.RecordSet.Name).Distinct(StringComparer.Ordinal).ToList();
            foreach (var record in OwnedKeys.InZone(await route53.ListResourceRecordSetsAtNamesAsync(inZone.Key, names,
                cancellationToken: cancellationToken).ConfigureAwait(false), inZone.Key, hostedZoneId))
                zone[record.Key] = record;
        }
        var owned = OwnedKeys.Relative(await store.GetOwnedRecordsAsync(tree, cancellationToken).ConfigureAwait(false), hostedZoneId);

        var remainders = planned.Select(batch => (Planned: batch, Remainder: RemainingChanges.Of(batch, zone, owned))).ToList();
        var conflicts = remainders.SelectMany(r => r.Remainder.Conflicts).ToList();
        if (conflicts.Count > 0)
            throw new WorkflowStepException(WorkflowErrors.RecordConflict,
                $"layer {layer.Name}: the zone holds records tree '{tree}' does not own where it would write: "
                + string.Join("; ", conflicts.Select(c => c.ToString())));

        var outcomes = new List<BatchOutcome>();
        var submitter = new ChangeBatchSubmitter(route53);
        foreach (var (batch, remainder) in remainders)
        {
            ChangeInfo? change = null;
            if (remainder.Batch is { } remaining)
            {
                if (Budget?.Spent == true) break;
                if (BeforeEachBatch is not null) await BeforeEachBatch(cancellationToken).ConfigureAwait(false);
                // Claims first, pending: a crash after Route 53 accepted the batch must still leave its records known
                // (settled against the zone by whoever acts next). Only keys the tree did not own yet are new claims;
                // they are owned once Route 53 accepted the batch and dropped if it refused it: a record someone else
                // wrote there in the meantime must never become the tree's.
                var claims = remaining.Changes.Where(c => c.Action != ChangeAction.Delete && !owned.Contains(c.RecordSet.Key))
                    .Select(c => c.RecordSet).ToList();
                var claimed = claims.Select(r => r.Key).Distinct().ToList();
                if (claims.Count > 0)
                    await PendingOwnership.ClaimAsync(store, tree, batch.ZoneOr(hostedZoneId), claims, cancellationToken)
                        .ConfigureAwait(false);
                try
                {
                    change = await submitter.SubmitAsync(batch.ZoneOr(hostedZoneId), remaining, cancellationToken).ConfigureAwait(false);
                }
                catch (Route53Exception refused) when (!refused.IsRetryable && claims.Count > 0)
                {
                    await store.RemoveOwnedRecordsAsync(tree, OwnedKeys.Absolute(claimed, hostedZoneId), CancellationToken.None)
                        .ConfigureAwait(false);
                    throw;
                }
                if (claims.Count > 0)
                    await store.AddOwnedRecordsAsync(tree, batch.ZoneOr(hostedZoneId), claimed, cancellationToken).ConfigureAwait(false);
                Budget?.Count();
            }
            var outcome = new BatchOutcome(batch, change);
            outcomes.Add(outcome);
            if (onBatch is not null) await onBatch(outcome).ConfigureAwait(false);
        }

        // Forget what is gone, including deletions a crashed earlier attempt made but could not record: a stale claim
        // on a key would let the tree overwrite whoever writes there next.
        var gone = planned.SelectMany(b => b.Changes).Where(c => c.Action == ChangeAction.Delete)
            .Select(c => c.RecordSet.Key).Where(key => !zone.ContainsKey(key) && owned.Contains(key)).Distinct().ToList();
        if (gone.Count > 0)
            await store.RemoveOwnedRecordsAsync(tree, OwnedKeys.Absolute(gone, hostedZoneId), cancellationToken).ConfigureAwait(false);
        return outcomes;
    }

    private async Task<IReadOnlyList<ChangeBatch>> ResolveCollectionsAsync(string tree, string layer, IReadOnlyList<ChangeBatch> batches,
        CancellationToken cancellationToken)
    {
        try
        {
            return await CidrCollectionRunner.ResolveAsync(route53, tree, batches, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            throw new WorkflowStepException(WorkflowErrors.InvalidRun, $"layer {layer}: {e.Message}", e);
        }
    }

    private static ChangeBatch Resolve(ChangeBatch batch, IReadOnlyDictionary<string, string> healthCheckIds, string layer)
    {
        try
        {
            return PlanApplier.ResolvePlaceholders(batch, healthCheckIds);
        }
        catch (InvalidOperationException e)
        {
            throw new WorkflowStepException(WorkflowErrors.InvalidRun, $"layer {layer}: {e.Message}", e);
        }
    }
}
