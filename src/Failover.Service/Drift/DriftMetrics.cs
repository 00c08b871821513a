using System.Text;
using System.Text.Json;

namespace Failover.Service.Drift;

/// <summary>
/// The <c>DriftedItems</c> metric (namespace <c>Failover</c>, dimension <c>Tree</c>) as one CloudWatch Embedded Metric
/// Format line. Lambda sends a function's standard output to CloudWatch Logs, which turns such lines into metrics
/// without a PutMetricData call (no extra SDK, no extra request); the template's alarm watches the metric.
/// </summary>
public sealed class DriftMetrics(TextWriter output)
{
    public const string Namespace = "Failover";
    public const string MetricName = "DriftedItems";
    public const string Dimension = "Tree";

    public void Write(string tree, int driftedItems, DateTimeOffset at)
    {
        var line = Format(tree, driftedItems, at);
        lock (output) output.WriteLine(line);
    }

    public static string Format(string tree, int driftedItems, DateTimeOffset at)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("_aws");
            json.WriteNumber("Timestamp", at.ToUnixTimeMilliseconds());
            json.WriteStartArray("CloudWatchMetrics");
            json.WriteStartObject();
            json.WriteString("Namespace", Namespace);
            json.WriteStartArray("Dimensions");
            json.WriteStartArray();
            json.WriteStringValue(Dimension);
            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteStartArray("Metrics");
            json.WriteStartObject();
            json.WriteString("Name", MetricName);
            json.WriteString("Unit", "Count");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteString(Dimension, tree);
            json.WriteNumber(MetricName, driftedItems);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
