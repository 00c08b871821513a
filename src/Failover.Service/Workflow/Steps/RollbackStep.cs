using Failover.Service.Metrics;
using Failover.Service.Apply;
using Failover.Core.Contracts.Events;
using Failover.Service.Events;
using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Contracts;
using Failover.Core.Spec;

namespace Failover.Service.Workflow.Steps;

/// <summary>
/// Where every uncaught failure goes. Returns the zone to what it was before the run: the version the tree had applied
/// (or, for a tree never applied, nothing) is planned against the zone as it is now and applied make-before-break —
/// records this run made or changed go back, health checks only this run used are garbage-collected by the tree's
/// tag. Then the nodes and the run are marked (the run ROLLED_BACK, with the cause) and the lock is released. Running
/// it again re-plans against the zone and converges; after the run has ended it answers the outcome, finishing what the
/// attempt that ended it left undone (releases, the lock, the run's metrics and event). One
/// invocation works within its <see cref="StepBudget"/>: when the restore is not through by then, it answers the run
/// still RUNNING and the state machine enters Rollback again for the rest.
/// </summary>
public sealed class RollbackStep(WorkflowServices services)
{
    /// <param name="correlationId">The run's correlation id, for its events.</param>
    public async Task<RunOutcome> RunAsync(string runId, CaughtError? caught, CancellationToken cancellationToken = default,
        string? correlationId = null)
    {
        var store = services.Store;
        var (error, cause) = FailureCause.Describe(caught);
        var run = await store.GetRunAsync(runId, cancellationToken).ConfigureAwait(false)
            ?? throw new WorkflowStepException(WorkflowErrors.RunNotRunning, $"run {runId} does not exist");
        if (run.Status != RunStatus.Running)
        {
            // Finalize marked the run SUCCEEDED and then failed for good (its retries spent): what it left undone (releases,
            // the lock, the announcement) is done as its own repeat does it.
            if (run.Status == RunStatus.Succeeded)
                await new FinalizeStep(services).RunAsync(runId, cancellationToken, correlationId).ConfigureAwait(false);
            // Entered again after the run was marked (the definition's Retry, a store error among the releases below): while
            // the run still holds the lock no other run has claimed since, so the releases are made again (each conditional
            // on the owner: one made already changes nothing), then the lock goes.
            if (run.Status == RunStatus.RolledBack
                && await store.RenewLockAsync(run.Tree, runId, services.Options.LockTtl, cancellationToken).ConfigureAwait(false))
            {
                var firstRun = (await store.GetTreeAsync(run.Tree, cancellationToken).ConfigureAwait(false))?.CurrentVersion is null;
                var version = await store.GetVersionAsync(run.Tree, run.Version, cancellationToken).ConfigureAwait(false);
                await ReleaseClaimsAsync(run, firstRun ? version?.Info.Descriptor : null, cancellationToken).ConfigureAwait(false);
                await store.ReleaseLockAsync(run.Tree, runId, cancellationToken).ConfigureAwait(false);
            }
            // The first attempt failed between marking the run and announcing its end: announced now (at least once).
            if (run.Status is RunStatus.RolledBack or RunStatus.Failed && !run.Announced)
            {
                var told = run.Status == RunStatus.Failed ? run.Error ?? cause : cause;
                var note = new RunEventNote { CorrelationId = correlationId, Error = error, Cause = told };
                await AnnounceAsync(run, note, cancellationToken).ConfigureAwait(false);
            }
            return Outcome(run.RunId, run.Status, error, run.Error ?? cause);
        }

        if (!await store.RenewLockAsync(run.Tree, runId, services.Options.LockTtl, cancellationToken).ConfigureAwait(false))
        {
            // Another run owns the tree now; undoing this one's changes would fight it.
            var message = $"{error}: {cause} (not rolled back: another run holds the lock of tree '{run.Tree}')";
            await store.SetRunStatusAsync(runId, RunStatus.Failed, message, cancellationToken).ConfigureAwait(false);
            var note = new RunEventNote { CorrelationId = correlationId, Error = error, Cause = message };
            await AnnounceAsync(run with { Status = RunStatus.Failed }, note, cancellationToken).ConfigureAwait(false);
            return Outcome(runId, RunStatus.Failed, error, message);
        }

        var (plan, released) = await PlanRestoreAsync(run, cancellationToken).ConfigureAwait(false);
        var budget = new StepBudget(services.Time, services.Options.StepBudget);
        var ran = await new PlanRunner(services).RunAsync(plan, cancellationToken, token => RunContext.RenewLockAsync(services, run, token),
            budget).ConfigureAwait(false);
        // Out of budget: the run stays RUNNING and the state machine enters Rollback again, which plans the restore
        // against the zone as this invocation left it (a big tree's checks take several invocations to delete).
        if (!ran.Finished) return Outcome(runId, RunStatus.Running, error, cause);
        await MarkNodesAsync(runId, cause, cancellationToken).ConfigureAwait(false);
        await store.SetRunStatusAsync(runId, RunStatus.RolledBack, $"{error}: {cause}", cancellationToken).ConfigureAwait(false);
        await ReleaseClaimsAsync(run, released, cancellationToken).ConfigureAwait(false);
        await store.ReleaseLockAsync(run.Tree, runId, cancellationToken).ConfigureAwait(false);
        await AnnounceAsync(run with { Status = RunStatus.RolledBack },
            new RunEventNote { CorrelationId = correlationId, Error = error, Cause = cause }, cancellationToken).ConfigureAwait(false);
        return Outcome(runId, RunStatus.RolledBack, error, cause);
    }

