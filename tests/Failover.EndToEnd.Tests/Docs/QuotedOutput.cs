using System.Text;
using System.Text.RegularExpressions;

namespace Failover.EndToEnd.Tests.Docs;

/// <summary>
/// Whether what the CLI printed is what the docs quote. Line by line and exact, except for what docs/cli.md says stands
/// for something else: <c>…</c> in a line for any text, a line of only <c>…</c> for any lines, a run id, AWS id
/// (change, hosted zone), health check id, sha256 prefix, timestamp or duration for any value of its shape, and two or
/// more spaces (table columns) for any run of spaces. An abridged quote's lines must appear in that order.
/// </summary>
public static partial class QuotedOutput
{
    public const string Ellipsis = "…";

    // Each shape a documented value may stand for, as the CLI prints it.
    private static readonly (Regex Shape, string Pattern)[] Volatile =
    [
        (RunId(), @"\d{8}T\d{9}Z-[0-9a-f]{12}"),
        (Uuid(), "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
        (Timestamp(), @"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?"),
        (Duration(), @"(\d+ h )?(\d+ min )?\d+(\.\d+)? m?s\b"),
        (AwsId(), "[A-Z0-9]{12,32}"),
        (ShortSha(), "[0-9a-f]{12}"),
    ];

    /// <summary>Null when <paramref name="actual"/> matches, else what differs.</summary>
    public static string? Mismatch(IReadOnlyList<string> quoted, string actual, bool abridged)
    {
        var expected = Lines(quoted);
        var got = Lines(actual.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'));
        if (abridged)
        {
            var at = 0;
            foreach (var line in expected.Where(l => l.Length > 0 && l.Trim() != Ellipsis))
            {
                var pattern = LinePattern(line);
                while (at < got.Count && !pattern.IsMatch(got[at])) at++;
                if (at == got.Count) return $"no line (in order) matches: {line}";
                at++;
            }
            return null;
        }
        return Matches(expected.Select(l => l.Trim() == Ellipsis ? null : LinePattern(l)).ToList(), got, 0, 0)
            ? null
            : FirstDifference(expected, got);
    }

    private static List<string> Lines(IEnumerable<string> lines)
    {
        var list = lines.Select(l => l.TrimEnd()).ToList();
        while (list.Count > 0 && list[^1].Length == 0) list.RemoveAt(list.Count - 1);
        while (list.Count > 0 && list[0].Length == 0) list.RemoveAt(0);
        return list;
    }

    // A null pattern is a line of only "…": any number of lines, tried shortest first.
    private static bool Matches(List<Regex?> expected, List<string> got, int e, int g)
    {
        if (e == expected.Count) return g == got.Count;
        if (expected[e] is not { } pattern)
        {
            for (var skip = g; skip <= got.Count; skip++)
                if (Matches(expected, got, e + 1, skip)) return true;
            return false;
        }
        return g < got.Count && pattern.IsMatch(got[g]) && Matches(expected, got, e + 1, g + 1);
    }

    private static string FirstDifference(List<string> expected, List<string> got)
    {
        var message = new StringBuilder();
        for (var i = 0; i < Math.Max(expected.Count, got.Count); i++)
        {
            var e = i < expected.Count ? expected[i] : "(nothing)";
            var g = i < got.Count ? got[i] : "(nothing)";
            if (e.Trim() == Ellipsis || (i < got.Count && i < expected.Count && LinePattern(e).IsMatch(g))) continue;
            message.AppendLine($"first difference at output line {i + 1}:").AppendLine($"  docs: {e}").AppendLine($"  CLI:  {g}");
            break;
        }
        message.AppendLine("the CLI printed:");
        foreach (var line in got) message.AppendLine("  " + line);
        return message.ToString();
    }

    /// <summary>One quoted line as a pattern over the whole printed line.</summary>
    public static Regex LinePattern(string line)
    {
        var pattern = new StringBuilder("^");
        var at = 0;
        while (at < line.Length)
        {
            if (line[at] == '…')
            {
                pattern.Append(".*");
                at++;
                continue;
            }
            if (line[at] == ' ' && at + 1 < line.Length && line[at + 1] == ' ')
            {
                while (at < line.Length && line[at] == ' ') at++;
                pattern.Append(" +");
                continue;
            }
            var shape = Volatile.Select(v => (v.Pattern, Match: v.Shape.Match(line, at)))
                .FirstOrDefault(v => v.Match.Success && v.Match.Index == at);
            if (shape.Match is { Success: true } && Bounded(line, at, shape.Match.Length))
            {
                pattern.Append(shape.Pattern);
                at += shape.Match.Length;
                continue;
            }
            pattern.Append(Regex.Escape(line[at].ToString()));
            at++;
        }
        return new Regex(pattern.Append('$').ToString(), RegexOptions.CultureInvariant);
    }

    // A shape stands for a value only as a whole word: "C0FFEE" inside a longer name is text.
    private static bool Bounded(string line, int at, int length) =>
        (at == 0 || !char.IsLetterOrDigit(line[at - 1])) && (at + length == line.Length || !char.IsLetterOrDigit(line[at + length]));

    [GeneratedRegex(@"\G\d{8}T\d{9}Z-[0-9a-f]{12}")]
    private static partial Regex RunId();

    [GeneratedRegex(@"\G[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Uuid();

    [GeneratedRegex(@"\G\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"\G(\d+ h )?(\d+ min )?\d+(\.\d+)? m?s\b")]
    private static partial Regex Duration();

    // Route 53 change ids and hosted zone ids (moto's and AWS's): capitals and digits, with at least one digit.
    [GeneratedRegex(@"\G(?=[A-Z]*[0-9])[A-Z0-9]{12,32}")]
    private static partial Regex AwsId();

    // The first 12 hex digits of a sha256, with at least one digit.
    [GeneratedRegex(@"\G(?=[a-f]*[0-9])[0-9a-f]{12}")]
    private static partial Regex ShortSha();
}
