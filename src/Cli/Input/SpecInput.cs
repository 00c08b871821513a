using Failover.Core.Diagnostics;
using Failover.Core.Spec;

namespace Failover.Cli.Input;

/// <summary>Reads a spec from a file or stdin (<c>-</c>), parses and validates it, and reports problems on stderr.</summary>
public static class SpecInput
{
    /// <summary>Larger than the spec limit so the parser, not the reader, gives the size error with its path.</summary>
    private const int MaxReadChars = 1 << 20;

    public static string ReadText(string path, CliConsole console)
    {
        if (path == "-") return ReadBounded(console.In);
        if (!File.Exists(path)) throw new CliUsageException($"{path}: no such file");
        using var reader = new StreamReader(path);
        return ReadBounded(reader);
    }

    /// <summary>
    /// Loads a spec; prints every diagnostic (path first, one per line) to stderr. Returns null when the spec has errors,
    /// so the caller exits 1.
    /// </summary>
    public static TreeSpec? Load(string path, CliConsole console) => LoadWithText(path, console).Spec;

    /// <summary>As <see cref="Load"/>, with the text as read: what goes to the service is what the user wrote.</summary>
    public static (TreeSpec? Spec, string Text) LoadWithText(string path, CliConsole console)
    {
        var text = ReadText(path, console);
        var result = SpecLoader.Load(text);
        Report(result.Diagnostics, path, console);
        return (result.HasErrors ? null : result.Spec, text);
    }

    /// <summary>
    /// A spec read for a teardown: parsed (name, zones, adopted checks), not validated. A teardown removes what the tree owns
    /// and writes nothing the spec describes, so a tree applied before the rules grew stricter can still be removed.
    /// </summary>
    public static TreeSpec? LoadForTeardown(string path, CliConsole console)
    {
        var result = SpecParser.Parse(ReadText(path, console));
        Report(result.Diagnostics, path, console);
        return result.Spec;
    }

    /// <summary>The spec text as a request body: JSON when it is an object, else YAML (the loader reads both).</summary>
    public static RequestBody Body(string text) =>
        text.TrimStart().StartsWith('{') ? RequestBody.Json(text) : new RequestBody(text, "application/yaml");

    public static void Report(IEnumerable<SpecDiagnostic> diagnostics, string source, CliConsole console)
    {
        foreach (var diagnostic in diagnostics) console.Error.WriteLine(diagnostic.ToString());
    }

    // A 10 MB body must not be slurped whole just to be refused: read one char past the limit and let the parser say no.
    private static string ReadBounded(TextReader reader)
    {
        var buffer = new char[MaxReadChars + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = reader.Read(buffer, total, buffer.Length - total)) > 0) total += read;
        return new string(buffer, 0, total);
    }
}
