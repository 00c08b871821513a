using System.Text.Json;
using System.Text.Json.Serialization;

namespace Failover.Core.Contracts;

/// <summary>
/// A JSON value carried through as its text: a stored document (a version's canonical spec, a stored drift report)
/// that a resource embeds exactly as it was stored, without parsing it to write it again.
/// </summary>
[JsonConverter(typeof(RawJsonConverter))]
public readonly record struct RawJson(string Text);

public sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var value = JsonDocument.ParseValue(ref reader);
        return new RawJson(value.RootElement.GetRawText());
    }

    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) => writer.WriteRawValue(value.Text);
}
