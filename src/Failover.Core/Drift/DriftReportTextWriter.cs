using System.Globalization;
using System.Text;
using Failover.Core.Contracts;

namespace Failover.Core.Drift;

/// <summary>The drift report for a terminal: a headline, then one line per item.</summary>
public static class DriftReportTextWriter
{
    public static string Write(DriftReport report)
    {
        var text = new StringBuilder();
        var version = report.Version is { } v ? $" (version {v})" : "";
        var at = report.CheckedAt is { } checkedAt
            ? $", checked {checkedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC" : "";
        text.Append(report.Tree).Append(version).Append(": ")
            .Append(report.HasDrift ? $"{report.DriftedItems} drifted item(s)" : "Route 53 matches the tree")
            .Append(at).Append('\n');
        foreach (var item in report.Items)
            text.Append("  ").Append(Label(item.Kind).PadRight(9)).Append(' ').Append(item.Describe()).Append('\n');
        if (report.Repair is { } repair)
        {
            text.Append("repair: ").Append(CamelNames.Of(repair.Status));
            if (repair.RunId is not null) text.Append(", run ").Append(repair.RunId);
            if (repair.Reason is not null) text.Append(" — ").Append(repair.Reason);
            text.Append('\n');
        }
        return text.ToString();
    }

    private static string Label(DriftKind kind) => kind switch
    {
        DriftKind.RecordMissing or DriftKind.HealthCheckMissing or DriftKind.CidrCollectionMissing => "missing",
        DriftKind.RecordChanged or DriftKind.HealthCheckChanged or DriftKind.CidrCollectionChanged => "changed",
        DriftKind.RecordExtra => "extra",
        _ => "dangling",
    };
}
