using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using Failover.Service.Ports.Route53;
using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Route53;
using Failover.Core.Spec;

namespace Failover.Service.Apply;

/// <summary>What a direct apply did, for the CLI to print and the tests to check.</summary>
public sealed record DirectApplyResult(Plan Plan, int ChangeBatchesSubmitted, int HealthChecksCreated, int SyncPolls);

/// <summary>One line of progress: a layer starting or finishing.</summary>
public sealed record ApplyProgress(string Layer, string Message);

/// <summary>A plan that must not run: conflicts with records the tree does not own, a claim held by another tree, the guard.</summary>
public sealed class ApplyRefusedException(string message) : Exception(message);

/// <summary>
/// Direct mode (debugging; no workflow): reads the zone, plans against it, and runs the layers in this process —
/// health checks, record layers bottom-up, deletions top-down, cleanup — then waits for INSYNC once. Ownership lives
/// in the progress table, exactly as the workflow keeps it, so both modes can take over from each other.
/// </summary>
public sealed class DirectApplier(IRoute53 route53, IProgressStore store, TimeProvider time)
{
    public TimeSpan SyncPollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The deployment's health check alarms, read and kept with the checks as the workflow keeps them (null: none, and the
    /// plans hold no alarm layer).
    /// </summary>
    public Alarms.HealthCheckAlarmSource? Alarms { get; init; }

    /// <summary>How the tree is compiled; a repair salts its health check references (a deleted check's is refused for days).</summary>
    public CompileOptions CompileOptions { get; init; } = CompileOptions.Default;

