using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using Failover.Service.Ports.Route53;
using Failover.Core.Compilation;
using Failover.Core.Drift;
using Failover.Core.Spec;
using Failover.Core.Contracts;
using Failover.Service.Zones;

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
    public async Task<DriftCheckResult> RunAsync(string tree, CancellationToken cancellationToken = default)
    {
        var record = await store.GetTreeAsync(tree, cancellationToken).ConfigureAwait(false);
        if (record is null) return DriftCheckResult.Skipped(tree, $"no tree is called '{tree}'");
        if (record.Status is TreeStatus.Deleted or TreeStatus.Deleting) return DriftCheckResult.Skipped(tree, "the tree is torn down");
        if (record.CurrentVersion is not { } version) return DriftCheckResult.Skipped(tree, "no version of the tree was applied yet");
        if (await store.GetLockAsync(tree, cancellationToken).ConfigureAwait(false) is { } held && !held.IsExpired(time.GetUtcNow()))
            return DriftCheckResult.Skipped(tree, $"run {held.Owner} holds the tree");

        var spec = await LoadAsync(tree, version, cancellationToken).ConfigureAwait(false);
        var desired = TreeCompiler.Compile(spec);
        var owned = await store.GetOwnedRecordsAsync(tree, cancellationToken).ConfigureAwait(false);
        DriftObservation observed;
        try
        {
            observed = await new DriftStateReader(route53).ReadAsync(desired, owned, cancellationToken).ConfigureAwait(false);
        }
        catch (NoSuchHostedZoneException gone)
        {
            throw new DriftCheckException($"tree '{tree}': hosted zone {spec.HostedZoneId} no longer exists ({gone.Message})", gone);
        }

        var report = DriftDetector.Detect(desired, observed.Actual, observed.HealthCheckIds)
            with { Version = version, CheckedAt = time.GetUtcNow() };
        var (repaired, failure) = await RepairAsync(spec, version, record.LastRunId, report, cancellationToken).ConfigureAwait(false);
        report = report with { Repair = repaired };

        await store.PutDriftReportAsync(tree, DriftReportJson.Write(report, indented: false), report.DriftedItems,
            cancellationToken).ConfigureAwait(false);
        metrics.Write(tree, report.DriftedItems, report.CheckedAt!.Value);
        // The report is stored either way; a failed start fails the message so the queue retries it.
        if (failure is not null) throw new DriftCheckException($"tree '{tree}': the repair run could not start: {failure.Message}",
            failure);
        return new DriftCheckResult(tree, report);
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
        TreeSpec spec, int version, string? checkedLastRunId, DriftReport report, CancellationToken cancellationToken)
    {
        var decision = DriftRepairPolicy.Decide(spec.DriftPolicy ?? defaultPolicy, report);
        if (decision is not { Status: DriftRepairStatus.Started }) return (decision, null);
        if (repair is null) return (new DriftRepair(DriftRepairStatus.Failed, Reason: "this deployment has no way to start runs"), null);
        // Checked here as well as in the run's own steps: a repair aimed at a zone the deployment does not allow never starts.
        if ((allowedZones ?? ZoneAllowList.Any).Refusal(spec.HostedZoneId, spec.Name) is { } refusal)
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