    /// <summary>
    /// The last resort when the rollback itself failed: marks the run FAILED with both causes and releases the lock,
    /// leaving the zone as it is for someone to look at (a next apply plans against it and converges).
    /// </summary>
    public async Task<RunOutcome> AbandonAsync(string runId, CaughtError? caught, CaughtError? rollbackError,
        CancellationToken cancellationToken = default, string? correlationId = null)
    {
        var store = services.Store;
        var (error, cause) = FailureCause.Describe(caught);
        var (rollbackName, rollbackCause) = FailureCause.Describe(rollbackError);
        var message = $"{error}: {cause}; the rollback failed too ({rollbackName}: {rollbackCause}), so the zone may hold part of the run";
        var run = await store.GetRunAsync(runId, cancellationToken).ConfigureAwait(false)
            ?? throw new WorkflowStepException(WorkflowErrors.RunNotRunning, $"run {runId} does not exist");
        var wasRunning = run.Status == RunStatus.Running;
        if (wasRunning)
            await store.SetRunStatusAsync(runId, RunStatus.Failed, message, cancellationToken).ConfigureAwait(false);
        await store.ReleaseLockAsync(run.Tree, runId, cancellationToken).ConfigureAwait(false);
        // A failed rollback is its own event (RollbackFailed): the zone may hold part of the run and needs a person. Also
        // when this is a repeat whose first attempt marked the run (its message) and failed before announcing it.
        if (wasRunning || (run is { Status: RunStatus.Failed, Announced: false } && run.Error == message))
            await AnnounceAsync(run with { Status = RunStatus.Failed }, new RunEventNote
            {
                CorrelationId = correlationId, Error = "RollbackFailed", Cause = message, RollbackFailed = true,
            }, cancellationToken).ConfigureAwait(false);
        return Outcome(runId, RunStatus.Failed, "RollbackFailed", message);
    }

