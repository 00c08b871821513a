using System.Text;
using System.Text.Json;

namespace Failover.Service.Drift;

/// <summary>The body of a drift queue message: <c>{"tree":"www"}</c>, one tree per message.</summary>
public static class DriftMessage
{
    public static string Write(string tree)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("tree", tree);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The tree a message names; <see cref="FormatException"/> for a body that is not a drift message.</summary>
    public static string Read(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("tree", out var tree) && tree.ValueKind == JsonValueKind.String
                && tree.GetString() is { Length: > 0 } name)
                return name;
        }
        catch (JsonException)
        {
        }
        throw new FormatException($"a drift message must be {{\"tree\":\"<name>\"}}; this one is {Shorten(body)}");
    }

    private static string Shorten(string body) => body.Length <= 80 ? $"'{body}'" : $"'{body[..80]}…'";
}
