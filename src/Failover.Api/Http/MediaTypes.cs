namespace Failover.Api.Http;

/// <summary>The media types the API reads and writes, and the checks on a request's Content-Type.</summary>
public static class MediaTypes
{
    public const string Json = "application/json";
    public const string ProblemJson = "application/problem+json";
    public const string PlainText = "text/plain; charset=utf-8";

    /// <summary>A spec may be JSON or YAML, as the CLI reads it; these are the names YAML goes by.</summary>
    public static readonly IReadOnlyList<string> Yaml = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"];

    /// <summary>The bare media type of a Content-Type header (no parameters, lower case); null when absent or blank.</summary>
    public static string? Essence(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType)) return null;
        var semicolon = contentType.IndexOf(';');
        return (semicolon < 0 ? contentType : contentType[..semicolon]).Trim().ToLowerInvariant();
    }

    /// <summary>The charset parameter, lower case, if one is given.</summary>
    public static string? Charset(string? contentType)
    {
        if (contentType is null) return null;
        foreach (var parameter in contentType.Split(';').Skip(1))
        {
            var equals = parameter.IndexOf('=');
            if (equals < 0 || !parameter[..equals].Trim().Equals("charset", StringComparison.OrdinalIgnoreCase)) continue;
            return parameter[(equals + 1)..].Trim().Trim('"').ToLowerInvariant();
        }
        return null;
    }

    /// <summary>application/json or any structured-syntax <c>+json</c> type (RFC 6839).</summary>
    public static bool IsJson(string? essence) =>
        essence is not null && (essence == Json || essence.EndsWith("+json", StringComparison.Ordinal));

    public static bool IsYaml(string? essence) => essence is not null && Yaml.Contains(essence);
}
