using System.Text;
using System.Text.Json;

namespace Failover.Service.Metrics;

/// <summary>
/// One CloudWatch Embedded Metric Format line in the service's namespace (<c>Failover</c>): the <c>_aws</c> directive
/// naming the metrics and the dimension sets they are published under, then the dimensions' values, the metrics' values
/// and any plain fields. Lambda sends standard output to CloudWatch Logs, which turns such a line into metrics without a
/// PutMetricData request. The run and drift metrics both write through it.
/// </summary>
internal static class EmfLine
{
    public const string Namespace = "Failover";

    /// <param name="dimensionSets">Each a list of dimension names; an empty set publishes the metrics without dimensions.</param>
    public static string Format(DateTimeOffset at, IReadOnlyList<IReadOnlyList<string>> dimensionSets,
        IReadOnlyList<(string Name, string Value)> dimensions, IReadOnlyList<(string Name, string Unit, double Value)> metrics,
        IReadOnlyList<(string Name, string Value)>? textFields = null, IReadOnlyList<(string Name, int Value)>? numberFields = null)
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
            foreach (var set in dimensionSets)
            {
                json.WriteStartArray();
                foreach (var name in set) json.WriteStringValue(name);
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteStartArray("Metrics");
            foreach (var (name, unit, _) in metrics)
            {
                json.WriteStartObject();
                json.WriteString("Name", name);
                json.WriteString("Unit", unit);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            foreach (var (name, value) in dimensions) json.WriteString(name, value);
            foreach (var (name, _, value) in metrics) json.WriteNumber(name, value);
            foreach (var (name, value) in textFields ?? []) json.WriteString(name, value);
            foreach (var (name, value) in numberFields ?? []) json.WriteNumber(name, value);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
