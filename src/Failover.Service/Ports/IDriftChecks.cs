using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using Failover.Core.Diagram;

namespace Failover.Service.Ports;

/// <summary>
/// Drift detection as the API uses it: <c>POST /trees/{name}/drift-check</c> runs a check now, and the diagram colours
/// nodes from the last stored report. The drift component implements it; a deployment without it answers
/// drift-check with 501 and draws no drift colours.
/// </summary>
public interface IDriftChecks
{
    /// <summary>Compares Route 53 with the tree's current version now, stores the report, and returns it.</summary>
    Task<DriftReportRecord> CheckNowAsync(TreeRecord tree, CancellationToken cancellationToken);

    /// <summary>How each drifted node of a stored report differs (node id → missing or changed).</summary>
    IReadOnlyDictionary<string, DriftState> NodeStates(DriftReportRecord report);
}

/// <summary>The check did not compare: a run holds the tree (a half-applied tree is not drift) or one started meanwhile.</summary>
public sealed class DriftCheckSkippedException(string message) : Exception(message);
