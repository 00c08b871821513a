using System.Text;
using System.Text.Json;

namespace Failover.Service.Drift;

/// <summary>
/// What one drift queue message asks for: the trees to check, all in <see cref="HostedZoneId"/>, so the worker reads
/// that zone and the account's health checks once for all of them. A message of the per-tree format has no zone.
/// </summary>
public sealed record DriftWorkOrder(string? HostedZoneId, IReadOnlyList<string> Trees);

/// <summary>
/// The body of a drift queue message: <c>{"zone":"Z…","trees":["a","b"]}</c>, the trees of one hosted zone. The worker
/// still reads the per-tree <c>{"tree":"www"}</c> of earlier deployments, which may be in the queue during an update.
/// </summary>
public static class DriftMessage
{
    /// <summary>The per-tree form: one tree, no zone (the worker checks it alone).</summary>
    public static string Write(string tree) => Write(null, [tree]);

    public static string Write(string? hostedZoneId, IReadOnlyList<string> trees)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (hostedZoneId is null && trees.Count == 1) json.WriteString("tree", trees[0]);
            else
            {
                if (hostedZoneId is not null) json.WriteString("zone", hostedZoneId);
                json.WriteStartArray("trees");
                foreach (var tree in trees) json.WriteStringValue(tree);
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>What a message asks for; <see cref="FormatException"/> for a body that is not a drift message.</summary>
    public static DriftWorkOrder Read(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("tree", out var tree) && tree.ValueKind == JsonValueKind.String
                    && tree.GetString() is { Length: > 0 } name)
                    return new DriftWorkOrder(null, [name]);
                if (root.TryGetProperty("trees", out var trees) && trees.ValueKind == JsonValueKind.Array && trees.GetArrayLength() > 0
                    && trees.EnumerateArray().All(t => t.ValueKind == JsonValueKind.String && t.GetString() is { Length: > 0 }))
                {
                    string? zone = null;
                    if (root.TryGetProperty("zone", out var zoneElement))
                    {
                        if (zoneElement.ValueKind != JsonValueKind.String || zoneElement.GetString() is not { Length: > 0 } id)
                            throw new FormatException(Refusal(body));
                        zone = id;
                    }
                    return new DriftWorkOrder(zone, trees.EnumerateArray().Select(t => t.GetString()!).ToList());
                }
            }
        }
        catch (JsonException)
        {
        }
        throw new FormatException(Refusal(body));
    }

    private static string Refusal(string body) =>
        $"a drift message must be {{\"zone\":\"<hosted zone id>\",\"trees\":[\"<name>\", …]}} or {{\"tree\":\"<name>\"}}; this one is " +
        Shorten(body);

    private static string Shorten(string body) => body.Length <= 80 ? $"'{body}'" : $"'{body[..80]}…'";
}
