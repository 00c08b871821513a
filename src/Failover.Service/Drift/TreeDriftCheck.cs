using Failover.Service.Apply;
using Failover.Service.Events;
using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using Failover.Service.Ports.Route53;
using Failover.Core.Compilation;
using Failover.Core.Drift;
using Failover.Core.Spec;
using Failover.Core.Contracts;
using Failover.Service.Zones;
using Failover.Core.Planning;
using Failover.Core.Route53;

namespace Failover.Service.Drift;

/// <summary>
/// The drift check of one tree: load its current version from the progress store, compile it, read the zone
/// (<see cref="DriftStateReader"/>), detect, start a repair run if the tree's policy asks for one, store the report and
/// emit the <c>DriftedItems</c> metric. A tree that is gone, never applied, or in the middle of a run is skipped: a
/// half-applied tree is not drift.
/// </summary>
/// <param name="defaultPolicy">What to do for a tree whose spec has no <c>driftPolicy</c> (the template's DefaultDriftPolicy).</param>
/// <param name="allowedZones">
/// The zones a repair may write in (null: any). A tree outside them is still checked and reported; its repair is refused.
/// </param>
public sealed class TreeDriftCheck(
    IProgressStore store, IRoute53 route53, DriftMetrics metrics, TimeProvider time, IDriftRepair? repair = null,
    DriftPolicy defaultPolicy = DriftPolicy.Report, ZoneAllowList? allowedZones = null)
{
    /// <summary>Where <c>Drift Detected</c> goes: published when a check finds drift other than the last stored report's.</summary>
    public TreeEvents Events { get; init; } = TreeEvents.None;

    /// <summary>The deployment's health check alarms: a tree's check whose alarm is missing or changed is drift.</summary>
    public Alarms.HealthCheckAlarmSource? Alarms { get; init; }

    /// <summary>
    /// Checks the tree. A run that starts or finishes while its zone is read makes the read a half-applied or outdated view
    /// of it, not drift (<see cref="ChangedSinceAsync"/>): the tree is then read again once, and skipped if it changed again.
    /// </summary>
    public async Task<DriftCheckResult> RunAsync(string tree, CancellationToken cancellationToken = default)
    {
        DriftCheckResult? changed = null;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var prepared = await PrepareAsync(tree, cancellationToken).ConfigureAwait(false);
            if (prepared.Skipped is { } skipped) return skipped;
            var checkedTree = prepared.Tree!;
            DriftObservation observed;
            try
            {
                observed = await new DriftStateReader(route53, Alarms).ReadAsync(checkedTree.Desired, checkedTree.Owned, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (NoSuchHostedZoneException gone)
            {
                throw ZoneGone(checkedTree, gone);
            }
            changed = await ChangedSinceAsync(checkedTree, cancellationToken).ConfigureAwait(false);
            if (changed is null) return await FinishAsync(checkedTree, observed, cancellationToken).ConfigureAwait(false);
        }
        return changed!;
    }

    internal static DriftCheckException ZoneGone(PreparedTree tree, NoSuchHostedZoneException gone) =>
        new($"tree '{tree.Name}': hosted zone {tree.Spec.HostedZoneId} no longer exists ({gone.Message})", gone);

    /// <summary>
    /// The tree as the progress store has it, before anything is read from Route 53: its current version compiled and
    /// the records it owns — or why it is not checked (gone, torn down, never applied, a run holding it).
    /// </summary>
    internal async Task<(PreparedTree? Tree, DriftCheckResult? Skipped)> PrepareAsync(string tree, CancellationToken cancellationToken)
    {
        var record = await store.GetTreeAsync(tree, cancellationToken).ConfigureAwait(false);
        if (record is null) return (null, DriftCheckResult.Skipped(tree, $"no tree is called '{tree}'"));
        if (record.Status is TreeStatus.Deleted or TreeStatus.Deleting)
            return (null, DriftCheckResult.Skipped(tree, "the tree is torn down"));
        if (record.CurrentVersion is not { } version)
            return (null, DriftCheckResult.Skipped(tree, "no version of the tree was applied yet"));
        if (await HeldAsync(tree, cancellationToken).ConfigureAwait(false) is { } held) return (null, held);

        var spec = await LoadAsync(tree, version, cancellationToken).ConfigureAwait(false);
        var desired = TreeCompiler.Compile(spec);
        var owned = await store.GetOwnedRecordsAsync(tree, cancellationToken).ConfigureAwait(false);
        return (new PreparedTree(record, version, spec, desired, OwnedKeys.Relative(owned, spec.HostedZoneId)), null);
    }

    /// <summary>
    /// Whether the tree is still what <see cref="PrepareAsync"/> saw, read again after its zone (or a shared snapshot of it)
    /// was read: a run that started or finished in between (its id replaces the tree's last run when it starts) or that holds
    /// the tree now would make the snapshot a half-applied or outdated view of it — not drift. Null: unchanged.
    /// </summary>
    internal async Task<DriftCheckResult?> ChangedSinceAsync(PreparedTree prepared, CancellationToken cancellationToken)
    {
        var now = await store.GetTreeAsync(prepared.Name, cancellationToken).ConfigureAwait(false);
        if (now is null || now.CurrentVersion != prepared.Version || now.LastRunId != prepared.Record.LastRunId
            || now.Status != prepared.Record.Status)
            return DriftCheckResult.Skipped(prepared.Name, "the tree changed while its zone was read; the next cycle checks it");
        return await HeldAsync(prepared.Name, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DriftCheckResult?> HeldAsync(string tree, CancellationToken cancellationToken) =>
        await store.GetLockAsync(tree, cancellationToken).ConfigureAwait(false) is { } held && !held.IsExpired(time.GetUtcNow())
            ? DriftCheckResult.Skipped(tree, $"run {held.Owner} holds the tree")
            : null;

    /// <summary>Detect against what was read, repair if the policy asks, store the report and emit the metric.</summary>
    internal async Task<DriftCheckResult> FinishAsync(PreparedTree prepared, DriftObservation observed, CancellationToken cancellationToken)
    {
        var tree = prepared.Name;
        var report = DriftDetector.Detect(prepared.Desired, observed.Actual, observed.HealthCheckIds)
            with { Version = prepared.Version, CheckedAt = time.GetUtcNow() };
        var (repaired, failure) = await RepairAsync(prepared.Desired, prepared.Version, prepared.Record.LastRunId, report,
            observed.HealthCheckIds, cancellationToken).ConfigureAwait(false);
        report = report with { Repair = repaired };

        var previous = await store.GetDriftReportAsync(tree, cancellationToken).ConfigureAwait(false);
        await store.PutDriftReportAsync(tree, DriftReportJson.Write(report, indented: false), report.DriftedItems,
            cancellationToken).ConfigureAwait(false);
        metrics.Write(tree, report.DriftedItems, report.CheckedAt!.Value);
        if (report.HasDrift && (NewDrift(previous, report) || repaired is { Status: DriftRepairStatus.Started }))
            await Events.DriftDetectedAsync(prepared.Record, prepared.Version, report, cancellationToken).ConfigureAwait(false);
        // The report is stored either way; a failed start fails the message so the queue retries it.
        if (failure is not null) throw new DriftCheckException($"tree '{tree}': the repair run could not start: {failure.Message}",
            failure);
        return new DriftCheckResult(tree, report);
    }

    /// <summary>
    /// Whether the drift differs from the last stored report's: drift that stays as it was is announced once, not on
    /// every scheduled cycle (a report that cannot be read counts as different).
    /// </summary>
    private static bool NewDrift(DriftReportRecord? previous, DriftReport report)
    {
        if (previous is null) return true;
        try
        {
            var before = DriftReportJson.Read(previous.ReportJson);
            return !Keys(before).SetEquals(Keys(report));
        }
        catch (FormatException)
        {
            return true;
        }

        // An item's zone counts when it is not the tree's own: the same record drifting in the other zone of its name is new
        // drift, while reports stored before items carried a zone (all in the tree's zone) read as they did.
        static HashSet<string> Keys(DriftReport r) => r.Items.Select(i =>
            $"{i.Kind}|{i.Record}|{(i.HostedZoneId == r.HostedZoneId ? null : i.HostedZoneId)}|{i.NodeId}|{i.HealthCheckId}|"
            + string.Join(",", i.Fields.Select(f => f.ToString()))).ToHashSet();
    }

    private async Task<TreeSpec> LoadAsync(string tree, int version, CancellationToken cancellationToken)
    {
        var stored = await store.GetVersionAsync(tree, version, cancellationToken).ConfigureAwait(false)
            ?? throw new DriftCheckException($"tree '{tree}' is at version {version}, which is not stored");
        var loaded = SpecLoader.LoadStored(stored.SpecJson);
        // Versions are validated before they are stored; a failure means the rules grew stricter since.
        return loaded.Spec ?? throw new DriftCheckException(
            $"version {version} of tree '{tree}' no longer validates: " + string.Join("; ", loaded.Diagnostics.Select(d => d.ToString())));
    }

    private async Task<(DriftRepair? Repair, Exception? Failure)> RepairAsync(
        CompiledTree desired, int version, string? checkedLastRunId, DriftReport report, IReadOnlySet<string> healthCheckIds,
        CancellationToken cancellationToken)
    {
        var spec = desired.Spec;
        var decision = DriftRepairPolicy.Decide(spec.DriftPolicy ?? defaultPolicy, report, desired, healthCheckIds);
        if (decision is not { Status: DriftRepairStatus.Started }) return (decision, null);
        if (repair is null) return (new DriftRepair(DriftRepairStatus.Failed, Reason: "this deployment has no way to start runs"), null);
        // Checked here as well as in the run's own steps: a repair aimed at a zone the deployment does not allow never starts.
        // Every attachment's zone: the repair run may write in each.
        var allowed = allowedZones ?? ZoneAllowList.Any;
        if (Failover.Core.Validation.TreeValidator.ZonesOf(spec).Select(zone => allowed.Refusal(zone, spec.Name))
                .FirstOrDefault(r => r is not null) is { } refusal)
            return (new DriftRepair(DriftRepairStatus.Refused, Reason: refusal), null);
        try
        {
            var runId = await repair.StartAsync(spec, version, checkedLastRunId, cancellationToken).ConfigureAwait(false);
            return (decision with { RunId = runId }, null);
        }
        catch (DriftRepairRefusedException refused)
        {
            return (new DriftRepair(DriftRepairStatus.Refused, Reason: refused.Message), null);
        }
        catch (Exception failed) when (failed is not OperationCanceledException)
        {
            return (new DriftRepair(DriftRepairStatus.Failed, Reason: failed.Message), failed);
        }
    }
}

/// <summary>A tree ready to be compared: its item as read before the zone, its current version compiled, what it owns.</summary>
internal sealed record PreparedTree(TreeRecord Record, int Version, TreeSpec Spec, CompiledTree Desired, IReadOnlySet<RecordKey> Owned)
{
    public string Name => Record.Name;


    /// <summary>The tree answers or owns records in more than its own zone: a zone's shared snapshot cannot hold all of it.</summary>
    public bool SpansZones => Desired.OtherZones.Count > 0 || Owned.Any(k => k.Zone is not null);
}
