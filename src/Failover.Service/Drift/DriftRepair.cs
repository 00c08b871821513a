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
/// CallerReference for days.
/// </summary>
public sealed class DirectDriftRepair(Func<CompileOptions, DirectApplier> applier, TimeProvider time) : IDriftRepair
{
    public async Task<string> StartAsync(TreeSpec spec, int version, string? checkedLastRunId, CancellationToken cancellationToken)
    {
        var id = $"direct-repair-{time.GetUtcNow():yyyyMMddHHmmssfff}";
        try
        {
            await applier(new CompileOptions { CallerReferenceSalt = id })
                .ApplyAsync(spec, force: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ApplyRefusedException refused)
        {
            throw new DriftRepairRefusedException(refused.Message, refused);
        }
        return id;
    }
}
