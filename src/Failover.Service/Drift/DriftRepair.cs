using Failover.Service.Apply;
using Failover.Core.Compilation;
using Failover.Core.Spec;

namespace Failover.Service.Drift;

/// <summary>Starts the run that converges a drifted tree back to its current version.</summary>
public interface IDriftRepair
{
    /// <summary>
    /// Starts (or, in direct mode, runs) the repair; returns the run's id. Throws <see cref="DriftRepairRefusedException"/>
    /// when the tree is busy, has moved on since the check (<paramref name="checkedLastRunId"/> is the last run the check
    /// saw), or the run may not start.
    /// </summary>
    Task<string> StartAsync(TreeSpec spec, int version, string? checkedLastRunId, CancellationToken cancellationToken);
}

/// <summary>The repair could not start for a reason the next check may not have (another run holds the tree, …).</summary>
public sealed class DriftRepairRefusedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Repair without the workflow: the direct applier plans against the zone and applies in this process. Health checks
/// are re-created under a reference salted with the repair's id, as a run's are: Route 53 refuses a deleted check's
/// CallerReference for days. Like a repair run (<see cref="Workflow.RunStarter.RepairAsync"/>), it holds the tree's lock
/// while it writes (renewed before each layer and batch) and goes ahead only if the tree is still at the version and
/// last run its check saw: the check read the zone long before, and a run that started or finished since must be neither
/// raced nor reverted.
/// </summary>
public sealed class DirectDriftRepair(
    Ports.Store.IProgressStore store, Func<CompileOptions, DirectApplier> applier, TimeProvider time) : IDriftRepair
{
    /// <summary>
    /// How long the repair holds the tree's lock past its last renewal, should the process die while it holds it (a run's
    /// default).
    /// </summary>
    public TimeSpan LockFor { get; init; } = new Workflow.WorkflowOptions().LockTtl;

    /// <summary>How long the repair waits for a run marked finished that still holds the tree's lock, as a run start waits
    /// (<see cref="Workflow.TreeLockTaking"/>).</summary>
    public TimeSpan FinishingRunPatience { get; init; } = Workflow.TreeLockTaking.DefaultPatience;

    public async Task<string> StartAsync(TreeSpec spec, int version, string? checkedLastRunId, CancellationToken cancellationToken)
    {
        var locks = new DirectTreeLock(store, time) { LockFor = LockFor, FinishingRunPatience = FinishingRunPatience };
        var id = locks.NewOwner("repair");
        try
        {
            await locks.HoldAsync(spec.Name, id, async renew =>
            {
                var now = await store.GetTreeAsync(spec.Name, cancellationToken).ConfigureAwait(false);
                if (now is null || now.CurrentVersion != version || now.LastRunId != checkedLastRunId)
                    throw new DriftRepairRefusedException(
                        $"tree '{spec.Name}' changed since its drift check (checked version {version} after run "
                        + $"{checkedLastRunId ?? "none"}; now version {now?.CurrentVersion?.ToString() ?? "none"} after run "
                        + $"{now?.LastRunId ?? "none"}): the next check decides again");
                // The lock is renewed before each layer and batch, as a workflow run renews its own: a repair that outlives
                // LockFor keeps the tree, and one whose lock was taken over stops before writing more.
                return await applier(new CompileOptions { CallerReferenceSalt = id })
                    .ApplyAsync(spec, force: true, cancellationToken: cancellationToken, beforeEachWrite: renew).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ApplyRefusedException refused)
        {
            throw new DriftRepairRefusedException(refused.Message, refused);
        }
        return id;
    }
}
