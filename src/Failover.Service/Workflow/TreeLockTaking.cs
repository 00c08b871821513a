using Failover.Service.Ports.Store;
using Failover.Service.Progress;

namespace Failover.Service.Workflow;

/// <summary>
/// Taking a tree's lock, as a run start and a direct drift repair both do. A run's status turns final before its last step
/// gives back the tree's name claims and lock (<see cref="Steps.FinalizeStep"/>, <see cref="Steps.RollbackStep"/>), and that
/// status is what <c>failover apply</c>, the API and a drift check see: a taker that came the moment the run was reported
/// done would find the tree busy, so it waits a while for such a run (<see cref="WaitForFinishingRunAsync"/>). And a refusal
/// with no lock left to read means its holder let go in between: the lock is asked for again (<see cref="AcquireAsync"/>).
/// </summary>
public sealed class TreeLockTaking(IProgressStore store, TimeProvider time)
{
    /// <summary>How long a taker waits for a run that is marked finished but still holds the tree's lock (it has a few writes
    /// left).</summary>
    public TimeSpan FinishingRunPatience { get; init; } = DefaultPatience;

    /// <summary>How often a taker waiting for a finishing run reads the lock again.</summary>
    public TimeSpan FinishingRunPoll { get; init; } = DefaultPoll;

    public static readonly TimeSpan DefaultPatience = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan DefaultPoll = TimeSpan.FromMilliseconds(250);

    /// <summary>Waits, up to <see cref="FinishingRunPatience"/>, while the tree's lock is held by a run already marked finished.</summary>
    public async Task WaitForFinishingRunAsync(string tree, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + FinishingRunPatience;
        while (time.GetUtcNow() < deadline
               && await store.GetHeldLockAsync(tree, cancellationToken).ConfigureAwait(false) is { } held
               && await store.GetRunAsync(held.Owner, cancellationToken).ConfigureAwait(false) is { Status: not RunStatus.Running })
            await Task.Delay(FinishingRunPoll, time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The lock for <paramref name="owner"/>; when refused, the lock that refused it (null when its holder let go each of the
    /// three times it was asked).
    /// </summary>
    public async Task<(LockAcquisition Taken, TreeLock? Holder)> AcquireAsync(string tree, string owner, TimeSpan ttl,
        CancellationToken cancellationToken)
    {
        var taken = await store.AcquireLockAsync(tree, owner, ttl, cancellationToken).ConfigureAwait(false);
        // Refused, yet no lock to read: its holder let go in between, so the lock is free and is asked for again.
        for (var attempt = 1; !taken.Acquired; attempt++)
        {
            var holder = await store.GetLockAsync(tree, cancellationToken).ConfigureAwait(false);
            if (holder is not null || attempt == 3) return (taken, holder);
            taken = await store.AcquireLockAsync(tree, owner, ttl, cancellationToken).ConfigureAwait(false);
        }
        return (taken, null);
    }
}
