using System.Globalization;

namespace Failover.Bench.Report;

/// <summary>Writes one line of a report, given in parts so that long lines of source stay short.</summary>
internal delegate void LineWriter(params FormattableString[] parts);

internal static class MarkdownLine
{
    /// <summary>The parts formatted with the invariant culture and joined: numbers read the same on every machine.</summary>
    public static string Join(FormattableString[] parts) =>
        string.Concat(parts.Select(part => part.ToString(CultureInfo.InvariantCulture)));
}
