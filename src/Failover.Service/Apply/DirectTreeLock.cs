using Failover.Service.Ports.Store;
using Failover.Service.Workflow;

namespace Failover.Service.Apply;

/// <summary>
/// The tree's lock held around work done in this process instead of by a run: a direct apply, teardown or drift repair.
/// A workflow run holds the same lock while it writes, so without it a direct apply and a run of the same tree would
/// interleave their writes and each take the other's records for drift. Taken as a run start takes it
/// (<see cref="TreeLockTaking"/>: a run marked finished that still holds it is waited for), renewed before each layer and
/// batch through the hook the work is given (a run renews its own before each batch), and given back at the end whatever
/// happened. A process that dies holding it leaves it to expire after <see cref="LockFor"/>, as a run's.
/// </summary>
public sealed class DirectTreeLock(IProgressStore store, TimeProvider time)
{
    /// <summary>How long the lock is held past its last renewal (a run's default).</summary>
    public TimeSpan LockFor { get; init; } = new WorkflowOptions().LockTtl;

    /// <summary>How long to wait for a run marked finished that still holds the lock (<see cref="TreeLockTaking"/>).</summary>
    public TimeSpan FinishingRunPatience { get; init; } = TreeLockTaking.DefaultPatience;

    /// <summary>An owner name for the lock: what holds it and since when, as <c>failover status</c> shows a holder.</summary>
    public string NewOwner(string purpose) => $"direct-{purpose}-{time.GetUtcNow():yyyyMMddHHmmssfff}";

    /// <summary>
    /// Runs <paramref name="work"/> holding the tree's lock as <paramref name="owner"/>; the work gets the renewal to call
    /// before each write. Refused (<see cref="ApplyRefusedException"/>, nothing done) while another holds the lock.
    /// </summary>
    public async Task<T> HoldAsync<T>(string tree, string owner, Func<Func<CancellationToken, Task>, Task<T>> work,
        CancellationToken cancellationToken)
    {
        var locks = new TreeLockTaking(store, time) { FinishingRunPatience = FinishingRunPatience };
        await locks.WaitForFinishingRunAsync(tree, cancellationToken).ConfigureAwait(false);
        var (taken, holder) = await locks.AcquireAsync(tree, owner, LockFor, cancellationToken).ConfigureAwait(false);
        if (!taken.Acquired)
            throw new ApplyRefusedException(
                $"tree '{tree}' is busy: run {holder?.Owner ?? "?"} holds its lock (until {holder?.ExpiresAt:u} unless renewed)");
        try
        {
            return await work(token => RenewAsync(tree, owner, token)).ConfigureAwait(false);
        }
        finally
        {
            await store.ReleaseLockAsync(tree, owner, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task RenewAsync(string tree, string owner, CancellationToken cancellationToken)
    {
        if (!await store.RenewLockAsync(tree, owner, LockFor, cancellationToken).ConfigureAwait(false))
            throw new InvalidOperationException(
                $"{owner} no longer holds the lock of tree '{tree}': its lock expired and a run took it over; stopped before "
                + "writing more");
    }
}
