using Failover.Service.Metrics;
using Failover.Core.Contracts.Events;
using Failover.Service.Events;
using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using Failover.Core.Planning;

namespace Failover.Service.Workflow.Steps;

/// <summary>
/// The last state of a successful run: verifies the zone against the plan, marks the run SUCCEEDED (which makes its
/// version the tree's current one, or the tree DELETED after a teardown), gives up record-name claims the tree no
/// longer uses, releases the lock, and announces the run's end (its metrics and events). A repeat after success answers
/// the same outcome, and finishes what the first attempt left undone.
/// </summary>
public sealed class FinalizeStep(WorkflowServices services)
{
    /// <param name="correlationId">The run's correlation id, for its events.</param>
    public async Task<RunOutcome> RunAsync(string runId, CancellationToken cancellationToken = default, string? correlationId = null)
    {
        var store = services.Store;
        var existing = await store.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
        if (existing is { Status: RunStatus.Succeeded })
        {
            // Entered again after the run was marked (the definition's Retry, a store error among the releases below): while
            // the run still holds the lock no other run has claimed since, so the releases are made again (each conditional
            // on the owner: one made already changes nothing), then the lock goes.
            if (await store.RenewLockAsync(existing.Tree, runId, services.Options.LockTtl, cancellationToken).ConfigureAwait(false))
            {
                await ReleaseAgainAsync(existing, cancellationToken).ConfigureAwait(false);
                await store.ReleaseLockAsync(existing.Tree, runId, cancellationToken).ConfigureAwait(false);
            }
            // The first attempt failed before its end was announced: announced now (at least once; never zero).
            if (!existing.Announced
                && await store.GetVersionAsync(existing.Tree, existing.Version, cancellationToken).ConfigureAwait(false) is { } stored)
                await AnnounceAsync(existing, stored.Info.Descriptor, correlationId, cancellationToken).ConfigureAwait(false);
            return new RunOutcome { RunId = runId, Status = "SUCCEEDED" };
        }

        var context = await RunContext.LoadAsync(services, runId, cancellationToken).ConfigureAwait(false);
        var run = context.Run;
        await VerifyAsync(context, cancellationToken).ConfigureAwait(false);

        var before = await store.GetTreeAsync(run.Tree, cancellationToken).ConfigureAwait(false);
        var version = await store.GetVersionAsync(run.Tree, run.Version, cancellationToken).ConfigureAwait(false)
            ?? throw new WorkflowStepException(WorkflowErrors.InvalidRun, $"tree '{run.Tree}' has no version {run.Version}");
        await store.SetRunStatusAsync(runId, RunStatus.Succeeded, cancellationToken: cancellationToken).ConfigureAwait(false);

        var applied = version.Info.Descriptor;
        await ReleaseClaimsAsync(run, version, before?.CurrentVersion, before?.Descriptor, cancellationToken).ConfigureAwait(false);
        await store.ReleaseLockAsync(run.Tree, runId, cancellationToken).ConfigureAwait(false);
        await AnnounceAsync(run, applied, correlationId, cancellationToken).ConfigureAwait(false);
        return new RunOutcome { RunId = runId, Status = "SUCCEEDED" };
    }

    /// <summary>
    /// The run's end told: its metrics line, <c>Run Succeeded</c> (and <c>Drift Repaired</c> for a repair), then the run
    /// marked announced, so a repeat after success publishes nothing again (a failure between the events and the mark does).
    /// </summary>
    private async Task AnnounceAsync(RunRecord run, TreeDescriptor applied, string? correlationId, CancellationToken cancellationToken)
    {
        services.Metrics.RunEnded(run, RunMetrics.Outcomes.Succeeded);
        var note = new RunEventNote { CorrelationId = correlationId };
        await services.Events.RunAsync(FailoverEventTypes.RunSucceeded, run, applied, RunStatus.Succeeded, note, cancellationToken)
            .ConfigureAwait(false);
        if (run.Kind == RunKind.Repair)
            await services.Events.RunAsync(FailoverEventTypes.DriftRepaired, run, applied, RunStatus.Succeeded, note, cancellationToken)
                .ConfigureAwait(false);
        await services.Store.MarkRunAnnouncedAsync(run.RunId, cancellationToken).ConfigureAwait(false);
    }

