using System.Globalization;
using System.Text.Json;
using Failover.Core.Route53;

namespace Failover.Core.Drift;

/// <summary>
/// Reads back what <see cref="DriftReportJsonWriter"/> wrote (a stored report, an API answer). A document that is not
/// a written report throws <see cref="FormatException"/> naming the JSON path.
/// </summary>
public static class DriftReportJsonReader
{
    public static DriftReport Read(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"a drift report is not JSON: {e.Message}", e);
        }
        using (document)
        {
            var root = Expect(document.RootElement, JsonValueKind.Object, "$");
            var items = Expect(Property(root, "items", "$"), JsonValueKind.Array, "$.items")
                .EnumerateArray().Select((item, i) => ReadItem(item, $"$.items[{i}]")).ToList();
            return new DriftReport(String(root, "tree", "$")!, String(root, "hostedZoneId", "$")!, String(root, "recordName", "$")!, items)
            {
                Version = root.TryGetProperty("version", out var version) ? Int(version, "$.version") : null,
                CheckedAt = root.TryGetProperty("checkedAt", out _) ? Time(String(root, "checkedAt", "$")!, "$.checkedAt") : null,
                Repair = root.TryGetProperty("repair", out var repair)
                    ? ReadRepair(Expect(repair, JsonValueKind.Object, "$.repair")) : null,
            };
        }
    }

    private static DriftItem ReadItem(JsonElement item, string path)
    {
        Expect(item, JsonValueKind.Object, path);
        var kind = Enum<DriftKind>(item, "kind", path)!.Value;
        var fields = item.TryGetProperty("fields", out var list)
            ? Expect(list, JsonValueKind.Array, path + ".fields").EnumerateArray().Select((field, i) =>
            {
                var at = $"{path}.fields[{i}]";
                Expect(field, JsonValueKind.Object, at);
                return new FieldDifference(String(field, "field", at)!, String(field, "expected", at, optional: true),
                    String(field, "actual", at, optional: true));
            }).ToList()
            : [];
        return new DriftItem(kind)
        {
            Record = item.TryGetProperty("record", out var record)
                ? ReadRecord(Expect(record, JsonValueKind.Object, path + ".record"), path + ".record") : null,
            NodeId = String(item, "nodeId", path, optional: true),
            HealthCheckId = String(item, "healthCheckId", path, optional: true),
            CallerReference = String(item, "callerReference", path, optional: true),
            Place = Enum<ExtraRecordPlace>(item, "place", path, optional: true),
            Owned = item.TryGetProperty("owned", out var owned) ? Bool(owned, path + ".owned") : null,
            Fields = fields,
        };
    }

    private static RecordKey ReadRecord(JsonElement record, string path) =>
        new(String(record, "name", path)!, String(record, "type", path)!, String(record, "setIdentifier", path, optional: true));

    private static DriftRepair ReadRepair(JsonElement repair) =>
        new(Enum<DriftRepairStatus>(repair, "status", "$.repair")!.Value,
            String(repair, "runId", "$.repair", optional: true), String(repair, "reason", "$.repair", optional: true));

    private static JsonElement Property(JsonElement element, string name, string path) =>
        element.TryGetProperty(name, out var value) ? value : throw new FormatException($"{path}.{name} is missing");

    private static JsonElement Expect(JsonElement element, JsonValueKind kind, string path) =>
        element.ValueKind == kind ? element
            : throw new FormatException($"{path} must be {(kind == JsonValueKind.Object ? "an object" : "an array")}");

    private static string? String(JsonElement element, string name, string path, bool optional = false)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return optional ? null : throw new FormatException($"{path}.{name} is missing");
        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw new FormatException($"{path}.{name} must be a string");
    }

    private static T? Enum<T>(JsonElement element, string name, string path, bool optional = false) where T : struct, Enum
    {
        var text = String(element, name, path, optional);
        if (text is null) return null;
        return DriftJsonNames.TryParse<T>(text, out var value)
            ? value
            : throw new FormatException($"{path}.{name} must be one of " +
                $"{string.Join(", ", System.Enum.GetValues<T>().Select(DriftJsonNames.Of))}; it is '{text}'");
    }

    private static int Int(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number
            : throw new FormatException($"{path} must be an integer");

    private static bool Bool(JsonElement value, string path) =>
        value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean()
            : throw new FormatException($"{path} must be true or false");

    private static DateTimeOffset Time(string text, string path) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw new FormatException($"{path} must be an ISO 8601 time; it is '{text}'");
}
