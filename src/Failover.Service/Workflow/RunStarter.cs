using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Failover.Core.Contracts.Events;
using Failover.Service.Events;
using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using Failover.Service.Ports;
using Failover.Core.Spec;

namespace Failover.Service.Workflow;

/// <summary>A run the workflow has started.</summary>
public sealed record StartedRun(string RunId, string Tree, int Version, RunKind Kind, string ExecutionArn);

/// <summary>
/// Starts workflow runs, for the CLI and the HTTP API alike: claims the record name, takes the tree's lock, stores the
/// spec as a version (or reuses the latest when it is the same text), records the run, then starts the execution named
/// after the run. Refusals (<see cref="RunRefusedException"/>) leave nothing locked and store nothing; a run that could
/// not start is marked FAILED.
/// </summary>
public sealed class RunStarter(IProgressStore store, IExecutions states, string stateMachineArn, TimeProvider time, TimeSpan lockTtl)
{
    public RunStarter(IProgressStore store, IExecutions states, string stateMachineArn, TimeProvider time)
        : this(store, states, stateMachineArn, time, new WorkflowOptions().LockTtl)
    {
    }

    /// <summary>
    /// How long a start waits for a run that is marked finished but still holds the tree's lock
    /// (<see cref="TreeLockTaking"/>): a command sent the moment the run was reported done would otherwise find the tree busy.
    /// </summary>
    public TimeSpan FinishingRunPatience { get; init; } = TreeLockTaking.DefaultPatience;

    /// <summary>How often a start waiting for a finishing run reads the lock again.</summary>
    public TimeSpan FinishingRunPoll { get; init; } = TreeLockTaking.DefaultPoll;

    private TreeLockTaking Locks => new(store, time) { FinishingRunPatience = FinishingRunPatience, FinishingRunPoll = FinishingRunPoll };

    /// <summary>Where <c>Run Started</c> (and <c>Run Failed</c> for a run that could not start) go.</summary>
    public TreeEvents Events { get; init; } = TreeEvents.None;

    /// <summary>Applies a (validated) spec: the tree is created or updated to it, make-before-break.</summary>
    /// <param name="correlationId">The id the run's log lines carry (the API request's); the run id when null.</param>
    public Task<StartedRun> ApplyAsync(
        TreeSpec spec, bool force = false, string? correlationId = null, CancellationToken cancellationToken = default) =>
        ApplyOnAsync(spec, baseVersion: null, force, correlationId, cancellationToken);

    /// <summary>
    /// Applies a spec edited from version <paramref name="baseVersion"/> (0: a new tree; null: over whatever is latest).
    /// The version is compared once the tree is locked, just before the new one is stored: two editors who started from
    /// the same version cannot both apply, the second is refused as stale (a check before the lock would let both in).
    /// </summary>
    public async Task<StartedRun> ApplyOnAsync(
        TreeSpec spec, int? baseVersion, bool force, string? correlationId, CancellationToken cancellationToken)
    {
        var descriptor = TreeDescriptor.From(spec);
        // Stored compact: the size limit was checked on what the user sent, and the stored text must never be what
        // makes an accepted spec fail later (indented, a 150 KB tree stored as more than 256 KB).
        var json = SpecJsonWriter.WriteCompact(spec);
        // The version is stored only once the name is claimed and the tree locked: a refused apply stores nothing, and
        // applies of one text racing each other cannot each add a copy of it.
        return await StartAsync(descriptor, async () =>
        {
            if (baseVersion is { } based) await RefuseStaleAsync(descriptor.Name, based, cancellationToken).ConfigureAwait(false);
            return await ReuseLatestAsync(descriptor, spec, json, cancellationToken).ConfigureAwait(false)
                ?? await store.PutVersionAsync(descriptor, json, cancellationToken).ConfigureAwait(false);
        }, RunKind.Apply, force, correlationId, cancellationToken, spec.Attachments, spec.RecordTypes).ConfigureAwait(false);
    }

    /// <summary>Refuses an edit whose base is no longer the tree's latest version (the API's early check, made again).</summary>
    private async Task RefuseStaleAsync(string tree, int baseVersion, CancellationToken cancellationToken)
    {
        var record = await store.GetTreeAsync(tree, cancellationToken).ConfigureAwait(false);
        if (StaleEdits.Refusal(tree, record, baseVersion) is { } refusal) throw new RunRefusedException(RunRefusal.StaleVersion, refusal);
    }