    private async Task VerifyAsync(RunContext context, CancellationToken cancellationToken)
    {
        var plan = context.Plan;
        var names = plan.Layers.SelectMany(l => l.ChangeBatches).SelectMany(b => b.Changes).Select(c => c.RecordSet.Name)
            .Distinct(StringComparer.Ordinal).ToList();
        if (names.Count == 0) return;
        var nodes = await services.Store.ListNodesAsync(context.Run.RunId, cancellationToken).ConfigureAwait(false);
        var zone = new List<Failover.Core.Route53.ResourceRecordSet>();
        // Each zone the plan wrote, at its own names.
        var batches = plan.Layers.SelectMany(l => l.ChangeBatches);
        foreach (var inZone in batches.GroupBy(b => b.ZoneOr(plan.HostedZoneId), StringComparer.Ordinal))
            zone.AddRange(Apply.OwnedKeys.InZone(await services.Route53.ListResourceRecordSetsAtNamesAsync(inZone.Key,
                inZone.SelectMany(b => b.Changes).Select(c => c.RecordSet.Name).Distinct(StringComparer.Ordinal).ToList(),
                cancellationToken: cancellationToken).ConfigureAwait(false), inZone.Key, plan.HostedZoneId));
        var owned = Apply.OwnedKeys.Relative(
            await services.Store.GetOwnedRecordsAsync(context.Tree, cancellationToken).ConfigureAwait(false), plan.HostedZoneId);
        // Records of an ip-based rule name their collection by placeholder in the plan; the layers wrote its id.
        var layers = new List<PlanLayer>();
        foreach (var layer in plan.Layers)
            layers.Add(layer with
            {
                ChangeBatches = await Apply.CidrCollectionRunner.ResolveAsync(services.Route53, context.Tree, layer.ChangeBatches,
                    cancellationToken).ConfigureAwait(false),
            });
        var differences = PlanVerifier.Differences(plan with { Layers = layers }, NodeTracker.HealthCheckIds(nodes), zone, owned);
        if (differences.Count > 0)
            throw new WorkflowStepException(WorkflowErrors.VerificationFailed,
                $"after the last layer the zone does not hold what run {context.Run.RunId} wrote (was it changed meanwhile?): "
                + string.Join("; ", differences));
    }

    /// <summary>
    /// Gives up the record-name claims the tree no longer uses once <paramref name="version"/> is applied: all of its own
    /// after a teardown, else those of the version applied before (<paramref name="previous"/>, described by
    /// <paramref name="was"/>) that this one does not hold.
    /// </summary>
    private async Task ReleaseClaimsAsync(RunRecord run, StoredVersion version, int? previous, TreeDescriptor? was,
        CancellationToken cancellationToken)
    {
        var store = services.Store;
        var applied = version.Info.Descriptor;
        if (run.Kind == RunKind.Teardown)
            foreach (var name in VersionNames.Of(applied, version)) await ReleaseClaimAsync(name, cancellationToken).ConfigureAwait(false);
        else if (previous is { } number && was is not null
                 && await store.GetVersionAsync(run.Tree, number, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            // Every name and type the tree answered for and no longer does: an attachment removed or moved, the first name
            // changed, a type dropped (dual-stack to one type). Only that type: the tree may still hold the name's other.
            foreach (var name in VersionNames.Dropped(VersionNames.Of(was, stored), VersionNames.Of(applied, version)))
                await store.ReleaseRecordNameAsync(name.HostedZoneId, name.RecordName, name.RecordType, name.Name,
                    cancellationToken).ConfigureAwait(false);
        }
        else if (previous is not null && was is not null && !VersionNames.Same(was, applied))
            await ReleaseClaimAsync(was, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The releases of a run marked SUCCEEDED, made again. The tree's item already names this run's version as current, so
    /// the version applied before is the one of the tree's last run before this one that succeeded (none after a
    /// teardown, or when it is older than the runs listed: nothing is released then).
    /// </summary>
    private async Task ReleaseAgainAsync(RunRecord run, CancellationToken cancellationToken)
    {
        var store = services.Store;
        if (await store.GetVersionAsync(run.Tree, run.Version, cancellationToken).ConfigureAwait(false) is not { } version) return;
        var runs = await store.ListRunsAsync(run.Tree, cancellationToken: cancellationToken).ConfigureAwait(false);
        var earlier = runs.SkipWhile(r => r.RunId != run.RunId).Skip(1).FirstOrDefault(r => r.Status == RunStatus.Succeeded);
        var previous = earlier is { Kind: not RunKind.Teardown } ? earlier.Version : (int?)null;
        var was = previous is { } number
            ? (await store.GetVersionAsync(run.Tree, number, cancellationToken).ConfigureAwait(false))?.Info.Descriptor
            : null;
        await ReleaseClaimsAsync(run, version, previous, was, cancellationToken).ConfigureAwait(false);
    }

    private async Task ReleaseClaimAsync(TreeDescriptor descriptor, CancellationToken cancellationToken)
    {
        foreach (var type in Apply.AttachmentNameClaims.TypesToRelease(descriptor.RecordType))
            await services.Store.ReleaseRecordNameAsync(descriptor.HostedZoneId, descriptor.RecordName, type, descriptor.Name,
                cancellationToken).ConfigureAwait(false);
    }

}
