namespace Failover.Core.Spec.Syntax;

internal enum ValueKind
{
    Object,
    Array,
    String,
    Number,
    Boolean,
    Null,
}

/// <summary>A 1-based line and column in the spec text.</summary>
internal readonly record struct SourcePosition(int Line, int Column)
{
    public override string ToString() => $"line {Line}, column {Column}";
}

/// <summary>
/// The document both JSON and YAML are read into, so one mapper turns either into a <see cref="TreeSpec"/> and both
/// give identical results. Numbers keep their text; the mapper decides what fits.
/// </summary>
internal sealed class SpecValue
{
    private SpecValue(ValueKind kind, SourcePosition position, string? text)
    {
        Kind = kind;
        Position = position;
        Text = text;
    }

    public ValueKind Kind { get; }
    public SourcePosition Position { get; }
    /// <summary>The string, the number as written, or "true"/"false".</summary>
    public string? Text { get; }
    /// <summary>Object members in document order (duplicates are refused by the readers).</summary>
    public List<KeyValuePair<string, SpecValue>> Members { get; } = [];
    public List<SpecValue> Items { get; } = [];

    public static SpecValue NewObject(SourcePosition at) => new(ValueKind.Object, at, null);
    public static SpecValue NewArray(SourcePosition at) => new(ValueKind.Array, at, null);
    public static SpecValue String(string text, SourcePosition at) => new(ValueKind.String, at, text);
    public static SpecValue Number(string text, SourcePosition at) => new(ValueKind.Number, at, text);
    public static SpecValue Boolean(bool value, SourcePosition at) => new(ValueKind.Boolean, at, value ? "true" : "false");
    public static SpecValue Null(SourcePosition at) => new(ValueKind.Null, at, null);

    public string Describe() => Kind switch
    {
        ValueKind.Object => "an object",
        ValueKind.Array => "an array",
        ValueKind.String => $"a string (\"{Shorten(Text!)}\")",
        ValueKind.Number => $"a number ({Shorten(Text!)})",
        ValueKind.Boolean => Text!,
        _ => "null",
    };

    private static string Shorten(string text)
    {
        var shown = text.Length > 40 ? text[..40] + "…" : text;
        return string.Concat(shown.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
    }
}

/// <summary>Thrown by the syntax readers only, caught by <see cref="SpecParser"/>: the text could not be read at all.</summary>
internal sealed class SpecSyntaxException(string message, SourcePosition position) : Exception(message)
{
    public SourcePosition Position { get; } = position;
}