    /// <summary>The plan that restores the tree's applied version, or removes the tree when none was ever applied (then its claim goes
    /// too).</summary>
    private async Task<(Plan Plan, TreeDescriptor? Released)> PlanRestoreAsync(RunRecord run, CancellationToken cancellationToken)
    {
        var store = services.Store;
        var tree = await store.GetTreeAsync(run.Tree, cancellationToken).ConfigureAwait(false);
        // Checks this run created are the tree's even if a crash kept their tags from being written.
        var failedPlan = await store.GetPlanAsync(run.RunId, cancellationToken).ConfigureAwait(false) is { } json
            ? PlanJson.Read(json) : null;
        // The failed layer may have died between claiming a record and learning whether Route 53 took its change: only
        // what the zone shows it wrote is undone, never a record someone else wrote there.
        var zoneId = failedPlan?.HostedZoneId ?? tree?.Descriptor.HostedZoneId;
        if (zoneId is not null)
            await PendingOwnership.SettleAsync(services.Route53, store, run.Tree, zoneId, cancellationToken).ConfigureAwait(false);
        var owned = await store.GetOwnedRecordsAsync(run.Tree, cancellationToken).ConfigureAwait(false);
        var ownedZones = owned.Select(k => k.Zone).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var createdByRun = failedPlan?.Layers.SelectMany(l => l.HealthChecks).Select(c => c.CallerReference).ToList() ?? [];
        var reader = new ActualStateReader(services.Route53, services.Alarms);
        // The failed run may have made a CIDR collection before any record named it: read the tree's collections then too.
        var madeCollections = failedPlan?.Layers.Any(l => l.CidrCollections.Count > 0) ?? false;

        if (tree?.CurrentVersion is { } current)
        {
            var spec = await StoredSpecs.LoadAsync(store, run.Tree, current, cancellationToken).ConfigureAwait(false);
            services.CheckZones(spec, ownedZones);
            var desired = TreeCompiler.Compile(spec, new CompileOptions { CallerReferenceSalt = run.RunId });
            var actual = await reader.ReadAsync(run.Tree, spec.HostedZoneId, desired.Records.Select(r => r.RecordSet.Name),
                desired.HealthChecks.Select(h => h.CallerReference).Concat(createdByRun), owned, cancellationToken,
                ActualStateReader.AdoptedIds(spec), wantsCidrCollections: madeCollections || desired.CidrCollections.Count > 0,
                otherZoneNames: desired.OtherZoneNames).ConfigureAwait(false);
            return (Planner.Plan(desired, actual), null);
        }

        var version = await store.GetVersionAsync(run.Tree, run.Version, cancellationToken).ConfigureAwait(false)
            ?? throw new WorkflowStepException(WorkflowErrors.InvalidRun, $"tree '{run.Tree}' has no version {run.Version}");
        var zone = failedPlan?.HostedZoneId ?? version.Info.Descriptor.HostedZoneId;
        services.CheckZone(zone, run.Tree);
        foreach (var other in ownedZones) services.CheckZone(other, run.Tree);
        // A first run of an adopted tree changed no record: what it owns was the zone's before it, so "as before" is
        // the zone as it is, with nothing owned (a teardown would delete what the user had built).
        if (SpecLoader.LoadStored(version.SpecJson).Spec is { Adopt: not null }
            && (failedPlan is null || failedPlan.Layers.All(l => l.ChangeBatches.Count == 0)))
        {
            await store.SetOwnedRecordsAsync(run.Tree, [], cancellationToken).ConfigureAwait(false);
            return (new Plan(run.Tree, zone, []), version.Info.Descriptor);
        }
        var state = await reader.ReadAsync(run.Tree, zone, [], createdByRun, owned, cancellationToken,
            wantsCidrCollections: madeCollections).ConfigureAwait(false);
        return (Planner.Teardown(run.Tree, zone, state), version.Info.Descriptor);
    }

    /// <summary>
    /// Gives back the claims the rolled-back run took that the tree has no use for: every one of its version's when no
    /// version is applied (<paramref name="released"/>, the run's version's descriptor), else those the version still
    /// applied does not hold.
    /// </summary>
    private async Task ReleaseClaimsAsync(RunRecord run, TreeDescriptor? released, CancellationToken cancellationToken)
    {
        var store = services.Store;
        if (released is not null)
        {
            // Everything the run's version claimed; the twin type too, for a version whose spec could not be read.
            foreach (var name in await NamesOfRunAsync(run, released, cancellationToken).ConfigureAwait(false))
                foreach (var type in Apply.AttachmentNameClaims.TypesToRelease(name.RecordType))
                    await store.ReleaseRecordNameAsync(name.HostedZoneId, name.RecordName, type, name.Name, cancellationToken)
                        .ConfigureAwait(false);
        }
        else
        {
            // Type by type: the version still applied may hold the name's other type.
            foreach (var name in await NamesOnlyTheRunClaimedAsync(run, cancellationToken).ConfigureAwait(false))
                await store.ReleaseRecordNameAsync(name.HostedZoneId, name.RecordName, name.RecordType, name.Name, cancellationToken)
                    .ConfigureAwait(false);
        }
    }

