using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using Failover.Core.Spec;

namespace Failover.Service.Ports;

/// <summary>A run the workflow has started.</summary>
public sealed record LaunchedRun(string RunId, string Tree, int Version, RunKind Kind);

/// <summary>
/// Starts workflow runs (store the version, claim the name, lock the tree, record the run, start the execution). The
/// workflow's RunStarter serves it in the deployment; a refusal is a <see cref="LaunchRefusedException"/>. The
/// correlation id is the API request's: the run carries it, so every log line of its steps does too.
/// </summary>
public interface IRunLauncher
{
    /// <summary>
    /// <paramref name="baseVersion"/>: the version an editor started from (0: a new tree), compared under the tree's lock;
    /// null applies over whatever is latest. <paramref name="force"/>: go ahead even when the update deletes or replaces
    /// more than half of the tree's records.
    /// </summary>
    Task<LaunchedRun> ApplyAsync(TreeSpec spec, int? baseVersion, bool force, string correlationId, CancellationToken cancellationToken);

    Task<LaunchedRun> RollbackAsync(string tree, int version, string correlationId, CancellationToken cancellationToken);

    Task<LaunchedRun> TeardownAsync(string tree, string correlationId, CancellationToken cancellationToken);
}

public enum LaunchRefusal
{
    /// <summary>No such tree (404).</summary>
    UnknownTree,
    /// <summary>No such version of the tree (404).</summary>
    UnknownVersion,
    /// <summary>The tree was torn down (409).</summary>
    TreeDeleted,
    /// <summary>Another tree holds the record name and type (409).</summary>
    NameClaimed,
    /// <summary>Another run holds the tree's lock (409).</summary>
    TreeLocked,
    /// <summary>The edit is based on a version that is no longer the latest (409).</summary>
    StaleVersion,
}

/// <summary>A run that could not start, for a reason the caller can act on; nothing was left locked.</summary>
public sealed class LaunchRefusedException(LaunchRefusal reason, string message, Exception? inner = null) : Exception(message, inner)
{
    public LaunchRefusal Reason { get; } = reason;
}
