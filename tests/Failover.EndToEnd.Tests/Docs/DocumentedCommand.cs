namespace Failover.EndToEnd.Tests.Docs;

/// <summary>
/// A <c>failover</c> command shown in a fenced code block of the docs. An example (<c>$ failover …</c>) carries the
/// output the docs quote under it, up to the next <c>$</c> line or the end of the block; a plain command line carries
/// none and is only parsed.
/// </summary>
public sealed record DocumentedCommand(string File, int Line, string Text, IReadOnlyList<string>? Output, bool Abridged)
{
    public bool IsExample => Output is not null;

    public override string ToString() => $"{File}:{Line}: failover {Text}";

    /// <summary>Every <c>failover</c> command in the fenced code blocks of one markdown file, in order.</summary>
    public static IReadOnlyList<DocumentedCommand> Extract(string file, string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var found = new List<DocumentedCommand>();
        var inFence = false;
        var fence = "";
        var prose = "";
        List<string>? output = null;
        DocumentedCommand? example = null;

        void CloseExample()
        {
            if (example is null) return;
            while (output!.Count > 0 && output[^1].Trim().Length == 0) output.RemoveAt(output.Count - 1);
            found.Add(example with { Output = output.ToArray() });
            example = null;
            output = null;
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.TrimStart();
            if (!inFence)
            {
                if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
                {
                    inFence = true;
                    fence = trimmed[..3];
                }
                else if (trimmed.Length > 0) prose = trimmed;
                continue;
            }
            if (trimmed.StartsWith(fence, StringComparison.Ordinal))
            {
                CloseExample();
                inFence = false;
                prose = "";
                continue;
            }
            var number = i + 1;
            if (trimmed.StartsWith("$ ", StringComparison.Ordinal))
            {
                CloseExample();
                var text = Joined(lines, ref i, trimmed[2..]);
                if (CommandText(text) is not { } command) continue;
                var abridged = SaysAbridged(prose) || SaysAbridged(Comment(text));
                example = new DocumentedCommand(file, number, command, [], abridged);
                output = [];
                continue;
            }
            if (example is not null)
            {
                output!.Add(line);
                continue;
            }
            if (CommandText(trimmed) is not null)
            {
                var text = Joined(lines, ref i, trimmed);
                found.Add(new DocumentedCommand(file, number, CommandText(text)!, null, false));
            }
        }
        CloseExample();
        return found;
    }

    /// <summary>The command after <c>failover </c> (or <c>./failover </c>), or null when the line runs something else.</summary>
    private static string? CommandText(string line)
    {
        foreach (var program in (string[])["failover ", "./failover "])
            if (line.StartsWith(program, StringComparison.Ordinal)) return line[program.Length..].Trim();
        return null;
    }

    /// <summary>A line continued with a trailing backslash, joined with the lines that continue it.</summary>
    private static string Joined(string[] lines, ref int i, string first)
    {
        var text = first.TrimEnd();
        while (text.EndsWith('\\') && i + 1 < lines.Length)
            text = text[..^1].TrimEnd() + " " + lines[++i].Trim();
        return text;
    }

    private static string Comment(string command) => ShellCommand.Parse(command).Comment;

    private static bool SaysAbridged(string text) => text.Contains("output abridged", StringComparison.OrdinalIgnoreCase);
}
