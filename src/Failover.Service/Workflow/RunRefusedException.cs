namespace Failover.Service.Workflow;

public enum RunRefusal
{
    /// <summary>No such tree is stored (HTTP 404).</summary>
    UnknownTree,
    /// <summary>The tree has no such version (HTTP 404).</summary>
    UnknownVersion,
    /// <summary>The tree was torn down; apply a spec to bring it back (HTTP 409).</summary>
    TreeDeleted,
    /// <summary>Another tree holds the record name and type in the zone (HTTP 409).</summary>
    NameClaimed,
    /// <summary>Another run holds the tree's lock (HTTP 409).</summary>
    TreeLocked,
    /// <summary>A drift repair found the tree at another version or run than its check saw (HTTP 409).</summary>
    TreeChanged,
    /// <summary>An edit based on a version that is no longer the tree's latest (HTTP 409).</summary>
    StaleVersion,
}

/// <summary>A run that cannot start; the message says why in terms the caller can act on. Nothing was left locked.</summary>
public sealed class RunRefusedException(RunRefusal reason, string message) : Exception(message)
{
    public RunRefusal Reason { get; } = reason;

    /// <summary>True when the request clashes with the state of things (409), false when it names what does not exist (404).</summary>
    public bool IsConflict => Reason is RunRefusal.TreeDeleted or RunRefusal.NameClaimed or RunRefusal.TreeLocked
        or RunRefusal.TreeChanged or RunRefusal.StaleVersion;
}
