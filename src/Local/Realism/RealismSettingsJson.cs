using System.Text.Json;
using System.Text.Json.Nodes;
using Failover.Aws.Http;
using Failover.Aws.Route53;

namespace Failover.Local.Realism;

/// <summary>
/// The JSON form of <see cref="RealismSettings"/> used by <c>/_local/realism</c>. Reading applies a partial document
/// on top of the current settings, so a test sends only what it changes, e.g.
/// <c>{"faults":{"rate":1,"kinds":["Throttling"]}}</c> or <c>{"changePendingSeconds":0}</c>.
/// </summary>
public static class RealismSettingsJson
{
    public static void Write(Utf8JsonWriter json, RealismSettings settings)
    {
        json.WriteStartObject();
        json.WriteBoolean("enabled", settings.Enabled);
        json.WriteBoolean("aliasTargetsMustExist", settings.AliasTargetsMustExist);
        json.WriteBoolean("oneRoutingPolicyPerName", settings.OneRoutingPolicyPerName);
        json.WriteBoolean("noTtlOnAliases", settings.NoTtlOnAliases);
        json.WriteBoolean("uniqueRecordSets", settings.UniqueRecordSets);
        json.WriteBoolean("healthCheckIdempotency", settings.HealthCheckIdempotency);
        json.WriteNumber("changePendingSeconds", settings.ChangePendingFor.TotalSeconds);
        json.WriteStartObject("rateLimit");
        json.WriteBoolean("enabled", settings.RateLimit.Enabled);
        json.WriteNumber("perSecond", settings.RateLimit.PerSecond);
        json.WriteNumber("burst", settings.RateLimit.Burst);
        json.WriteEndObject();
        json.WriteStartObject("operationLimits");
        json.WriteBoolean("enabled", settings.OperationLimits.Enabled);
        json.WriteStartObject("limits");
        foreach (var (operation, limit) in settings.OperationLimits.Limits.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            json.WriteStartObject(operation);
            json.WriteNumber("burst", limit.Burst);
            json.WriteNumber("perSecond", limit.PerSecond);
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndObject();
        WriteFaults(json, "faults", settings.Faults);
        WriteFaults(json, "serviceFaults", settings.ServiceFaults);
        json.WriteEndObject();
    }

    private static void WriteFaults(Utf8JsonWriter json, string name, FaultSettings faults)
    {
        json.WriteStartObject(name);
        json.WriteNumber("rate", faults.Rate);
        json.WriteStartArray("kinds");
        foreach (var kind in faults.Kinds) json.WriteStringValue(kind.ToString());
        json.WriteEndArray();
        json.WriteStartArray("operations");
        foreach (var operation in faults.Operations) json.WriteStringValue(operation);
        json.WriteEndArray();
        json.WriteNumber("seed", faults.Seed);
        json.WriteEndObject();
    }

    /// <summary>
    /// Applies the properties present in <paramref name="document"/> to <paramref name="current"/>. Throws
    /// <see cref="ArgumentException"/> naming the property for unknown properties and values of the wrong type.
    /// </summary>
    public static RealismSettings Apply(RealismSettings current, string document)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(document); }
        catch (JsonException exception) { throw new ArgumentException($"the body is not JSON: {exception.Message}"); }
        if (root is not JsonObject settings) throw new ArgumentException("the body must be a JSON object of realism settings");

