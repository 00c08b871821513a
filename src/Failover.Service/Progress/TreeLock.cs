namespace Failover.Service.Progress;

/// <summary>The per-tree lock as stored; a lock past <see cref="ExpiresAt"/> may be taken over by another run.</summary>
public sealed record TreeLock(string Tree, string Owner, DateTimeOffset AcquiredAt, DateTimeOffset ExpiresAt)
{
    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt;
}

/// <summary>What taking a tree's lock came to: whether it was taken, and the run whose expired lock was taken over.</summary>
public sealed record LockAcquisition(bool Acquired, string? TakenOverFrom);

/// <summary>The latest drift report of a tree (the report itself is JSON text that the drift worker writes).</summary>
public sealed record DriftReportRecord(string Tree, string ReportJson, int DriftedItems, DateTimeOffset CheckedAt);
