using System.Text.Json;
using Failover.Core.Diagram;

namespace Failover.Functions.Handlers.Health;

/// <summary>
/// What the answer watcher needs from a CloudWatch "Alarm State Change" event (EventBridge, <c>source: aws.cloudwatch</c>):
/// the health check the alarm watches (the <c>HealthCheckId</c> dimension of its <c>HealthCheckStatus</c> metric) and
/// its new state. ALARM is unhealthy, OK healthy; INSUFFICIENT_DATA says nothing about health.
/// </summary>
public sealed record AlarmStateChange(string AlarmName, string HealthCheckId, HealthState? State)
{
    public static AlarmStateChange Read(JsonElement root)
    {
        var detail = root.TryGetProperty("detail", out var d) ? d : throw new FormatException("the event has no detail");
        var alarm = Text(detail, "alarmName") ?? "";
        var state = detail.TryGetProperty("state", out var s) ? Text(s, "value") : null;
        var id = HealthCheckIdOf(detail) ?? throw new FormatException(
            $"alarm '{alarm}' watches no metric with a HealthCheckId dimension (Route 53's HealthCheckStatus)");
        return new AlarmStateChange(alarm, id, state switch
        {
            "ALARM" => HealthState.Unhealthy,
            "OK" => HealthState.Healthy,
            _ => null,
        });
    }

    private static string? HealthCheckIdOf(JsonElement detail)
    {
        if (!detail.TryGetProperty("configuration", out var configuration)
            || !configuration.TryGetProperty("metrics", out var metrics) || metrics.ValueKind != JsonValueKind.Array) return null;
        foreach (var metric in metrics.EnumerateArray())
            if (metric.TryGetProperty("metricStat", out var stat) && stat.TryGetProperty("metric", out var watched)
                && watched.TryGetProperty("dimensions", out var dimensions) && Text(dimensions, "HealthCheckId") is { } id)
                return id;
        return null;
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() : null;

    /// <summary>The event CloudWatch sends EventBridge when an alarm on the check's HealthCheckStatus changes state.</summary>
    public static string EventFor(string healthCheckId, HealthState state, string? alarmName = null)
    {
        var value = state == HealthState.Unhealthy ? "ALARM" : "OK";
        var previous = state == HealthState.Unhealthy ? "OK" : "ALARM";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("source", "aws.cloudwatch");
            json.WriteString("detail-type", "CloudWatch Alarm State Change");
            json.WriteStartObject("detail");
            json.WriteString("alarmName", alarmName ?? $"failover-health-{healthCheckId}");
            json.WriteStartObject("state");
            json.WriteString("value", value);
            json.WriteEndObject();
            json.WriteStartObject("previousState");
            json.WriteString("value", previous);
            json.WriteEndObject();
            json.WriteStartObject("configuration");
            json.WriteStartArray("metrics");
            json.WriteStartObject();
            json.WriteStartObject("metricStat");
            json.WriteStartObject("metric");
            json.WriteString("namespace", "AWS/Route53");
            json.WriteString("name", "HealthCheckStatus");
            json.WriteStartObject("dimensions");
            json.WriteString("HealthCheckId", healthCheckId);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
