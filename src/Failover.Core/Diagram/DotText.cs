using System.Text;

namespace Failover.Core.Diagram;

/// <summary>Escapes text for a double-quoted Graphviz string; label lines are joined with Graphviz's <c>\n</c>.</summary>
internal static class DotText
{
    public static string Quote(string text) => $"\"{Escape(text)}\"";

    public static string Label(IEnumerable<string> lines) => $"\"{string.Join("\\n", lines.Select(Escape))}\"";

    // A backslash starts an escape in Graphviz labels (\n, \N, \G, …); doubling it keeps it literal.
    private static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\': builder.Append("\\\\"); break;
                case '"': builder.Append("\\\""); break;
                case '\r': break;
                case '\n': builder.Append("\\n"); break;
                default:
                    if (char.IsControl(c)) builder.Append(' ');
                    else builder.Append(c);
                    break;
            }
        }
        return builder.ToString();
    }
}