    /// <summary>Applies an earlier stored version again.</summary>
    public async Task<StartedRun> RollbackAsync(
        string tree, int version, string? correlationId = null, CancellationToken cancellationToken = default)
    {
        var record = await TreeAsync(tree, cancellationToken).ConfigureAwait(false);
        var stored = await store.GetVersionAsync(tree, version, cancellationToken).ConfigureAwait(false)
            ?? throw new RunRefusedException(
                RunRefusal.UnknownVersion, $"tree '{tree}' has versions 1 to {record.LatestVersion}, not {version}");
        return await StartAsync(stored.Info.Descriptor, () => Task.FromResult(version), RunKind.Rollback, force: true,
            correlationId, cancellationToken, MoreNames(stored), TypesOf(stored)).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies the tree's current version again, to undo drift (the drift check's repair policy). The check read the
    /// zone long before: once the tree is locked, the repair goes ahead only if the tree is still at the version and
    /// last run the check saw, so an apply that finished in between is never reverted.
    /// </summary>
    public async Task<StartedRun> RepairAsync(
        string tree, int version, string? checkedLastRunId, CancellationToken cancellationToken = default)
    {
        await TreeAsync(tree, cancellationToken).ConfigureAwait(false);
        var stored = await store.GetVersionAsync(tree, version, cancellationToken).ConfigureAwait(false)
            ?? throw new RunRefusedException(RunRefusal.UnknownVersion, $"tree '{tree}' has no version {version}");
        return await StartAsync(stored.Info.Descriptor, async () =>
        {
            var now = await store.GetTreeAsync(tree, cancellationToken).ConfigureAwait(false);
            if (now is null || now.CurrentVersion != version || now.LastRunId != checkedLastRunId)
                throw new RunRefusedException(RunRefusal.TreeChanged,
                    $"tree '{tree}' changed since its drift check (checked version {version} after run {checkedLastRunId ?? "none"}; "
                    + $"now version {now?.CurrentVersion?.ToString() ?? "none"} after run {now?.LastRunId ?? "none"}): "
                    + "the next check decides again");
            return version;
        }, RunKind.Repair, force: true, correlationId: null, cancellationToken, MoreNames(stored), TypesOf(stored))
            .ConfigureAwait(false);
    }