    /// <summary>The names the run's version claimed: its first, then its other attachments', in each of its types.</summary>
    private async Task<List<TreeDescriptor>> NamesOfRunAsync(RunRecord run, TreeDescriptor first, CancellationToken cancellationToken)
    {
        var version = await services.Store.GetVersionAsync(run.Tree, run.Version, cancellationToken).ConfigureAwait(false);
        return VersionNames.Of(first, version);
    }

    /// <summary>
    /// The names and types the rolled-back run claimed that the version still applied does not answer for (a zone or name
    /// it moved to, an attachment it added, a type it added): given back, as the run's Finalize would have given back the
    /// old ones.
    /// </summary>
    private async Task<List<TreeDescriptor>> NamesOnlyTheRunClaimedAsync(RunRecord run, CancellationToken cancellationToken)
    {
        var store = services.Store;
        if (await store.GetTreeAsync(run.Tree, cancellationToken).ConfigureAwait(false) is not { CurrentVersion: { } current }
            || current == run.Version
            || await store.GetVersionAsync(run.Tree, current, cancellationToken).ConfigureAwait(false) is not { } kept
            || await store.GetVersionAsync(run.Tree, run.Version, cancellationToken).ConfigureAwait(false) is not { } failed)
            return [];
        return VersionNames.Dropped(VersionNames.Of(failed.Info.Descriptor, failed), VersionNames.Of(kept.Info.Descriptor, kept));
    }

    /// <summary>
    /// The end of a run marked <paramref name="run"/>'s status told: its metrics line (a failed rollback counted apart), its
    /// event, then the run marked announced, so a repeat publishes nothing again (a failure between the two does).
    /// </summary>
    private async Task AnnounceAsync(RunRecord run, RunEventNote note, CancellationToken cancellationToken)
    {
        var (outcome, detailType) = run.Status == RunStatus.RolledBack
            ? (RunMetrics.Outcomes.RolledBack, FailoverEventTypes.RunRolledBack)
            : (note.RollbackFailed == true ? RunMetrics.Outcomes.RollbackFailed : RunMetrics.Outcomes.Failed, FailoverEventTypes.RunFailed);
        services.Metrics.RunEnded(run, outcome);
        await PublishAsync(detailType, run, run.Status, note, cancellationToken).ConfigureAwait(false);
        await services.Store.MarkRunAnnouncedAsync(run.RunId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A run event, named after the tree as the run's version describes it.</summary>
    private async Task PublishAsync(string detailType, RunRecord run, RunStatus status, RunEventNote note,
        CancellationToken cancellationToken)
    {
        var descriptor = (await services.Store.GetVersionAsync(run.Tree, run.Version, cancellationToken).ConfigureAwait(false))?.Info
            .Descriptor ?? (await services.Store.GetTreeAsync(run.Tree, cancellationToken).ConfigureAwait(false))?.Descriptor;
        if (descriptor is null) return;
        await services.Events.RunAsync(detailType, run, descriptor, status, note, cancellationToken).ConfigureAwait(false);
    }

    private async Task MarkNodesAsync(string runId, string cause, CancellationToken cancellationToken)
    {
        var nodes = await services.Store.ListNodesAsync(runId, cancellationToken).ConfigureAwait(false);
        var groups = nodes.Where(n => n.Status != NodeStatus.Failed).GroupBy(n => n.Status switch
        {
            NodeStatus.InProgress => cause,
            NodeStatus.Pending => "not applied: the run was rolled back",
            _ => "undone: the run was rolled back",
        });
        foreach (var group in groups)
            await services.Store.SetNodeStatusAsync(runId, group.Select(n => n.NodeId).ToList(), NodeStatus.Failed, error: group.Key,
                cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static RunOutcome Outcome(string runId, RunStatus status, string error, string cause) => new()
    {
        RunId = runId,
        Status = EnumNames<RunStatus>.Upper(status),
        Error = error,
        Cause = cause,
    };
}
