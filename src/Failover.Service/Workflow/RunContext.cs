using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using Failover.Core.Planning;
using Failover.Core.Contracts;

namespace Failover.Service.Workflow;

/// <summary>A RUNNING run with its stored plan, as every layer step starts from.</summary>
public sealed record RunContext(RunRecord Run, Plan Plan)
{
    public string Tree => Run.Tree;

    /// <summary>
    /// Loads the run and its plan and renews the tree's lock. A run that is no longer RUNNING (ended by another path,
    /// or aged out) or whose lock another run took over must not touch the zone.
    /// </summary>
    public static async Task<RunContext> LoadAsync(WorkflowServices services, string runId, CancellationToken cancellationToken)
    {
        var run = await LoadRunningAsync(services, runId, cancellationToken).ConfigureAwait(false);
        var json = await services.Store.GetPlanAsync(runId, cancellationToken).ConfigureAwait(false)
            ?? throw new WorkflowStepException(WorkflowErrors.InvalidRun, $"run {runId} has no stored plan: the Plan step has not run");
        Plan plan;
        try
        {
            plan = PlanJson.Read(json);
        }
        catch (FormatException e)
        {
            throw new WorkflowStepException(WorkflowErrors.InvalidRun, $"run {runId}: the stored plan cannot be read ({e.Message})", e);
        }
        // Every layer step starts here, so no layer writes in a zone the deployment does not allow, whatever the plan says.
        services.CheckZone(plan.HostedZoneId, run.Tree);
        await RenewLockAsync(services, run, cancellationToken).ConfigureAwait(false);
        return new RunContext(run, plan);
    }

    public static async Task<RunRecord> LoadRunningAsync(WorkflowServices services, string runId, CancellationToken cancellationToken)
    {
        var run = await services.Store.GetRunAsync(runId, cancellationToken).ConfigureAwait(false)
            ?? throw new WorkflowStepException(WorkflowErrors.RunNotRunning, $"run {runId} does not exist");
        if (run.Status != RunStatus.Running)
            throw new WorkflowStepException(WorkflowErrors.RunNotRunning, $"run {runId} of tree '{run.Tree}' is {run.Status}, not RUNNING");
        return run;
    }

    public static async Task RenewLockAsync(WorkflowServices services, RunRecord run, CancellationToken cancellationToken)
    {
        if (!await services.Store.RenewLockAsync(run.Tree, run.RunId, services.Options.LockTtl, cancellationToken).ConfigureAwait(false))
            throw new WorkflowStepException(WorkflowErrors.LockLost,
                $"run {run.RunId} no longer holds the lock of tree '{run.Tree}': its lock expired and another run took it over");
    }

    public PlanLayer Layer(int index) =>
        index >= 0 && index < Plan.Layers.Count
            ? Plan.Layers[index]
            : throw new WorkflowStepException(
                WorkflowErrors.InvalidRun, $"run {Run.RunId}: the plan has {Plan.Layers.Count} layer(s), no layer {index}");
}
