using Failover.Service.Apply;
using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Contracts;

namespace Failover.Service.Workflow.Steps;

/// <summary>
/// The first state: reads the zone, computes the run's plan against it, refuses what must not run (records the tree
/// does not own in the way, the change-size guard), stores the plan and one PENDING item per node, and points the run
/// at its first layer. Nothing in Route 53 changes here. Running it again recomputes the same plan, since nothing has
/// been applied yet.
/// </summary>
public sealed class PlanTreeStep(WorkflowServices services)
{
    public async Task<WorkflowCursor> RunAsync(string runId, bool force, CancellationToken cancellationToken = default)
    {
        var store = services.Store;
        var run = await RunContext.LoadRunningAsync(services, runId, cancellationToken).ConfigureAwait(false);
        await RunContext.RenewLockAsync(services, run, cancellationToken).ConfigureAwait(false);

        var plan = await ComputeAsync(run, cancellationToken).ConfigureAwait(false);
        if (plan.Plan.HasConflicts)
            throw new WorkflowStepException(WorkflowErrors.RecordConflict,
                $"tree '{run.Tree}' cannot be applied as planned (records it does not own, or a change too large for one "
                + "request); nothing was changed: "
                + string.Join("; ", plan.Plan.Conflicts.Select(c => c.ToString())));
        // The guard weighs what an apply would replace; a rollback or teardown asked for exactly that.
        if (run.Kind == RunKind.Apply && ChangeSizeGuard.Check(plan.Plan, plan.Actual, force) is { } refusal)
            throw new WorkflowStepException(WorkflowErrors.ChangeTooLarge, refusal.Message);

        // An adopted tree takes over what the zone already holds exactly as it is: no record changes, checks only tagged.
        await AdoptionClaimWriter.ClaimAsync(services.Route53, store, plan.Plan, cancellationToken).ConfigureAwait(false);
        await store.PutPlanAsync(runId, PlanJson.Write(plan.Plan, indented: false), cancellationToken).ConfigureAwait(false);
        await store.PutNodesAsync(runId, PlanNodes.Planned(plan.Plan), cancellationToken).ConfigureAwait(false);
        return LayerSteps.Start(plan.Plan);
    }

    private async Task<(Plan Plan, ActualState Actual)> ComputeAsync(RunRecord run, CancellationToken cancellationToken)
    {
        // A teardown must stay possible for a version today's rules refuse: it removes what the tree owns.
        var spec = run.Kind == RunKind.Teardown
            ? await StoredSpecs.LoadForTeardownAsync(services.Store, run.Tree, run.Version, cancellationToken).ConfigureAwait(false)
            : await StoredSpecs.LoadAsync(services.Store, run.Tree, run.Version, cancellationToken).ConfigureAwait(false);
        var ownedBefore = await services.Store.GetOwnedRecordsAsync(run.Tree, cancellationToken).ConfigureAwait(false);
        services.CheckZones(spec, ownedBefore.Select(k => k.Zone).OfType<string>());
        // The rules of a private zone need the zone's kind, which only Route 53 knows; a teardown removes what is there anyway.
        if (run.Kind != RunKind.Teardown
            && await services.ZonePrivacy.RefusalAsync(spec, cancellationToken).ConfigureAwait(false) is { } privateZoneRefusal)
            throw new WorkflowStepException(WorkflowErrors.InvalidRun, privateZoneRefusal);
        if (run.Kind != RunKind.Teardown
            && await NamedHealthChecks.FindForeignAsync(services.Route53, spec, cancellationToken).ConfigureAwait(false) is
                { Count: > 0 } foreign)
            throw new WorkflowStepException(WorkflowErrors.ForeignHealthCheck,
                $"tree '{run.Tree}' names health checks another tree owns; nothing was changed: " + string.Join("; ", foreign));
        // A run that died between claiming a record and learning whether Route 53 took its change left the claim pending.
        await PendingOwnership.SettleAsync(services.Route53, services.Store, run.Tree, spec.HostedZoneId, cancellationToken)
            .ConfigureAwait(false);
        var owned = await services.Store.GetOwnedRecordsAsync(run.Tree, cancellationToken).ConfigureAwait(false);
        var reader = new ActualStateReader(services.Route53, services.Alarms);
        var leftBehind = await ReferencesOfUnfinishedRunsAsync(run, cancellationToken).ConfigureAwait(false);
        if (run.Kind == RunKind.Teardown)
        {
            var current = await reader.ReadAsync(run.Tree, spec.HostedZoneId, [], leftBehind, owned, cancellationToken,
                ActualStateReader.AdoptedIds(spec)).ConfigureAwait(false);
            return (Planner.Teardown(run.Tree, spec.HostedZoneId, current), current);
        }
        // Salted with the run id: Route 53 refuses for days a CallerReference whose check was deleted, and a rollback
        // may need a config back whose check an earlier run cleaned up. Checks that exist are found by tag and config.
        var desired = TreeCompiler.Compile(spec, new CompileOptions { CallerReferenceSalt = run.RunId });
        // As a direct apply reads it (the alias leaves' targets too), with the references earlier runs left behind.
        var actual = await reader.ReadAsync(desired, owned, cancellationToken, leftBehind).ConfigureAwait(false);
        return (Planner.Plan(desired, actual), actual);
    }

    /// <summary>
    /// The CallerReferences earlier runs of the tree planned and did not see through: a run that died between creating a
    /// check and tagging it (and was abandoned, or whose rollback failed) left a check only its reference ties to the
    /// tree. Planning with them makes such a check the tree's, to reuse or clean up, instead of an orphan for ever.
    /// </summary>
    private async Task<IReadOnlyList<string>> ReferencesOfUnfinishedRunsAsync(RunRecord run, CancellationToken cancellationToken)
    {
        var references = new List<string>();
        foreach (var earlier in await services.Store.ListRunsAsync(run.Tree, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (earlier.RunId == run.RunId || earlier.Status is RunStatus.Succeeded or RunStatus.RolledBack) continue;
            if (await services.Store.GetPlanAsync(earlier.RunId, cancellationToken).ConfigureAwait(false) is not { } json) continue;
            try
            {
                references.AddRange(PlanJson.Read(json).Layers.SelectMany(l => l.HealthChecks).Select(c => c.CallerReference));
            }
            catch (FormatException)
            {
                // A plan that cannot be read names no checks; the run's own plan is what matters here.
            }
        }
        return references;
    }
}
