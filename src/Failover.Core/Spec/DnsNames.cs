using System.Text;

namespace Failover.Core.Spec;

/// <summary>
/// How names are kept inside the core: lower case, no trailing dot (Route 53 treats both spellings alike); and how
/// they go to and come from the wire: fully qualified with the dot, and Route 53 answers with characters outside
/// a–z, 0–9, '-' and '_' as octal escapes, e.g. <c>\052</c> for the wildcard '*'.
/// </summary>
public static class DnsNames
{
    public static string Normalize(string name)
    {
        var lower = name.ToLowerInvariant();
        return lower.Length > 1 && lower.EndsWith('.') ? lower[..^1] : lower;
    }

    public static string ToWire(string name) => name.EndsWith('.') ? name : name + ".";

    public static string FromWire(string name)
    {
        var unescaped = name.Contains('\\') ? Unescape(name) : name;
        return unescaped.TrimEnd('.').ToLowerInvariant();
    }

    private static string Unescape(string name)
    {
        var text = new StringBuilder(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] == '\\' && IsOctal(name, i + 1) && IsOctal(name, i + 2) && IsOctal(name, i + 3))
            {
                text.Append((char)((name[i + 1] - '0') * 64 + (name[i + 2] - '0') * 8 + (name[i + 3] - '0')));
                i += 3;
            }
            else
            {
                text.Append(name[i]);
            }
        }
        return text.ToString();
    }

    private static bool IsOctal(string text, int index) => index < text.Length && text[index] is >= '0' and <= '7';

    /// <summary>
    /// The order of ListResourceRecordSets: names compared with their labels reversed and a trailing dot
    /// (<c>com.example.www.</c>), in ASCII. With <paramref name="trailingDot"/> false, the order emulators use.
    /// </summary>
    public static string ListingKey(string name, bool trailingDot = true)
    {
        var labels = FromWire(name).Split('.');
        Array.Reverse(labels);
        var key = string.Join('.', labels);
        return trailingDot ? key + "." : key;
    }
}
