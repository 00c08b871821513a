using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Failover.Core.Route53;

namespace Failover.Core.Drift;

/// <summary>
/// The drift report as JSON — what the progress table stores, <c>GET /trees/{name}/drift</c> answers and
/// <c>failover drift --json</c> prints:
/// <c>{"tree","hostedZoneId","recordName","version","checkedAt","driftedItems","items":[…],"repair"}</c>. Each item has
/// its <c>kind</c>, the members that kind uses, and a <c>message</c> for people (ignored when read back).
/// </summary>
public static class DriftReportJsonWriter
{
    public static string Write(DriftReport report, bool indented = true)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json =
            new Utf8JsonWriter(buffer,
            new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            Write(json, report);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void Write(Utf8JsonWriter json, DriftReport report)
    {
        json.WriteStartObject();
        json.WriteString("tree", report.Tree);
        json.WriteString("hostedZoneId", report.HostedZoneId);
        json.WriteString("recordName", report.RecordName);
        if (report.Version is { } version) json.WriteNumber("version", version);
        if (report.CheckedAt is { } checkedAt) json.WriteString("checkedAt",
            checkedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteNumber("driftedItems", report.DriftedItems);
        json.WriteStartArray("items");
        foreach (var item in report.Items) WriteItem(json, item);
        json.WriteEndArray();
        if (report.Repair is { } repair)
        {
            json.WriteStartObject("repair");
            json.WriteString("status", DriftJsonNames.Of(repair.Status));
            if (repair.RunId is not null) json.WriteString("runId", repair.RunId);
            if (repair.Reason is not null) json.WriteString("reason", repair.Reason);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void WriteItem(Utf8JsonWriter json, DriftItem item)
    {
        json.WriteStartObject();
        json.WriteString("kind", DriftJsonNames.Of(item.Kind));
        if (item.Record is { } record) WriteRecord(json, record);
        if (item.NodeId is not null) json.WriteString("nodeId", item.NodeId);
        if (item.HealthCheckId is not null) json.WriteString("healthCheckId", item.HealthCheckId);
        if (item.CallerReference is not null) json.WriteString("callerReference", item.CallerReference);
        if (item.Place is { } place) json.WriteString("place", DriftJsonNames.Of(place));
        if (item.Owned is { } owned) json.WriteBoolean("owned", owned);
        if (item.BlocksRepair) json.WriteBoolean("blocksRepair", true);
        if (item.Fields.Count > 0)
        {
            json.WriteStartArray("fields");
            foreach (var field in item.Fields)
            {
                json.WriteStartObject();
                json.WriteString("field", field.Field);
                WriteNullable(json, "expected", field.Expected);
                WriteNullable(json, "actual", field.Actual);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteString("message", item.Describe());
        json.WriteEndObject();
    }

    private static void WriteRecord(Utf8JsonWriter json, RecordKey record)
    {
        json.WriteStartObject("record");
        json.WriteString("name", record.Name);
        json.WriteString("type", record.Type);
        if (record.SetIdentifier is not null) json.WriteString("setIdentifier", record.SetIdentifier);
        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteString(name, value);
    }
}
