namespace Failover.Core.Contracts;

/// <summary>The camelCase names the drift report uses for its enums (RecordMissing → recordMissing), both ways.</summary>
public static class CamelNames
{
    public static string Of<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        if (string.IsNullOrEmpty(text)) return false;
        foreach (var candidate in Enum.GetValues<T>())
            if (Of(candidate) == text)
            {
                value = candidate;
                return true;
            }
        return false;
    }
}
