using System.Globalization;
using System.Text.RegularExpressions;
using Failover.Core.Diagnostics;

namespace Failover.Core.Spec.Syntax;

/// <summary>
/// Reads the fields of one object of the spec, reporting unknown fields, missing required ones and wrong types as
/// diagnostics with the field's JSON path. Never throws: a bad field reads as absent.
/// </summary>
internal sealed partial class FieldReader
{
    private readonly Dictionary<string, SpecValue> _fields = new(StringComparer.Ordinal);
    private readonly List<SpecDiagnostic> _diagnostics;

    private readonly SpecValue _object;

    private FieldReader(SpecValue obj, string path, List<SpecDiagnostic> diagnostics)
    {
        _object = obj;
        Path = path;
        _diagnostics = diagnostics;
    }

    public string Path { get; }

    /// <summary>A reader over <paramref name="value"/> if it is an object; otherwise reports the type and returns null.</summary>
    public static FieldReader? Open(
        SpecValue value, string path, string what, IReadOnlyList<string> known, List<SpecDiagnostic> diagnostics,
        Func<string, string?>? explainUnknown = null)
    {
        if (value.Kind != ValueKind.Object)
        {
            diagnostics.Add(At(path, $"expected {what} (an object), found {value.Describe()}", value));
            return null;
        }
        var reader = new FieldReader(value, path, diagnostics);
        foreach (var (name, field) in value.Members)
        {
            if (known.Contains(name)) reader._fields[name] = field;
            else diagnostics.Add(At(Child(path, name), explainUnknown?.Invoke(name) ?? Unknown(name, what, known), field));
        }
        return reader;
    }

    public static string Child(string path, string name) =>
        SimpleName().IsMatch(name) ? $"{path}.{name}" : $"{path}['{name.Replace("'", "\\'")}']";

    public static SpecDiagnostic At(string path, string message, SpecValue value) =>
        new(path, message) { Line = value.Position.Line, Column = value.Position.Column };

    public string PathOf(string name) => Child(Path, name);

    /// <summary>The field's value; null when absent or written as null (an optional field left out).</summary>
    public SpecValue? Get(string name, bool required = false)
    {
        if (_fields.TryGetValue(name, out var value) && value.Kind != ValueKind.Null) return value;
        if (required) _diagnostics.Add(
            At(PathOf(name), value is null ? "required field is missing" : "required field is null", value ?? _object));
        return null;
    }

    public string? String(string name, bool required = false)
    {
        var value = Get(name, required);
        if (value is null) return null;
        if (value.Kind == ValueKind.String) return value.Text;
        TypeError(name, "a string", value);
        return null;
    }

    public long? Integer(string name, bool required = false)
    {
        var value = Get(name, required);
        if (value is null) return null;
        if (value.Kind == ValueKind.Number
            && long.TryParse(value.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            return number;
        if (value.Kind == ValueKind.Number && IsWholeNumber(value.Text!))
            _diagnostics.Add(At(PathOf(name), $"the number {value.Text} is too large", value));
        else
            TypeError(name, "an integer", value);
        return null;
    }

    /// <summary>A number as written, or a string holding one (Route 53 takes coordinates as strings); null otherwise.</summary>
    public string? NumberText(string name, bool required = false)
    {
        var value = Get(name, required);
        if (value is null) return null;
        if (value.Kind is ValueKind.Number or ValueKind.String) return value.Text;
        TypeError(name, "a number", value);
        return null;
    }

    public int? Int32(string name)
    {
        var number = Integer(name);
        if (number is null or (>= int.MinValue and <= int.MaxValue)) return (int?)number;
        _diagnostics.Add(At(PathOf(name), $"the number {number} is too large", _fields[name]));
        return null;
    }

    public bool? Boolean(string name)
    {
        var value = Get(name);
        if (value is null) return null;
        if (value.Kind == ValueKind.Boolean) return value.Text == "true";
        TypeError(name, "true or false", value);
        return null;
    }

    public IReadOnlyList<string>? StringList(string name, bool required = false)
    {
        var value = Get(name, required);
        if (value is null) return null;
        if (value.Kind != ValueKind.Array)
        {
            TypeError(name, "an array of strings", value);
            return null;
        }
        var strings = new List<string>(value.Items.Count);
        for (var i = 0; i < value.Items.Count; i++)
        {
            var item = value.Items[i];
            if (item.Kind == ValueKind.String) strings.Add(item.Text!);
            else _diagnostics.Add(At($"{PathOf(name)}[{i}]", $"expected a string, found {item.Describe()}", item));
        }
        return strings;
    }

    /// <summary>One of <paramref name="allowed"/> (spelled exactly), or null with a diagnostic listing them.</summary>
    public T? Choice<T>(string name, IReadOnlyDictionary<string, T> allowed, bool required = false) where T : struct
    {
        var text = String(name, required);
        if (text is null) return null;
        if (allowed.TryGetValue(text, out var choice)) return choice;
        _diagnostics.Add(At(PathOf(name), $"\"{text}\" is not one of {string.Join(", ", allowed.Keys)}", _fields[name]));
        return null;
    }

    private void TypeError(string name, string expected, SpecValue found) =>
        _diagnostics.Add(At(PathOf(name), $"expected {expected}, found {found.Describe()}", found));

    private static bool IsWholeNumber(string text) => text.TrimStart('-').All(char.IsAsciiDigit);

    private static string Unknown(string name, string what, IReadOnlyList<string> known)
    {
        var closest = known.Where(k => k != "$schema").MinBy(k => Distance(k.ToLowerInvariant(), name.ToLowerInvariant()));
        var hint = closest is not null && Distance(closest.ToLowerInvariant(), name.ToLowerInvariant()) <= 2
            ? $" (did you mean \"{closest}\"?)" : "";
        return $"unknown field in {what}{hint}; allowed: {string.Join(", ", known)}";
    }

    private static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 2 || a.Length > 64 || b.Length > 64) return int.MaxValue;
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }

    [GeneratedRegex("^[A-Za-z_$][A-Za-z0-9_$]*\\z")]
    private static partial Regex SimpleName();
}
