namespace Failover.Api.Routing;

/// <summary>
/// A path template such as <c>/trees/{name}/plan</c>: literal segments match exactly (case-sensitive, as API
/// Gateway's routes do), <c>{parameter}</c> segments match one non-empty segment and capture it percent-decoded.
/// </summary>
public sealed class RouteTemplate
{
    private readonly string?[] _literals;
    private readonly string?[] _parameters;

    public RouteTemplate(string template)
    {
        if (string.IsNullOrEmpty(template) || template[0] != '/')
            throw new ArgumentException($"route template '{template}' must start with '/'", nameof(template));
        Text = template;
        var segments = Segments(template);
        _literals = new string?[segments.Length];
        _parameters = new string?[segments.Length];
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (segment.Length > 2 && segment[0] == '{' && segment[^1] == '}') _parameters[i] = segment[1..^1];
            else _literals[i] = segment;
        }
    }

    public string Text { get; }

    public IEnumerable<string> ParameterNames => _parameters.OfType<string>();

    /// <summary>The captured parameters if <paramref name="rawPath"/> matches; null otherwise.</summary>
    public IReadOnlyDictionary<string, string>? Match(string rawPath)
    {
        var segments = Segments(rawPath);
        if (segments.Length != _literals.Length) return null;
        Dictionary<string, string>? captured = null;
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = Decode(segments[i]);
            if (segment is null) return null;
            if (_literals[i] is { } literal)
            {
                if (!string.Equals(literal, segment, StringComparison.Ordinal)) return null;
            }
            else
            {
                if (segment.Length == 0) return null;
                (captured ??= new Dictionary<string, string>(StringComparer.Ordinal))[_parameters[i]!] = segment;
            }
        }
        return captured ?? (IReadOnlyDictionary<string, string>)EmptyParameters;
    }

    public override string ToString() => Text;

    private static readonly Dictionary<string, string> EmptyParameters = new(StringComparer.Ordinal);

    // "/trees/" and "/trees" are the same resource; an empty path is the root.
    private static string[] Segments(string path)
    {
        var trimmed = path.Trim('/');
        return trimmed.Length == 0 ? [] : trimmed.Split('/');
    }

    private static string? Decode(string segment)
    {
        try
        {
            return Uri.UnescapeDataString(segment);
        }
        catch (UriFormatException)
        {
            return null;
        }
    }
}
