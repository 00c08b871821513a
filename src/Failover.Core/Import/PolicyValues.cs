using System.Globalization;
using System.Text.Json;
using Failover.Core.Diagnostics;

namespace Failover.Core.Import;

/// <summary>
/// Reads values from a policy document. Traffic Flow writes booleans and numbers either as JSON values or as strings
/// (<c>"Weight": "3"</c>, <c>"EvaluateTargetHealth": "true"</c>), so both are accepted.
/// </summary>
internal sealed class PolicyValues(List<SpecDiagnostic> diagnostics)
{
    public string? String(JsonElement obj, string name, string path, bool required = false)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required) Error(PolicyPath.Property(path, name), $"{name} is required");
            return null;
        }
        if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text) return text;
        Error(PolicyPath.Property(path, name), $"{name} must be a non-empty string, not {Describe(value)}");
        return null;
    }

    public bool? Bool(JsonElement obj, string name, string path)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        switch (value.ValueKind)
        {
            case JsonValueKind.True: return true;
            case JsonValueKind.False: return false;
            case JsonValueKind.String when bool.TryParse(value.GetString(), out var parsed): return parsed;
        }
        Error(PolicyPath.Property(path, name), $"{name} must be true or false, not {Describe(value)}");
        return null;
    }

    public long? Integer(JsonElement obj, string name, string path, long min, long max)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        long? number = value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var n) => n,
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
            _ => null,
        };
        if (number is { } within && within >= min && within <= max) return within;
        Error(PolicyPath.Property(path, name), $"{name} must be a whole number from {min} to {max}, not {Describe(value)}");
        return null;
    }

    public JsonElement? Object(JsonElement obj, string name, string path, bool required = false) =>
        Child(obj, name, path, JsonValueKind.Object, "an object", required);

    public JsonElement? Array(JsonElement obj, string name, string path, bool required = false) =>
        Child(obj, name, path, JsonValueKind.Array, "an array", required);

    /// <summary>Warns about every field this importer does not know, so nothing is dropped without a word.</summary>
    public void WarnUnknownFields(JsonElement obj, string path, IReadOnlyCollection<string> known)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                Warning(
                    PolicyPath.Property(path,
                    property.Name), $"unknown field {property.Name} is ignored (expected {string.Join(", ", known)})");
            }
        }
    }

    public bool HasErrorAt(string path) => diagnostics.Any(d => d.Path == path && d.Severity == Severity.Error);

    public void Error(string path, string message) => Add(new SpecDiagnostic(path, message));

    public void Warning(string path, string message) => Add(new SpecDiagnostic(path, message, Severity.Warning));

    // An endpoint or rule referenced from several places is visited once per reference; say each thing once.
    private void Add(SpecDiagnostic diagnostic)
    {
        if (!diagnostics.Contains(diagnostic)) diagnostics.Add(diagnostic);
    }

    private JsonElement? Child(JsonElement obj, string name, string path, JsonValueKind kind, string expected, bool required)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required) Error(PolicyPath.Property(path, name), $"{name} is required");
            return null;
        }
        if (value.ValueKind == kind) return value;
        Error(PolicyPath.Property(path, name), $"{name} must be {expected}, not {Describe(value)}");
        return null;
    }

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"\"{value.GetString()}\"",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Null => "null",
        _ => value.GetRawText(),
    };
}
