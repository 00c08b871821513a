using System.Collections.Concurrent;
using System.Xml.Linq;

namespace Failover.Local.Realism;

/// <summary>
/// The checker status tests set per health check (<c>POST /_local/health-status</c>). moto answers every
/// GetHealthCheckStatus with one "Success" observation and runs no checkers; with a status set here, every observation
/// of that check reports it instead, so a test can make an endpoint fail as Route 53 would see it.
/// </summary>
public sealed class ObservedHealthStatuses
{
    private readonly ConcurrentDictionary<string, string> _statuses = new(StringComparer.Ordinal);

    /// <summary>Sets the status every checker reports for the check; null goes back to moto's answer.</summary>
    public void Set(string healthCheckId, string? status)
    {
        if (status is null) _statuses.TryRemove(healthCheckId, out _);
        else _statuses[healthCheckId] = status;
    }

    public string? Get(string healthCheckId) => _statuses.GetValueOrDefault(healthCheckId);

    public IReadOnlyDictionary<string, string> All => new SortedDictionary<string, string>(_statuses, StringComparer.Ordinal);

    public void Clear() => _statuses.Clear();

    /// <summary>Rewrites the Status of every StatusReport in a GetHealthCheckStatus answer; false if it has none.</summary>
    public static bool Rewrite(XDocument answer, string status)
    {
        var reports = answer.Descendants().Where(e => e.Name.LocalName == "StatusReport").ToList();
        foreach (var report in reports)
        {
            var element = report.Elements().FirstOrDefault(e => e.Name.LocalName == "Status");
            if (element is null) report.AddFirst(new XElement(report.Name.Namespace + "Status", status));
            else element.Value = status;
        }
        return reports.Count > 0;
    }
}
