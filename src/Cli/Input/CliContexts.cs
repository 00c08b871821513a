using System.Text.Json;
using System.Text.Json.Serialization;

namespace Failover.Cli.Input;

/// <summary>One named deployment in the CLI's config file: its API URL and how to sign for it.</summary>
public sealed record CliContext
{
    public string? Api { get; init; }
    public string? Profile { get; init; }
    public string? Region { get; init; }
}

/// <summary>
/// The config file's content: <c>{"current": "prod", "contexts": {"prod": {"api": …, "profile": …, "region": …}}}</c>.
/// </summary>
public sealed record CliConfig
{
    public string? Current { get; init; }
    public Dictionary<string, CliContext> Contexts { get; init; } = new(StringComparer.Ordinal);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(CliConfig))]
internal sealed partial class CliConfigJson : JsonSerializerContext;

/// <summary>
/// The CLI's config file of named contexts: <c>$FAILOVER_CONFIG</c>, else <c>$XDG_CONFIG_HOME/failover/config.json</c>, else
/// <c>~/.config/failover/config.json</c>. The context used is <c>--context</c>, else <c>$FAILOVER_CONTEXT</c>, else the
/// file's <c>current</c>; a flag or variable for a setting wins over the context's (flag &gt; environment &gt; context).
/// Every error names the file and the field.
/// </summary>
public static class CliContexts
{
    public const string PathVariable = "FAILOVER_CONFIG";
    public const string ContextVariable = "FAILOVER_CONTEXT";

    public static string FilePath()
    {
        if (Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path) return path;
        var root = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(root, "failover", "config.json");
    }

    /// <summary>The file's content; an empty config when there is no file.</summary>
    public static CliConfig Load(string path)
    {
        if (!File.Exists(path)) return new CliConfig();
        CliConfig config;
        try
        {
            config = JsonSerializer.Deserialize(File.ReadAllText(path), CliConfigJson.Default.CliConfig)
                ?? throw new CliUsageException($"{path}: the config file must be a JSON object");
        }
        catch (JsonException e)
        {
            throw new CliUsageException($"{path}: {(e.Path is { } at ? at + ": " : "")}{e.Message.Split(" Path:")[0]}");
        }
        foreach (var (name, context) in config.Contexts)
        {
            if (context is null) throw new CliUsageException($"{path}: $.contexts.{name} must be an object");
            if (context.Api is { } api && !(Uri.TryCreate(api, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
                throw new CliUsageException($"{path}: $.contexts.{name}.api must be the service's http(s) URL; it is '{api}'");
        }
        if (config.Current is { } current && !config.Contexts.ContainsKey(current))
            throw new CliUsageException($"{path}: $.current names context '{current}', which $.contexts does not have");
        return config with { Contexts = new Dictionary<string, CliContext>(config.Contexts, StringComparer.Ordinal) };
    }

    public static void Save(string path, CliConfig config)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(config, CliConfigJson.Default.CliConfig) + Environment.NewLine);
    }

    /// <summary>
    /// The context <paramref name="named"/> (the flag), else <c>$FAILOVER_CONTEXT</c>'s, else the current one; null if none.
    /// </summary>
    public static CliContext? Selected(string? named)
    {
        named ??= Environment.GetEnvironmentVariable(ContextVariable) is { Length: > 0 } variable ? variable : null;
        var path = FilePath();
        var config = Load(path);
        var name = named ?? config.Current;
        if (name is null) return null;
        return config.Contexts.TryGetValue(name, out var context)
            ? context
            : throw new CliUsageException($"{path}: no context is called '{name}' (it has: " +
                $"{(config.Contexts.Count == 0 ? "none" : string.Join(", ", config.Contexts.Keys.Order(StringComparer.Ordinal)))})");
    }
}
