using System.Text;
using System.Text.Json;

namespace Failover.Core.Tests.Spec;

/// <summary>Writes a JSON document as block-style YAML, quoting every string, so parity tests can read the same spec both ways.</summary>
internal static class YamlFromJson
{
    public static string Convert(string json)
    {
        using var document = JsonDocument.Parse(json);
        var yaml = new StringBuilder();
        Write(document.RootElement, yaml, 0, afterDash: false);
        return yaml.ToString();
    }

    private static void Write(JsonElement element, StringBuilder yaml, int indent, bool afterDash)
    {
        var pad = new string(' ', indent);
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var first = true;
                foreach (var property in element.EnumerateObject())
                {
                    yaml.Append(first && afterDash ? "" : pad).Append(Quote(property.Name)).Append(':');
                    first = false;
                    WriteMemberValue(property.Value, yaml, indent + 2);
                }
                if (first) yaml.Append(afterDash ? "{}\n" : pad + "{}\n");
                break;
            case JsonValueKind.Array:
                if (element.GetArrayLength() == 0) yaml.Append(afterDash ? "[]\n" : pad + "[]\n");
                var firstItem = true;
                foreach (var item in element.EnumerateArray())
                {
                    yaml.Append(firstItem && afterDash ? "" : pad).Append("- ");
                    firstItem = false;
                    if (item.ValueKind is JsonValueKind.Object or JsonValueKind.Array) Write(item, yaml, indent + 2, afterDash: true);
                    else yaml.Append(Scalar(item)).Append('\n');
                }
                break;
            default:
                yaml.Append(Scalar(element)).Append('\n');
                break;
        }
    }

    private static void WriteMemberValue(JsonElement value, StringBuilder yaml, int indent)
    {
        if (value.ValueKind == JsonValueKind.Object && value.EnumerateObject().Any()
            || value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0)
        {
            yaml.Append('\n');
            Write(value, yaml, indent, afterDash: false);
        }
        else if (value.ValueKind == JsonValueKind.Object) yaml.Append(" {}\n");
        else if (value.ValueKind == JsonValueKind.Array) yaml.Append(" []\n");
        else yaml.Append(' ').Append(Scalar(value)).Append('\n');
    }

    private static string Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Quote(value.GetString()!),
        JsonValueKind.Null => "null",
        _ => value.GetRawText(),
    };

    // JSON string escapes are valid in YAML double-quoted scalars.
    private static string Quote(string text) => JsonSerializer.Serialize(text, TestJson.Default.String);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class TestJson : System.Text.Json.Serialization.JsonSerializerContext;
