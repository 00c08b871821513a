using System.Text;
using Failover.Core.Diagnostics;
using Failover.Core.Spec.Syntax;
using Failover.Core.Validation;

namespace Failover.Core.Spec;

/// <summary>The outcome of reading a spec: the tree if it could be read at all, and every problem found.</summary>
public sealed record ParseResult(TreeSpec? Spec, IReadOnlyList<SpecDiagnostic> Diagnostics)
{
    public bool HasErrors => Spec is null || Diagnostics.Any(d => d.Severity == Severity.Error);
}

/// <summary>
/// Reads a tree spec from JSON or YAML text. Never throws on bad input: problems come back as diagnostics.
/// <see cref="ParseResult.Spec"/> is set only when the text was read without errors; see <see cref="SpecLoader"/> for
/// parsing and validating in one step.
/// </summary>
public static class SpecParser
{
    public static ParseResult Parse(string text) => Parse(text, null);

    public static ParseResult Parse(string text, ValidationLimits? limits)
    {
        var (spec, diagnostics) = ReadPartial(text, limits ?? ValidationLimits.Default);
        return new ParseResult(diagnostics.Count == 0 ? spec : null, diagnostics);
    }

    /// <summary>The tree as far as it could be read (bad fields absent, unreadable nodes left out) and the problems.</summary>
    internal static (TreeSpec? Spec, IReadOnlyList<SpecDiagnostic> Diagnostics) ReadPartial(string? text, ValidationLimits limits)
    {
        text ??= "";
        // A byte order mark is not part of the document; Utf8JsonReader would refuse it.
        if (text.StartsWith('\uFEFF')) text = text[1..];
        if (text.Length > limits.MaxSpecBytes || Encoding.UTF8.GetByteCount(text) > limits.MaxSpecBytes)
            return (null,
                [new SpecDiagnostic("$", $"the spec is larger than {limits.MaxSpecBytes / 1024} KB; split the tree or raise the limit")]);
        try
        {
            var document = LooksLikeJson(text)
                ? JsonSyntaxReader.Read(text, limits.MaxNesting)
                : YamlSyntaxReader.Read(text, limits.MaxNesting);
            var mapper = new SpecMapper();
            var spec = mapper.Map(document);
            return (spec, mapper.Diagnostics);
        }
        catch (SpecSyntaxException e)
        {
            var format = LooksLikeJson(text) ? "JSON" : "YAML";
            return (null,
                [
                new SpecDiagnostic("$", $"malformed {format} at {e.Position}: {e.Message}") { Line = e.Position.Line,
                Column = e.Position.Column }]);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The readers turn every known failure into a SpecSyntaxException; this is the promise never to throw.
            return (null, [new SpecDiagnostic("$", $"the spec could not be read: {e.Message}")]);
        }
    }

    /// <summary>JSON starts with an object or array; anything else (comments, "---", "name: …") is read as YAML.</summary>
    private static bool LooksLikeJson(string text)
    {
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c)) continue;
            return c is '{' or '[';
        }
        return false;
    }
}
