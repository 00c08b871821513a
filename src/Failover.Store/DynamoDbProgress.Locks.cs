using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using Amazon.DynamoDBv2.Model;

namespace Failover.Store;

internal sealed partial class DynamoDbProgress
{
    // DynamoDB's TTL removes a forgotten lock item some time after this; the expiry in the item is what counts.
    private static readonly TimeSpan LockItemCleanupDelay = TimeSpan.FromDays(1);

    /// <summary>
    /// Takes the tree's lock for <paramref name="runId"/> until now + <paramref name="ttl"/>: true if it was free,
    /// expired (a crashed run does not lock the tree forever), or already held by this run (which renews it);
    /// false if another run holds it. Exactly one of several concurrent callers wins.
    /// </summary>
    public async Task<bool> TryAcquireLockAsync(string tree, string runId, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        (await AcquireLockAsync(tree, runId, ttl, cancellationToken).ConfigureAwait(false)).Acquired;

    /// <summary>
    /// <see cref="TryAcquireLockAsync"/>, telling also whose expired lock was taken over: that run stopped renewing it
    /// (its execution was stopped, or it died), and the caller is now the tree's only run.
    /// </summary>
    public async Task<LockAcquisition> AcquireLockAsync(string tree, string runId, TimeSpan ttl,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        var now = Now;
        var expiresAt = now + ttl;
        var item = ProgressKeys.Key(ProgressKeys.TreePartition(tree), ProgressKeys.Lock);
        item[Attributes.Tree] = Attributes.S(tree);
        item[Attributes.Owner] = Attributes.S(runId);
        item[Attributes.AcquiredAt] = Attributes.Time(now);
        item[Attributes.LockExpiresAt] = Attributes.N(expiresAt.ToUnixTimeMilliseconds());
        item[ProgressTable.ExpiryAttribute] = Attributes.N(Attributes.EpochSeconds(expiresAt + LockItemCleanupDelay));

        var expressions = new Expressions();
        var condition = $"attribute_not_exists({expressions.Name(ProgressTable.PartitionKey)}) "
            + $"OR {expressions.Name(Attributes.Owner)} = {expressions.Value("owner", Attributes.S(runId))} "
            + $"OR {expressions.Name(Attributes.LockExpiresAt)} <= {expressions.Value("now", Attributes.N(now.ToUnixTimeMilliseconds()))}";
        var key = ProgressKeys.Key(ProgressKeys.TreePartition(tree), ProgressKeys.Lock);
        string? previous = null;
        var acquired = await DecideAsync(async () =>
        {
            var replaced = await _dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = _table,
                Item = item,
                ConditionExpression = condition,
                ExpressionAttributeNames = expressions.Names,
                ExpressionAttributeValues = expressions.Values,
                ReturnValues = Amazon.DynamoDBv2.ReturnValue.ALL_OLD,
            }, cancellationToken).ConfigureAwait(false);
            previous = replaced.Attributes is { Count: > 0 } old ? old.String(Attributes.Owner) : null;
        }, key, found => HoldsUntil(found, runId, expiresAt), cancellationToken).ConfigureAwait(false);
        // Decided by reading the item back (or by a resend that found the lock this run's), the owner it replaced is not
        // known: the start finds the run it took over as the tree's last run, still RUNNING (RunStarter).
        return new LockAcquisition(acquired, acquired && previous is not null && previous != runId ? previous : null);
    }

    /// <summary>The lock item is this run's, written with this expiry: the write that set it landed.</summary>
    private static bool HoldsUntil(Dictionary<string, AttributeValue>? item, string runId, DateTimeOffset expiresAt) =>
        item is not null && item.String(Attributes.Owner) == runId
        && item.Long(Attributes.LockExpiresAt) == expiresAt.ToUnixTimeMilliseconds();

    /// <summary>
    /// Extends the lock <paramref name="runId"/> holds to now + <paramref name="ttl"/>; false if the run no longer
    /// holds it (another run took it over after it expired). A lock that expired but was not taken is renewed.
    /// </summary>
    public Task<bool> RenewLockAsync(string tree, string runId, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        var expiresAt = Now + ttl;
        var update = new ItemUpdate()
            .Set(Attributes.LockExpiresAt, Attributes.N(expiresAt.ToUnixTimeMilliseconds()))
            .Set(ProgressTable.ExpiryAttribute, Attributes.N(Attributes.EpochSeconds(expiresAt + LockItemCleanupDelay)))
            .When(u => $"{u.Name(Attributes.Owner)} = {u.Value("runId", Attributes.S(runId))}");
        var key = ProgressKeys.Key(ProgressKeys.TreePartition(tree), ProgressKeys.Lock);
        return DecideAsync(() => _dynamo.UpdateItemAsync(update.ToRequest(_table, key), cancellationToken), key,
            found => HoldsUntil(found, runId, expiresAt), cancellationToken);
    }

    /// <summary>Releases the lock if <paramref name="runId"/> holds it; false if it does not (nothing is changed then).</summary>
    public Task<bool> ReleaseLockAsync(string tree, string runId, CancellationToken cancellationToken = default)
    {
        var expressions = new Expressions();
        var condition = $"{expressions.Name(Attributes.Owner)} = {expressions.Value("runId", Attributes.S(runId))}";
        var key = ProgressKeys.Key(ProgressKeys.TreePartition(tree), ProgressKeys.Lock);
        // A delete whose answer was lost has landed if the item is gone.
        return DecideAsync(() => _dynamo.DeleteItemAsync(new DeleteItemRequest
        {
            TableName = _table,
            Key = key,
            ConditionExpression = condition,
            ExpressionAttributeNames = expressions.Names,
            ExpressionAttributeValues = expressions.Values,
        }, cancellationToken), key, found => found is null, cancellationToken, readOnRefusal: false);
    }

    /// <summary>The lock if a run holds it now, by this store's clock (the one its conditional writes judge expiry by); null if free or
    /// expired.</summary>
    public async Task<TreeLock?> GetHeldLockAsync(string tree, CancellationToken cancellationToken = default) =>
        await GetLockAsync(tree, cancellationToken).ConfigureAwait(false) is { } held && !held.IsExpired(Now) ? held : null;

    /// <summary>The lock item, expired or not (compare with <see cref="TreeLock.IsExpired"/>); null if none.</summary>
    public async Task<TreeLock?> GetLockAsync(string tree, CancellationToken cancellationToken = default)
    {
        var item = await GetItemAsync(ProgressKeys.TreePartition(tree), ProgressKeys.Lock, cancellationToken);
        if (item is null) return null;
        var expiresAtMs = item.Long(Attributes.LockExpiresAt)
            ?? throw new ProgressStoreException($"lock of tree '{tree}' has no expiry");
        return new TreeLock(
            tree,
            item.RequiredString(Attributes.Owner),
            item.RequiredTimestamp(Attributes.AcquiredAt),
            DateTimeOffset.FromUnixTimeMilliseconds(expiresAtMs));
    }
}