    /// <summary>Tears the tree down: every record and health check it owns, top-down.</summary>
    public async Task<StartedRun> TeardownAsync(string tree, string? correlationId = null, CancellationToken cancellationToken = default)
    {
        var record = await TreeAsync(tree, cancellationToken).ConfigureAwait(false);
        var version = record.CurrentVersion ?? record.LatestVersion;
        var stored = await store.GetVersionAsync(tree, version, cancellationToken).ConfigureAwait(false)
            ?? throw new RunRefusedException(RunRefusal.UnknownVersion, $"tree '{tree}' has no version {version}");
        return await StartAsync(stored.Info.Descriptor, () => Task.FromResult(version), RunKind.Teardown, force: false,
            correlationId, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TreeRecord> TreeAsync(string tree, CancellationToken cancellationToken)
    {
        var record = await store.GetTreeAsync(tree, cancellationToken).ConfigureAwait(false)
            ?? throw new RunRefusedException(RunRefusal.UnknownTree, $"no tree is called '{tree}'");
        return record.Status == TreeStatus.Deleted
            ? throw new RunRefusedException(RunRefusal.TreeDeleted, $"tree '{tree}' was torn down; apply a spec to create it again")
            : record;
    }

    private static RunRefusedException NameClaimed(TreeDescriptor tree, string? owner) => new(RunRefusal.NameClaimed,
        $"{tree.RecordName} {tree.RecordType} in zone {tree.HostedZoneId} belongs to tree '{owner}'; a name and type can have one tree");

    /// <summary>A stored version's attachments after the first (none when its text no longer loads: the run refuses it later).</summary>
    private static IReadOnlyList<TreeAttachment> MoreNames(StoredVersion stored) =>
        SpecLoader.LoadStored(stored.SpecJson).Spec?.Attachments ?? [];

    /// <summary>A stored version's record types (both for a dual-stack tree; the descriptor's when its text no longer loads).</summary>
    private static IReadOnlyList<string> TypesOf(StoredVersion stored) =>
        SpecLoader.LoadStored(stored.SpecJson).Spec?.RecordTypes ?? [stored.Info.Descriptor.RecordType];

    /// <summary>
    /// Claims the names of every attachment: a name and type in a zone has one tree. A refusal gives back the names this
    /// call claimed and names the owner.
    /// </summary>
    private async Task ClaimNamesAsync(TreeDescriptor tree, IReadOnlyList<string> recordTypes, IReadOnlyList<TreeAttachment> attachments,
        CancellationToken cancellationToken)
    {
        if (await Apply.AttachmentNameClaims.ClaimAsync(store, tree.Name, recordTypes, attachments, cancellationToken)
                .ConfigureAwait(false) is { } refused)
            throw NameClaimed(tree with
            {
                HostedZoneId = refused.Attachment.HostedZoneId, RecordName = refused.Attachment.RecordName, RecordType = refused.RecordType,
            }, refused.Owner);
    }

    /// <summary>
    /// Records kept before the zone was part of their key are in the zone the tree was applied in (a tree could not change
    /// zones then): they are given it, under the tree's lock and before a version that may move the tree runs, so a key
    /// without a zone never stands for two places. One query once done; nothing for a new tree.
    /// </summary>
    private async Task MigrateOwnedRecordsAsync(string tree, CancellationToken cancellationToken)
    {
        if (await store.GetTreeAsync(tree, cancellationToken).ConfigureAwait(false) is { Status: not TreeStatus.Deleted } current)
            await store.MigrateOwnedRecordsAsync(tree, current.Descriptor.HostedZoneId, cancellationToken).ConfigureAwait(false);
    }

    private static RunRefusedException Locked(string tree, TreeLock? holder) => new(RunRefusal.TreeLocked,
        $"tree '{tree}' is busy: run {holder?.Owner ?? "?"} holds its lock (until {holder?.ExpiresAt:u} unless renewed)");

    /// <summary>
    /// The latest version's number when it holds exactly this spec: applying the same file twice adds no version. A
    /// version stored before versions were stored compact holds the indented canonical text, which counts as the same.
    /// </summary>
    private async Task<int?> ReuseLatestAsync(TreeDescriptor descriptor, TreeSpec spec, string json, CancellationToken cancellationToken)
    {
        var latest = (await store.ListVersionsAsync(descriptor.Name, 1, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        if (latest is null || latest.Descriptor != descriptor) return null;
        return latest.Sha256 == Sha256(json) || latest.Sha256 == Sha256(SpecJsonWriter.Write(spec)) ? latest.Version : null;
    }

    private RunRecord Record(string runId, string tree, int version, RunKind kind, string executionArn)
    {
        var now = time.GetUtcNow();
        return new RunRecord(runId, tree, version, kind, RunStatus.Running, executionArn, null, HasPlan: false, now, now, null);
    }

    /// <summary>
    /// The tree's last run if it is still RUNNING although this start holds the lock: it lost its lock (a run ends, its
    /// status final, before it gives the lock back), so it was taken over. The store names the run it took the lock from
    /// only when DynamoDB answered the lock's write; a write applied and answered 500 or cut off is resent, and the resend
    /// finds the lock already this run's.
    /// </summary>
    private async Task<string?> UnfinishedLastRunAsync(string tree, string runId, CancellationToken cancellationToken)
    {
        var record = await store.GetTreeAsync(tree, cancellationToken).ConfigureAwait(false);
        return record is { LastRunStatus: RunStatus.Running, LastRunId: { } last } && last != runId ? last : null;
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <param name="version">The version to run, resolved once the tree is locked (an apply stores its spec then).</param>
    /// <param name="moreNames">The attachments after the first, whose names are claimed as the first's is.</param>
    private async Task<StartedRun> StartAsync(TreeDescriptor tree, Func<Task<int>> version, RunKind kind, bool force,
        string? correlationId, CancellationToken cancellationToken, IReadOnlyList<TreeAttachment>? moreNames = null,
        IReadOnlyList<string>? recordTypes = null)
    {
        // Before anything is claimed: a finishing run may still be giving back claims this start would take.
        var locks = Locks;
        await locks.WaitForFinishingRunAsync(tree.Name, cancellationToken).ConfigureAwait(false);
        // Every attachment's name, the first's first; a refusal gives back the names this start claimed.
        if (kind != RunKind.Teardown)
            await ClaimNamesAsync(tree, recordTypes ?? [tree.RecordType],
                [new TreeAttachment(tree.HostedZoneId, "", tree.RecordName), .. moreNames ?? []], cancellationToken).ConfigureAwait(false);

        var runId = RunIds.New(time);
        var (lockTaken, holder) = await locks.AcquireAsync(tree.Name, runId, lockTtl, cancellationToken).ConfigureAwait(false);
        if (!lockTaken.Acquired) throw Locked(tree.Name, holder);

        var created = false;
        try
        {
            // A run whose lock expired stopped renewing it: its execution was stopped or its functions died. It must not
            // stay RUNNING for ever; if it is still alive, its next step finds the lock gone and ends without touching the zone.
            if ((lockTaken.TakenOverFrom ?? await UnfinishedLastRunAsync(tree.Name, runId, cancellationToken).ConfigureAwait(false))
                is { } abandoned)
                await store.SetRunStatusAsync(abandoned, RunStatus.Failed,
                    $"abandoned: its lock expired and run {runId} took tree '{tree.Name}' over", cancellationToken).ConfigureAwait(false);
            await MigrateOwnedRecordsAsync(tree.Name, cancellationToken).ConfigureAwait(false);
            var number = await version().ConfigureAwait(false);
            await store.CreateRunAsync(new NewRun(runId, tree.Name, number, kind), cancellationToken).ConfigureAwait(false);
            created = true;
            var input = JsonSerializer.Serialize(new RunInput
            {
                RunId = runId, Tree = tree.Name, Kind = EnumNames<RunKind>.Upper(kind), Version = number, Force = force,
                CorrelationId = correlationId ?? runId,
            }, WorkflowJsonContext.Default.RunInput);
            var executionArn = await states.StartAsync(stateMachineArn, input, runId, cancellationToken).ConfigureAwait(false);
            await store.SetRunExecutionAsync(runId, executionArn, cancellationToken).ConfigureAwait(false);
            await Events.RunAsync(FailoverEventTypes.RunStarted, Record(runId, tree.Name, number, kind, executionArn), tree,
                RunStatus.Running, new RunEventNote { CorrelationId = correlationId ?? runId }, cancellationToken).ConfigureAwait(false);
            return new StartedRun(runId, tree.Name, number, kind, executionArn);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (created)
            {
                var cause = $"the workflow could not be started: {e.Message}";
                var change = await store.SetRunStatusAsync(runId, RunStatus.Failed, cause, CancellationToken.None).ConfigureAwait(false);
                var failed = await store.GetRunAsync(runId, CancellationToken.None).ConfigureAwait(false);
                // Refused: the execution did start (its answer was lost, or its ARN not recorded) and the run ended on its
                // own, its end announced by its last step; it did not fail.
                if (failed is not null && change.Outcome != RunStatusOutcome.Refused)
                    await Events.RunAsync(FailoverEventTypes.RunFailed, failed, tree, RunStatus.Failed,
                        new RunEventNote { CorrelationId = correlationId ?? runId, Error = e.GetType().Name, Cause = cause },
                        CancellationToken.None).ConfigureAwait(false);
            }
            // Holding the lock, this is the tree's only run: a tree with nothing applied has no use for the name it claimed.
            if (kind != RunKind.Teardown
                && (await store.GetTreeAsync(tree.Name, CancellationToken.None).ConfigureAwait(false))?.CurrentVersion is null)
                await Apply.AttachmentNameClaims.ReleaseAsync(store, tree.Name, tree.RecordType,
                    [new TreeAttachment(tree.HostedZoneId, "", tree.RecordName), .. moreNames ?? []], CancellationToken.None)
                    .ConfigureAwait(false);
            await store.ReleaseLockAsync(tree.Name, runId, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }
}
