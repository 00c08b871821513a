using System.Text;

namespace Failover.EndToEnd.Tests.Docs;

/// <summary>
/// The little of a POSIX shell line the docs use around a <c>failover</c> command: words with single and double
/// quotes and backslashes, a <c># comment</c>, <c>&gt; FILE</c> (stdout to a file), <c>2&gt;/dev/null</c>, and what
/// follows a <c>|</c>, <c>;</c> or <c>&amp;&amp;</c> (another command). Variables are kept as written.
/// </summary>
public sealed record ShellCommand(
    IReadOnlyList<string> Args, string? StdoutFile, bool StderrDropped, string? After, string Comment)
{
    public static ShellCommand Parse(string text)
    {
        var args = new List<string>();
        string? stdoutFile = null;
        var stderrDropped = false;
        string? after = null;
        var comment = "";
        var word = new StringBuilder();
        var inWord = false;
        string? redirect = null;

        void EndWord()
        {
            if (!inWord) return;
            var value = word.ToString();
            if (redirect == ">") stdoutFile = value;
            else if (redirect == "2>") stderrDropped = value == "/dev/null";
            else args.Add(value);
            redirect = null;
            word.Clear();
            inWord = false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\'')
            {
                var end = text.IndexOf('\'', i + 1);
                if (end < 0) throw new FormatException($"unclosed ' in: {text}");
                word.Append(text, i + 1, end - i - 1);
                inWord = true;
                i = end;
            }
            else if (c == '"')
            {
                inWord = true;
                for (i++; i < text.Length && text[i] != '"'; i++)
                {
                    if (text[i] == '\\' && i + 1 < text.Length && "\"\\$`".Contains(text[i + 1])) i++;
                    word.Append(text[i]);
                }
                if (i >= text.Length) throw new FormatException($"unclosed \" in: {text}");
            }
            else if (c == '\\' && i + 1 < text.Length)
            {
                word.Append(text[++i]);
                inWord = true;
            }
            else if (char.IsWhiteSpace(c)) EndWord();
            else if (c == '#' && !inWord)
            {
                comment = text[(i + 1)..].Trim();
                break;
            }
            else if (c == '2' && !inWord && i + 1 < text.Length && text[i + 1] == '>')
            {
                if (text.AsSpan(i).StartsWith("2>&1")) i += 3;
                else
                {
                    redirect = "2>";
                    i++;
                }
            }
            else if (c == '>')
            {
                EndWord();
                redirect = ">";
            }
            else if (c == '|' || c == ';' || (c == '&' && i + 1 < text.Length && text[i + 1] == '&'))
            {
                EndWord();
                after = text[i..].Trim();
                break;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }
        EndWord();
        return new ShellCommand(args, stdoutFile, stderrDropped, after, comment);
    }
}
