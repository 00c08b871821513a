using Failover.Core.Route53;
using Failover.Service.Progress;

namespace Failover.Service.Ports.Store;

/// <summary>The last drift report of each tree.</summary>
public interface IDriftReports
{
    Task<DriftReportRecord> PutDriftReportAsync(string tree, string reportJson, int driftedItems,
        CancellationToken cancellationToken = default);

    Task<DriftReportRecord?> GetDriftReportAsync(string tree, CancellationToken cancellationToken = default);
}
