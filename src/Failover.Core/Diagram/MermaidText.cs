using System.Text;

namespace Failover.Core.Diagram;

/// <summary>
/// Escapes text for a quoted Mermaid label. Anything outside a small safe set becomes a Mermaid entity code
/// (<c>#34;</c>), so quotes, brackets, pipes, HTML and markdown markers cannot end the label or change its meaning.
/// </summary>
internal static class MermaidText
{
    public static string Escape(string line)
    {
        var builder = new StringBuilder(line.Length);
        var onlyDigitsSoFar = true;
        var atStart = true;
        foreach (var rune in line.EnumerateRunes())
        {
            var c = rune.Value;
            // "1. text" or "- text" at the start of a line reads as a markdown list to Mermaid; encode the marker.
            var listMarker = (onlyDigitsSoFar && !atStart && c is '.' or ')') || (atStart && c is '-' or '+');
            if (!listMarker && IsSafe(c)) builder.Append((char)c);
            else builder.Append('#').Append(c).Append(';');
            onlyDigitsSoFar &= c is >= '0' and <= '9';
            atStart = false;
        }
        return builder.ToString();
    }

    private static bool IsSafe(int c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' || (c < 0x10000 && " .,:/=+-_()@!?→".Contains((char)c));
}
