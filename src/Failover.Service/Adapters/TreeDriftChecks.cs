using Failover.Service.Ports;
using Failover.Service.Drift;
using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using Failover.Core.Diagram;
using Failover.Core.Drift;
using Failover.Core.Contracts;

namespace Failover.Service.Adapters;

/// <summary>The API's drift routes, served by the drift check the scheduled worker runs (one tree, now).</summary>
public sealed class TreeDriftChecks(TreeDriftCheck check) : IDriftChecks
{
    public async Task<DriftReportRecord> CheckNowAsync(TreeRecord tree, CancellationToken cancellationToken)
    {
        // DriftCheckException (the zone vanished, or the stored version no longer loads) goes to the caller as it is.
        var result = await check.RunAsync(tree.Name, cancellationToken).ConfigureAwait(false);
        // The route refused deleted and never-applied trees already; what is left is a run holding the tree (a
        // half-applied tree is not drift) or one that started meanwhile.
        if (result.Report is not { } report)
            throw new DriftCheckSkippedException($"tree '{tree.Name}' was not checked: {result.SkippedBecause}");
        return new DriftReportRecord(tree.Name, DriftReportJson.Write(report, indented: false), report.DriftedItems,
            report.CheckedAt ?? DateTimeOffset.UtcNow);
    }

    /// <summary>Missing wins over changed: a node whose record is gone is drawn as missing whatever else changed.</summary>
    public IReadOnlyDictionary<string, DriftState> NodeStates(DriftReportRecord report) =>
        StatesOf(DriftReportJson.Read(report.ReportJson));

    public static IReadOnlyDictionary<string, DriftState> StatesOf(DriftReport report)
    {
        var states = new Dictionary<string, DriftState>(StringComparer.Ordinal);
        foreach (var item in report.Items)
        {
            if (item.NodeId is not { } node) continue;
            var state = item.Kind is DriftKind.RecordMissing or DriftKind.HealthCheckMissing ? DriftState.Missing : DriftState.Changed;
            if (!states.TryGetValue(node, out var known) || known != DriftState.Missing) states[node] = state;
        }
        return states;
    }
}
