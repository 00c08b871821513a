namespace Failover.Core.Drift;

/// <summary>The camelCase names the report's JSON uses for its enums, both ways.</summary>
internal static class DriftJsonNames
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
