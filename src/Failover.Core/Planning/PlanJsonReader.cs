using System.Text.Json;
using Failover.Core.Route53;

namespace Failover.Core.Planning;

/// <summary>
/// Reads back what <see cref="PlanJsonWriter"/> wrote, so a plan computed once can be stored (the workflow keeps it in
/// the progress table) and applied layer by layer later. Names lose the trailing dot the wire form adds, as the core
/// holds them. A document that is not a written plan throws <see cref="FormatException"/> naming the JSON path.
/// </summary>
public static class PlanJsonReader
{
    public static Plan Read(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"a stored plan is not JSON: {e.Message}", e);
        }
        using (document)
        {
            var root = Object(document.RootElement, "$");
            var layers = new List<PlanLayer>();
            var index = 0;
            foreach (var layer in Array(root, "layers", "$"))
                layers.Add(ReadLayer(layer, $"$.layers[{index++}]"));
            return new Plan(String(root, "tree", "$"), String(root, "hostedZoneId", "$"), layers)
            {
                Conflicts = root.TryGetProperty("conflicts", out _) ? ReadConflicts(Array(root, "conflicts", "$")) : [],
                Summary = root.TryGetProperty("summary", out var summary) ? ReadSummary(Object(summary, "$.summary")) : PlanSummary.Empty,
            };
        }
    }

    private static PlanLayer ReadLayer(JsonElement layer, string path)
    {
        Object(layer, path);
        var name = String(layer, "name", path);
        if (layer.TryGetProperty("healthChecks", out _))
        {
            var checks = Array(layer, "healthChecks", path).Select((check, i) =>
            {
                var at = $"{path}.healthChecks[{i}]";
                return new PlannedHealthCheck(String(check, "nodeId", at), String(check, "callerReference", at),
                    ReadHealthCheckConfig(Property(check, "healthCheckConfig", at), at + ".healthCheckConfig"));
            }).ToList();
            return new PlanLayer(name, PlanLayerKind.HealthChecks) { HealthChecks = checks };
        }
        if (layer.TryGetProperty("changeBatches", out _))
        {
            var nodeIds = layer.TryGetProperty("changeNodeIds", out var ids) ? ids : default;
            var batches = Array(layer, "changeBatches", path)
                .Select((batch, i) => ReadChangeBatch(batch, $"{path}.changeBatches[{i}]", NodeIdsOf(nodeIds, i)))
                .ToList();
            return new PlanLayer(name, PlanLayerKind.Records) { ChangeBatches = batches };
        }
        if (layer.TryGetProperty("deleteHealthChecks", out _))
        {
            var deletions = Array(layer, "deleteHealthChecks", path).Select((deletion, i) =>
                new HealthCheckDeletion(String(deletion, "healthCheckId", $"{path}.deleteHealthChecks[{i}]"),
                    OptionalString(deletion, "nodeId"))).ToList();
            return new PlanLayer(name, PlanLayerKind.HealthCheckCleanup) { HealthCheckDeletions = deletions };
        }
        throw new FormatException($"{path}: a layer needs healthChecks, changeBatches or deleteHealthChecks");
    }

    private static IReadOnlyList<string?> NodeIdsOf(JsonElement nodeIds, int batch) =>
        nodeIds.ValueKind == JsonValueKind.Array && batch < nodeIds.GetArrayLength()
            ? nodeIds[batch].EnumerateArray().Select(id => id.ValueKind == JsonValueKind.String ? id.GetString() : null).ToList()
            : [];

    public static ChangeBatch ReadChangeBatch(JsonElement batch, string path, IReadOnlyList<string?>? nodeIds = null)
    {
        Object(batch, path);
        var changes = Array(batch, "Changes", path).Select((change, i) =>
        {
            var at = $"{path}.Changes[{i}]";
            var action = String(change, "Action", at) switch
            {
                "CREATE" => ChangeAction.Create,
                "UPSERT" => ChangeAction.Upsert,
                "DELETE" => ChangeAction.Delete,
                var other => throw new FormatException($"{at}.Action: '{other}' is not CREATE, UPSERT or DELETE"),
            };
            var nodeId = nodeIds is not null && i < nodeIds.Count ? nodeIds[i] : null;
            return new RecordChange(action, ReadRecordSet(Property(change, "ResourceRecordSet", at), at + ".ResourceRecordSet"), nodeId);
        }).ToList();
        return new ChangeBatch(changes, OptionalString(batch, "Comment"));
    }

    public static ResourceRecordSet ReadRecordSet(JsonElement record, string path)
    {
        Object(record, path);
        GeoLocation? geo = null;
        if (record.TryGetProperty("GeoLocation", out var location))
            geo =
                new GeoLocation(OptionalString(location, "ContinentCode"), OptionalString(location, "CountryCode"),
                OptionalString(location, "SubdivisionCode"));
        AliasTarget? alias = null;
        if (record.TryGetProperty("AliasTarget", out var target))
        {
            var at = path + ".AliasTarget";
            alias =
                new AliasTarget(String(target, "HostedZoneId", at), Unqualified(String(target, "DNSName", at)),
                Bool(target, "EvaluateTargetHealth", at));
        }
        return new ResourceRecordSet
        {
            Name = Unqualified(String(record, "Name", path)),
            Type = String(record, "Type", path),
            SetIdentifier = OptionalString(record, "SetIdentifier"),
            Weight = record.TryGetProperty("Weight", out var weight) ? weight.GetInt64() : null,
            Region = OptionalString(record, "Region"),
            GeoLocation = geo,
            Failover = OptionalString(record, "Failover"),
            MultiValueAnswer = record.TryGetProperty("MultiValueAnswer", out var multivalue) ? multivalue.GetBoolean() : null,
            Ttl = record.TryGetProperty("TTL", out var ttl) ? ttl.GetInt64() : null,
            ResourceRecords = record.TryGetProperty("ResourceRecords", out _)
                ? Array(record, "ResourceRecords", path)
                    .Select((value, i) => String(value, "Value", $"{path}.ResourceRecords[{i}]")).ToList()
                : [],
            AliasTarget = alias,
            HealthCheckId = OptionalString(record, "HealthCheckId"),
        };
    }

    public static HealthCheckConfig ReadHealthCheckConfig(JsonElement config, string path)
    {
        Object(config, path);
        return new HealthCheckConfig
        {
            IpAddress = OptionalString(config, "IPAddress"),
            Port = config.TryGetProperty("Port", out var port) ? port.GetInt32() : null,
            Type = String(config, "Type", path),
            ResourcePath = OptionalString(config, "ResourcePath"),
            FullyQualifiedDomainName = OptionalString(config, "FullyQualifiedDomainName"),
            SearchString = OptionalString(config, "SearchString"),
            RequestInterval = config.TryGetProperty("RequestInterval", out var interval) ? interval.GetInt32() : 30,
            FailureThreshold = config.TryGetProperty("FailureThreshold", out var threshold) ? threshold.GetInt32() : 3,
            MeasureLatency = config.TryGetProperty("MeasureLatency", out var latency) && latency.GetBoolean(),
            Inverted = config.TryGetProperty("Inverted", out var inverted) && inverted.GetBoolean(),
            EnableSni = config.TryGetProperty("EnableSNI", out var sni) ? sni.GetBoolean() : null,
            Regions = config.TryGetProperty("Regions", out _) ? Array(config, "Regions", path).Select(r => r.GetString()!).ToList() : [],
        };
    }

    private static IReadOnlyList<PlanConflict> ReadConflicts(IEnumerable<JsonElement> conflicts) =>
        conflicts.Select((conflict, i) =>
        {
            var at = $"$.conflicts[{i}]";
            return new PlanConflict(
                new RecordKey(Unqualified(String(conflict, "name", at)), String(conflict, "type", at),
                    OptionalString(conflict, "setIdentifier")),
                String(conflict, "reason", at));
        }).ToList();

    private static PlanSummary ReadSummary(JsonElement summary) => new(
        Int(summary, "recordsCreated"), Int(summary, "recordsUpdated"), Int(summary, "recordsDeleted"),
        Int(summary, "healthChecksCreated"), Int(summary, "healthChecksDeleted"), Int(summary, "existingRecords"));

    private static string Unqualified(string name) => name.EndsWith('.') ? name[..^1] : name;

    private static JsonElement Object(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Object ? element
            : throw new FormatException($"{path}: expected an object, found {element.ValueKind}");

    private static JsonElement Property(JsonElement element, string name, string path) =>
        element.TryGetProperty(name, out var value) ? value : throw new FormatException($"{path}.{name}: missing");

    private static IEnumerable<JsonElement> Array(JsonElement element, string name, string path)
    {
        var value = Property(element, name, path);
        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray()
            : throw new FormatException($"{path}.{name}: expected an array");
    }

    private static string String(JsonElement element, string name, string path)
    {
        var value = Property(element, name, path);
        return value.ValueKind == JsonValueKind.String ? value.GetString()!
            : throw new FormatException($"{path}.{name}: expected a string");
    }

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Bool(JsonElement element, string name, string path) =>
        Property(element, name, path).ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new FormatException($"{path}.{name}: expected true or false"),
        };

    private static int Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.TryGetInt32(out var number) ? number : 0;
}
