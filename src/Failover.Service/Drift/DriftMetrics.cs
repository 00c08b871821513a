using Failover.Service.Metrics;

namespace Failover.Service.Drift;

/// <summary>
/// The <c>DriftedItems</c> metric (namespace <c>Failover</c>, dimension <c>Tree</c>) and the scheduler's
/// <c>DriftChecksScheduled</c> (no dimension, one per cycle) as CloudWatch Embedded Metric Format lines. Lambda sends a
/// function's standard output to CloudWatch Logs, which turns such lines into metrics
/// without a PutMetricData call (no extra SDK, no extra request); the template's alarm watches the metric.
/// </summary>
public sealed class DriftMetrics(TextWriter output)
{
    public const string Namespace = EmfLine.Namespace;
    public const string MetricName = "DriftedItems";
    public const string Dimension = "Tree";

    /// <summary>
    /// Written by every drift cycle, even one with no active tree: its absence is what the template's "drift checks
    /// stopped" alarm watches (missing data breaches), so a scheduler that stopped never looks like a zone without drift.
    /// </summary>
    public const string ScheduledMetricName = "DriftChecksScheduled";

    /// <summary>
    /// The Route 53 requests one drift message's reads made (dimension <c>HostedZone</c>), with the count per operation and
    /// the number of trees as plain fields of the log line: what a cycle costs the account's request budget.
    /// </summary>
    public const string RequestsMetricName = "DriftRoute53Requests";

    public const string ZoneDimension = "HostedZone";

    public void Write(string tree, int driftedItems, DateTimeOffset at) => WriteLine(Format(tree, driftedItems, at));

    public void WriteRequests(string? hostedZoneId, int trees, DriftRequestCounts requests, DateTimeOffset at) =>
        WriteLine(Format(RequestsMetricName, requests.Total, at, hostedZoneId is null ? null : (ZoneDimension, hostedZoneId),
            [("trees", trees), .. requests.ByOperation.Select(c => (c.Key, c.Value))]));

    /// <summary>One drift cycle ran and queued <paramref name="trees"/> checks.</summary>
    public void WriteScheduled(int trees, DateTimeOffset at) => WriteLine(FormatScheduled(trees, at));

    private void WriteLine(string line)
    {
        lock (output) output.WriteLine(line);
    }

    public static string FormatScheduled(int trees, DateTimeOffset at) => Format(ScheduledMetricName, trees, at, dimension: null);

    public static string Format(string tree, int driftedItems, DateTimeOffset at) =>
        Format(MetricName, driftedItems, at, (Dimension, tree));

    /// <summary>One metric (a count), under its one dimension or, without one, under the empty dimension set.</summary>
    private static string Format(string metric, int value, DateTimeOffset at, (string Name, string Value)? dimension,
        IReadOnlyList<(string Name, int Value)>? fields = null) =>
        EmfLine.Format(at, [dimension is { } named ? [named.Name] : []], dimension is { } set ? [set] : [],
            [(metric, "Count", value)], numberFields: fields);
}
