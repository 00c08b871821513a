using System.Globalization;
using System.Security;
using System.Text;

namespace Failover.Bench.Report;

/// <summary>One line of the plot: a strategy's wall time (seconds) at each tree size (leaves).</summary>
internal sealed record PlotSeries(string Name, string Color, IReadOnlyList<(int Leaves, double Seconds)> Points);

/// <summary>
/// Apply wall time against tree size as a small standalone SVG (linear axes, one polyline per strategy, each point
/// labelled with its value, the legend in the top-left corner where the lines start low), written by hand so the report
/// needs no plotting package.
/// </summary>
internal static class ApplyTimePlot
{
    private const int Width = 720;
    private const int Height = 440;
    private const int Left = 70;
    private const int Right = 80;
    private const int Top = 50;
    private const int Bottom = 60;

    public static string Render(string title, IReadOnlyList<PlotSeries> series)
    {
        var maxLeaves = NiceCeiling(series.SelectMany(s => s.Points).Select(p => (double)p.Leaves).DefaultIfEmpty(1).Max());
        var maxSeconds = NiceCeiling(series.SelectMany(s => s.Points).Select(p => p.Seconds).DefaultIfEmpty(1).Max());
        double X(double leaves) => Left + leaves / maxLeaves * (Width - Left - Right);
        double Y(double seconds) => Height - Bottom - seconds / maxSeconds * (Height - Top - Bottom);

        var svg = new StringBuilder();
        void Line(params FormattableString[] parts) => svg.AppendLine(MarkdownLine.Join(parts));
        Line($"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" """,
            $"""viewBox="0 0 {Width} {Height}" font-family="sans-serif" font-size="12">""");
        Line($"""<rect width="{Width}" height="{Height}" fill="white"/>""");
        Line($"""<text x="{Width / 2}" y="24" text-anchor="middle" font-size="15" font-weight="bold">{Escape(title)}</text>""");

        foreach (var tick in Ticks(maxSeconds))
        {
            Line($"""<line x1="{Left}" y1="{Y(tick):F1}" x2="{Width - Right}" y2="{Y(tick):F1}" stroke="#e3e3e3"/>""");
            Line($"""<text x="{Left - 8}" y="{Y(tick) + 4:F1}" text-anchor="end">{tick:0.#}</text>""");
        }
        foreach (var tick in Ticks(maxLeaves))
        {
            Line($"""<line x1="{X(tick):F1}" y1="{Height - Bottom}" x2="{X(tick):F1}" y2="{Height - Bottom + 5}" stroke="#333"/>""");
            Line($"""<text x="{X(tick):F1}" y="{Height - Bottom + 19}" text-anchor="middle">{tick:0}</text>""");
        }
        Line($"""<line x1="{Left}" y1="{Height - Bottom}" x2="{Width - Right}" y2="{Height - Bottom}" stroke="#333"/>""");
        Line($"""<line x1="{Left}" y1="{Top}" x2="{Left}" y2="{Height - Bottom}" stroke="#333"/>""");
        Line($"""<text x="{(Left + Width - Right) / 2}" y="{Height - 18}" text-anchor="middle">tree size (leaves)</text>""");
        Line($"""<text x="18" y="{(Top + Height - Bottom) / 2}" text-anchor="middle" """,
            $"""transform="rotate(-90 18 {(Top + Height - Bottom) / 2})">apply wall time (s)</text>""");

        foreach (var s in series)
        {
            var points = string.Join(' ', s.Points.OrderBy(p => p.Leaves)
                .Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(p.Leaves):F1},{Y(p.Seconds):F1}")));
            Line($"""<polyline points="{points}" fill="none" stroke="{s.Color}" stroke-width="2.5"/>""");
            foreach (var (leaves, seconds) in s.Points)
                Line($"""<circle cx="{X(leaves):F1}" cy="{Y(seconds):F1}" r="4" fill="{s.Color}"/>""");
        }
        // Labels of points at the same size are kept at least a line apart, stacked upwards from the lowest (so none
        // falls below the axis).
        foreach (var column in series.SelectMany(s => s.Points.Select(p => (s.Color, p.Leaves, p.Seconds))).GroupBy(p => p.Leaves))
        {
            var labelY = double.MaxValue;
            foreach (var (color, leaves, seconds) in column.OrderBy(p => p.Seconds))
            {
                labelY = Math.Min(Y(seconds) - 7, labelY - 14);
                Line($"""<text x="{X(leaves) + 7:F1}" y="{labelY:F1}" fill="{color}">{Seconds(seconds)}</text>""");
            }
        }
        Line($"""<rect x="{Left + 10}" y="{Top + 4}" width="230" height="{series.Count * 22 + 10}" """,
            $"""fill="white" fill-opacity="0.9" stroke="#ccc"/>""");
        for (var i = 0; i < series.Count; i++)
        {
            var legendY = Top + 20 + i * 22;
            Line($"""<line x1="{Left + 20}" y1="{legendY}" x2="{Left + 44}" y2="{legendY}" """,
                $"""stroke="{series[i].Color}" stroke-width="2.5"/>""");
            Line($"""<text x="{Left + 52}" y="{legendY + 4}">{Escape(series[i].Name)}</text>""");
        }
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    /// <summary>1, 2 or 5 times a power of ten, at least <paramref name="value"/>.</summary>
    private static double NiceCeiling(double value)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(value, 1e-9))));
        foreach (var step in new[] { 1.0, 2.0, 5.0, 10.0 })
            if (step * power >= value) return step * power;
        return 10 * power;
    }

    private static IEnumerable<double> Ticks(double max)
    {
        var step = max / 5;
        for (var i = 0; i <= 5; i++) yield return i * step;
    }

    private static string Seconds(double seconds) =>
        seconds.ToString(seconds >= 100 ? "0 's'" : "0.# 's'", CultureInfo.InvariantCulture);

    private static string Escape(string text) => SecurityElement.Escape(text) ?? "";
}