    /// <param name="beforeEachWrite">
    /// Called before each layer, each change batch and the claims given back at the end; throws to stop the apply there. A
    /// caller that holds the tree's lock renews it here, as a workflow run renews its lock before each batch.
    /// </param>
    public async Task<DirectApplyResult> ApplyAsync(
        TreeSpec spec, bool force = false, Action<ApplyProgress>? progress = null, CancellationToken cancellationToken = default,
        Func<CancellationToken, Task>? beforeEachWrite = null)
    {
        if (await new Zones.HostedZonePrivacy(route53).RefusalAsync(spec, cancellationToken).ConfigureAwait(false) is { } privateZone)
            throw new ApplyRefusedException(privateZone);
        var desired = TreeCompiler.Compile(spec, CompileOptions);
        var owned = await OwnedAsync(spec, cancellationToken).ConfigureAwait(false);
        var actual = await new ActualStateReader(route53, Alarms).ReadAsync(desired, owned, cancellationToken).ConfigureAwait(false);
        var plan = Planner.Plan(desired, actual);

        if (plan.HasConflicts)
            throw new ApplyRefusedException("the plan cannot be applied as it stands (nothing was changed):" + Environment.NewLine
                + string.Join(Environment.NewLine, plan.Conflicts.Select(c => "  " + c)));
        if (ChangeSizeGuard.Check(plan, actual, force) is { } refusal)
            throw new ApplyRefusedException(refusal.Message);
        if (plan.IsEmpty && plan.Claims.IsEmpty)
        {
            await AttachmentNameClaims.ReleaseUnansweredTypesAsync(store, spec, cancellationToken).ConfigureAwait(false);
            progress?.Invoke(new ApplyProgress("-", "Route 53 already matches the tree: nothing to do"));
            return new DirectApplyResult(plan, 0, 0, 0);
        }
        // Every attachment's name, as a workflow run claims them: a name and type in a zone answers for one tree.
        if (await AttachmentNameClaims.ClaimAsync(store, spec.Name, spec.RecordTypes, spec.AllAttachments, cancellationToken)
                .ConfigureAwait(false) is { } refused)
            throw new ApplyRefusedException(
                $"{refused.Attachment.RecordName} {refused.RecordType} in zone {refused.Attachment.HostedZoneId} "
                + $"belongs to {(refused.Owner is null ? "another tree" : $"tree '{refused.Owner}'")}");
        if (!plan.Claims.IsEmpty)
        {
            await AdoptionClaimWriter.ClaimAsync(route53, store, plan, cancellationToken).ConfigureAwait(false);
            progress?.Invoke(new ApplyProgress("adopt", plan.Claims.ToString()));
        }

        var result = await RunLayersAsync(plan, progress, cancellationToken, beforeEachWrite).ConfigureAwait(false);
        if (beforeEachWrite is not null) await beforeEachWrite(cancellationToken).ConfigureAwait(false);
        await AttachmentNameClaims.ReleaseDroppedAsync(store, spec, plan, desired, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Teardown: records top-down, then the tree's health checks; the claim and ownership are released.</summary>
    /// <param name="beforeEachWrite">As <see cref="ApplyAsync"/>'s: before each layer, batch and the claims given back.</param>
    public async Task<DirectApplyResult> DestroyAsync(TreeSpec spec, Action<ApplyProgress>? progress = null,
        CancellationToken cancellationToken = default, Func<CancellationToken, Task>? beforeEachWrite = null)
    {
        var owned = await OwnedAsync(spec, cancellationToken).ConfigureAwait(false);
        var desired = TreeCompiler.Compile(spec);
        var actual = await new ActualStateReader(route53, Alarms).ReadAsync(desired, owned, cancellationToken).ConfigureAwait(false);
        var plan = Planner.Teardown(spec.Name, spec.HostedZoneId, actual);
        var result = await RunLayersAsync(plan, progress, cancellationToken, beforeEachWrite).ConfigureAwait(false);
        if (beforeEachWrite is not null) await beforeEachWrite(cancellationToken).ConfigureAwait(false);
        await AttachmentNameClaims.ReleaseAsync(store, spec.Name, spec.RecordType, spec.AllAttachments, cancellationToken)
            .ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// The records the tree owns, each with its zone. Records kept before zones were part of the key get the spec's zone
    /// first: the direct path keeps no record of the zone it last applied in. A tree of that age must not move its zone in
    /// its first apply after the upgrade (docs/spec.md says so): its old records would stay behind, and records at the
    /// same keys in the new zone would be taken for its own. Apply it once in its old zone first.
    /// </summary>
    private async Task<IReadOnlySet<RecordKey>> OwnedAsync(TreeSpec spec, CancellationToken cancellationToken)
    {
        await store.MigrateOwnedRecordsAsync(spec.Name, spec.HostedZoneId, cancellationToken).ConfigureAwait(false);
        // An earlier apply may have failed between a claim and Route 53's answer.
        await Workflow.PendingOwnership.SettleAsync(route53, store, spec.Name, spec.HostedZoneId, cancellationToken).ConfigureAwait(false);
        return await store.GetOwnedRecordsAsync(spec.Name, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DirectApplyResult> RunLayersAsync(
        Plan plan, Action<ApplyProgress>? progress, CancellationToken cancellationToken,
        Func<CancellationToken, Task>? beforeEachWrite = null)
    {
        var applier = new PlanApplier(route53);
        var checks = new Workflow.HealthCheckLayerRunner(route53, Alarms);
        var healthCheckIds = new Dictionary<string, string>(StringComparer.Ordinal);
        var changeIds = new List<string>();
        var healthChecksCreated = 0;
        foreach (var layer in plan.Layers)
        {
            if (beforeEachWrite is not null) await beforeEachWrite(cancellationToken).ConfigureAwait(false);
            progress?.Invoke(new ApplyProgress(layer.Name, Describe(layer)));
            switch (layer.Kind)
            {
                case PlanLayerKind.HealthChecks:
                    foreach (var (node, id) in await applier.CreateHealthChecksAsync(plan.Tree, layer,
                        cancellationToken: cancellationToken, knownIds: healthCheckIds).ConfigureAwait(false))
                        healthCheckIds[node] = id;
                    healthChecksCreated += layer.HealthChecks.Count;
                    break;
                case PlanLayerKind.Records:
                    // Claimed pending before the batches go out, as a workflow run claims (PendingOwnership): a crash after
                    // Route 53 accepted one must still leave its records known as the tree's, and a batch it refused (someone
                    // wrote at its key since the zone was read) must not make that record the tree's. Owned once accepted;
                    // what a failed layer left pending is settled against the zone by the next apply or teardown.
                    var owned = OwnedKeys.Relative(await store.GetOwnedRecordsAsync(plan.Tree, cancellationToken).ConfigureAwait(false),
                        plan.HostedZoneId);
                    // Each batch's claims are the records as sent, health check ids resolved: settling compares them with the
                    // zone, and a placeholder would never match what landed.
                    var changes =
                        await applier.SubmitRecordLayerAsync(plan.HostedZoneId, layer, healthCheckIds, cancellationToken, plan.Tree,
                            beforeEachWrite, async (batch, token) =>
                            {
                                var claims = batch.Changes
                                    .Where(c => c.Action != ChangeAction.Delete && !owned.Contains(c.RecordSet.Key))
                                    .Select(c => c.RecordSet).ToList();
                                if (claims.Count > 0)
                                    await Workflow.PendingOwnership.ClaimAsync(store, plan.Tree, batch.ZoneOr(plan.HostedZoneId), claims,
                                        token).ConfigureAwait(false);
                            }).ConfigureAwait(false);
                    foreach (var inZone in layer.ChangeBatches.GroupBy(b => b.HostedZoneId))
                    {
                        var written = inZone.SelectMany(b => b.Changes)
                            .Where(c => c.Action != ChangeAction.Delete).Select(c => c.RecordSet.Key).ToList();
                        if (written.Count > 0)
                            await store.AddOwnedRecordsAsync(plan.Tree, inZone.Key ?? plan.HostedZoneId, written, cancellationToken)
                                .ConfigureAwait(false);
                    }
                    changeIds.AddRange(changes.Select(c => c.Id));
                    var deleted = layer.ChangeBatches.SelectMany(b => b.Changes)
                        .Where(c => c.Action == ChangeAction.Delete).Select(c => c.RecordSet.Key.AbsoluteIn(plan.HostedZoneId)).ToList();
                    if (deleted.Count > 0) await store.RemoveOwnedRecordsAsync(plan.Tree, deleted, cancellationToken).ConfigureAwait(false);
                    break;
                case PlanLayerKind.HealthCheckCleanup:
                    // Each check's alarm goes first, as in the workflow (an alarm on a deleted check never leaves INSUFFICIENT_DATA).
                    await applier.DeleteHealthChecksAsync(layer, Alarms, cancellationToken).ConfigureAwait(false);
                    break;
                case PlanLayerKind.HealthCheckAlarms:
                    foreach (var planned in layer.HealthCheckAlarms)
                        await checks.PutAlarmAsync(plan.Tree, planned, healthCheckIds, cancellationToken).ConfigureAwait(false);
                    break;
                case PlanLayerKind.CidrCollections or PlanLayerKind.CidrCollectionCleanup:
                    var collections = new CidrCollectionRunner(route53);
                    foreach (var planned in layer.CidrCollections)
                        await collections.ConvergeAsync(planned, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
        var polls = 0;
        if (changeIds.Count > 0)
        {
            progress?.Invoke(new ApplyProgress("wait-for-sync", $"waiting for {changeIds.Count} change(s) to reach INSYNC"));
            polls =
                await new ChangeSyncWaiter(route53, time) { PollInterval = SyncPollInterval }.WaitAsync(changeIds, cancellationToken)
                .ConfigureAwait(false);
        }
        return new DirectApplyResult(plan, changeIds.Count, healthChecksCreated, polls);
    }

    private static string Describe(PlanLayer layer) => layer.Kind switch
    {
        PlanLayerKind.HealthChecks => $"creating {layer.HealthChecks.Count} health check(s)",
        PlanLayerKind.Records => $"{layer.ChangeBatches.Sum(b => b.Changes.Count)} change(s) in {layer.ChangeBatches.Count} batch(es)",
        PlanLayerKind.HealthCheckAlarms => $"putting {layer.HealthCheckAlarms.Count} health check alarm(s)",
        PlanLayerKind.CidrCollections or PlanLayerKind.CidrCollectionCleanup =>
            $"{layer.CidrCollections.Count} CIDR collection(s): {string.Join(", ", layer.CidrCollections.Select(c => c.Name))}",
        _ => $"deleting {layer.HealthCheckDeletions.Count} unused health check(s)",
    };
}
