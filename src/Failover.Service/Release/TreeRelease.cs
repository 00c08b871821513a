using Failover.Core.Compilation;
using Failover.Core.Spec;
using Failover.Service.Apply;
using Failover.Service.Ports.Route53;
using Failover.Service.Ports.Store;
using Failover.Service.Progress;

namespace Failover.Service.Release;

/// <summary>What a release let go of.</summary>
/// <param name="Records">Record sets the tree owned (left in Route 53 as they are).</param>
/// <param name="HealthChecks">Health checks whose tree and node tags were removed (left in Route 53 as they are).</param>
/// <param name="Names">Record name claims given up, one per attachment and record type.</param>
public sealed record ReleaseResult(int Records, int HealthChecks, int Names);

/// <summary>A release that cannot go ahead; nothing was changed.</summary>
public sealed class ReleaseRefusedException(string message) : Exception(message);

/// <summary>
/// Stops a tree owning what it made without deleting any of it — the way out after <c>failover export</c> handed the
/// records and health checks to another tool. Route 53 is left exactly as it is, except that the checks lose the
/// <c>failover:tree</c> and <c>failover:node</c> tags: with them a later tree of the same name would take the checks
/// for its own and could delete them. Then the tree forgets its records, gives up its record names and is marked
/// deleted (its versions stay for history). It holds the tree's lock throughout, so it never races a run, and
/// refuses while one holds it.
/// </summary>
public sealed class TreeRelease(IRoute53 route53, IProgressStore store)
{
    /// <summary>How long the release holds the lock at most, should the process die while it holds it.</summary>
    public static readonly TimeSpan LockFor = TimeSpan.FromMinutes(5);

    public async Task<ReleaseResult> ReleaseAsync(string tree, CancellationToken cancellationToken = default)
    {
        var record = await store.GetTreeAsync(tree, cancellationToken).ConfigureAwait(false);
        if (record is null || record.Status == TreeStatus.Deleted)
            throw new ReleaseRefusedException($"no tree is called '{tree}'");
        var holder = "release-" + Guid.NewGuid().ToString("N");
        if (!await store.TryAcquireLockAsync(tree, holder, LockFor, cancellationToken).ConfigureAwait(false))
        {
            var held = await store.GetHeldLockAsync(tree, cancellationToken).ConfigureAwait(false);
            throw new ReleaseRefusedException(
                $"tree '{tree}' is locked by run {held?.Owner ?? "(unknown)"}; release it once that run has ended");
        }
        try
        {
            return await ReleaseLockedAsync(record, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await store.ReleaseLockAsync(tree, holder, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<ReleaseResult> ReleaseLockedAsync(TreeRecord record, CancellationToken cancellationToken)
    {
        var tree = record.Name;
        var version = record.CurrentVersion ?? record.LatestVersion;
        var stored = await store.GetVersionAsync(tree, version, cancellationToken).ConfigureAwait(false)
            ?? throw new ReleaseRefusedException($"tree '{tree}' has no stored version {version}");
        var spec = SpecLoader.LoadStored(stored.SpecJson).Spec
            ?? throw new ReleaseRefusedException($"version {version} of tree '{tree}' no longer loads");

        // Every record item in today's layout first, so each is let go of by the key it is kept under.
        await store.MigrateOwnedRecordsAsync(tree, spec.HostedZoneId, cancellationToken).ConfigureAwait(false);
        var owned = await store.GetOwnedRecordsAsync(tree, cancellationToken).ConfigureAwait(false);
        var pending = await store.GetPendingOwnedRecordsAsync(tree, cancellationToken).ConfigureAwait(false);
        // Only the checks are read: the records are let go of as the store knows them, so listing the zone would be
        // Route 53 requests (the account-wide rate limit) spent on nothing.
        var references = TreeCompiler.Compile(spec).HealthChecks.Select(h => h.CallerReference).ToHashSet(StringComparer.Ordinal);
        var found = await new ActualStateReader(route53)
            .ReadHealthChecksAsync(tree, references, allIds: null, cancellationToken, ActualStateReader.AdoptedIds(spec))
            .ConfigureAwait(false);
        var checks = found.Where(c => c.TreeTag == tree).Select(c => c.Id).Distinct(StringComparer.Ordinal).ToList();
        // Tags first: if the release stops after this, the tree still owns its records and can be released again, while
        // the checks already belong to no tree (a plan would make new ones rather than delete these).
        foreach (var id in checks)
            await route53.ChangeTagsForResourceAsync(id, [], [HealthCheckTags.Tree, HealthCheckTags.Node],
                cancellationToken: cancellationToken).ConfigureAwait(false);

        await store.RemoveOwnedRecordsAsync(tree, owned.Concat(pending.Keys), cancellationToken).ConfigureAwait(false);
        var names = 0;
        foreach (var attachment in spec.AllAttachments)
        foreach (var type in spec.RecordTypes)
            if (await store.ReleaseRecordNameAsync(attachment.HostedZoneId, attachment.RecordName, type, tree,
                    cancellationToken).ConfigureAwait(false))
                names++;
        await store.ForgetTreeAsync(tree, cancellationToken).ConfigureAwait(false);
        return new ReleaseResult(owned.Count, checks.Count, names);
    }
}
