using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Failover.Core.Contracts;

/// <summary>
/// Writing and reading a contract with <see cref="FailoverJson"/>. Reading turns every failure into a
/// <see cref="FormatException"/> that starts with the JSON path of what is wrong, as the readers of stored documents promise.
/// </summary>
public static class WireJson
{
    public static string Write<T>(T value, bool indented = true) =>
        JsonSerializer.Serialize(value, TypeInfo<T>(indented));

    public static byte[] WriteBytes<T>(T value, bool indented = true) =>
        JsonSerializer.SerializeToUtf8Bytes(value, TypeInfo<T>(indented));

    /// <summary>
    /// Reads a JSON object document. <paramref name="what"/> names it in the message when the text is not JSON
    /// ("a stored plan"); <paramref name="notAnObject"/> is the message when it is JSON but not an object.
    /// </summary>
    public static T Read<T>(string json, string what, string notAnObject)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes);
        try
        {
            if (!reader.Read()) throw new FormatException($"{what} is not JSON: it is empty");
        }
        catch (JsonException e)
        {
            throw new FormatException($"{what} is not JSON: {e.Message}", e);
        }
        if (reader.TokenType != JsonTokenType.StartObject) throw new FormatException(notAnObject);
        try
        {
            return JsonSerializer.Deserialize(bytes, TypeInfo<T>(indented: false))
                ?? throw new FormatException(notAnObject);
        }
        catch (JsonException e) when (e.InnerException is null && e.Path is not null)
        {
            // The text is JSON, but a member holds a value of another kind than the contract's.
            throw new FormatException($"{e.Path}: not of the documented type ({e.Message})", e);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{what} is not JSON: {e.Message}", e);
        }
    }

    private static JsonTypeInfo<T> TypeInfo<T>(bool indented) =>
        (JsonTypeInfo<T>)(indented ? FailoverJson.Indented : FailoverJson.Compact).GetTypeInfo(typeof(T))!;
}
