using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Failover.Api.Http;

namespace Failover.Api.Json;

/// <summary>Writes response documents with <see cref="Utf8JsonWriter"/>: no reflection, so the AOT binary keeps every field.</summary>
public static class ApiJson
{
    // Responses are read by programs and people, never embedded in HTML: "+", "&" and non-ASCII stay as they are.
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, Options)) write(json);
        return buffer.WrittenSpan.ToArray();
    }

    public static ApiResponse Response(int status, Action<Utf8JsonWriter> write) => ApiResponse.Json(status, Write(write));

    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static void WriteTimestamp(this Utf8JsonWriter json, string name, DateTimeOffset? value)
    {
        if (value is { } moment) json.WriteString(name, Timestamp(moment));
    }

    public static void WriteOptional(this Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null) json.WriteString(name, value);
    }

    public static void WriteOptional(this Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } number) json.WriteNumber(name, number);
    }

    /// <summary>Copies every property of a JSON object document (another writer's output) into the object being written.</summary>
    public static void WriteProperties(this Utf8JsonWriter json, string objectJson)
    {
        using var document = JsonDocument.Parse(objectJson);
        foreach (var property in document.RootElement.EnumerateObject()) property.WriteTo(json);
    }
}