        var next = current;
        foreach (var (name, value) in settings)
        {
            next = name switch
            {
                "enabled" => next with { Enabled = Boolean(value, name) },
                "aliasTargetsMustExist" => next with { AliasTargetsMustExist = Boolean(value, name) },
                "oneRoutingPolicyPerName" => next with { OneRoutingPolicyPerName = Boolean(value, name) },
                "noTtlOnAliases" => next with { NoTtlOnAliases = Boolean(value, name) },
                "uniqueRecordSets" => next with { UniqueRecordSets = Boolean(value, name) },
                "healthCheckIdempotency" => next with { HealthCheckIdempotency = Boolean(value, name) },
                "changePendingSeconds" => next with { ChangePendingFor = TimeSpan.FromSeconds(Number(value, name)) },
                "rateLimit" => next with { RateLimit = RateLimit(next.RateLimit, Object(value, name)) },
                "operationLimits" => next with { OperationLimits = OperationLimits(next.OperationLimits, Object(value, name)) },
                "faults" => next with { Faults = Faults(next.Faults, Object(value, name), name) },
                "serviceFaults" => next with { ServiceFaults = Faults(next.ServiceFaults, Object(value, name), name) },
                _ => throw new ArgumentException($"'{name}' is not a realism setting"),
            };
        }
        return next;
    }

    private static RateLimitSettings RateLimit(RateLimitSettings current, JsonObject settings)
    {
        foreach (var (name, value) in settings)
        {
            var path = "rateLimit." + name;
            current = name switch
            {
                "enabled" => current with { Enabled = Boolean(value, path) },
                "perSecond" => current with { PerSecond = Number(value, path) },
                "burst" => current with { Burst = (int)Number(value, path) },
                _ => throw new ArgumentException($"'{path}' is not a realism setting"),
            };
        }
        return current;
    }

    /// <summary><c>{"enabled":true,"limits":{"CreateHealthCheck":{"perSecond":1}}}</c>: named operations change, others stay.</summary>
    private static OperationLimitSettings OperationLimits(OperationLimitSettings current, JsonObject settings)
    {
        foreach (var (name, value) in settings)
        {
            var path = "operationLimits." + name;
            current = name switch
            {
                "enabled" => current with { Enabled = Boolean(value, path) },
                "limits" => current with { Limits = Limits(current.Limits, Object(value, path), path) },
                _ => throw new ArgumentException($"'{path}' is not a realism setting"),
            };
        }
        return current;
    }

    private static Dictionary<string, OperationLimit> Limits(IReadOnlyDictionary<string, OperationLimit> current,
        JsonObject limits, string path)
    {
        var next = new Dictionary<string, OperationLimit>(current, StringComparer.Ordinal);
        foreach (var (operation, value) in limits)
        {
            var limit = next.GetValueOrDefault(operation) ?? Route53OperationLimits.Unlisted;
            foreach (var (name, number) in Object(value, $"{path}.{operation}"))
                limit = name switch
                {
                    "burst" => limit with { Burst = (int)Number(number, $"{path}.{operation}.{name}") },
                    "perSecond" => limit with { PerSecond = Number(number, $"{path}.{operation}.{name}") },
                    _ => throw new ArgumentException($"'{path}.{operation}.{name}' is not a realism setting"),
                };
            next[operation] = limit;
        }
        return next;
    }

    private static FaultSettings Faults(FaultSettings current, JsonObject settings, string group)
    {
        foreach (var (name, value) in settings)
        {
            var path = group + "." + name;
            current = name switch
            {
                "rate" => current with { Rate = Number(value, path) },
                "seed" => current with { Seed = (int)Number(value, path) },
                "kinds" => current with { Kinds = Strings(value, path).Select(kind => FaultKindNamed(kind, path)).ToArray() },
                "operations" => current with { Operations = Strings(value, path).ToArray() },
                _ => throw new ArgumentException($"'{path}' is not a realism setting"),
            };
        }
        return current;
    }

    public static FaultKind FaultKindNamed(string name, string path) =>
        Enum.TryParse<FaultKind>(name, ignoreCase: true, out var kind) && Enum.IsDefined(kind)
            ? kind
            : throw new ArgumentException($"{path}: '{name}' is not a fault kind ({string.Join(", ", Enum.GetNames<FaultKind>())})");

    private static bool Boolean(JsonNode? value, string path) =>
        value is JsonValue v && v.TryGetValue<bool>(out var result) ? result : throw new ArgumentException($"{path} must be true or false");

    private static double Number(JsonNode? value, string path) =>
        value is JsonValue v && v.TryGetValue<double>(out var result) ? result : throw new ArgumentException($"{path} must be a number");

    private static JsonObject Object(JsonNode? value, string path) =>
        value as JsonObject ?? throw new ArgumentException($"{path} must be an object");

    private static IEnumerable<string> Strings(JsonNode? value, string path) =>
        value is JsonArray array
            ? array.Select(item =>
                item is JsonValue v && v.TryGetValue<string>(out var text) ? text
                : throw new ArgumentException($"{path} must be an array of strings"))
            : throw new ArgumentException($"{path} must be an array of strings");
}
