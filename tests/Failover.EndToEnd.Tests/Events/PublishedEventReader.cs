using System.Text.Json;
using System.Text.Json.Nodes;
using Failover.Core.Contracts.Events;
using Failover.Local.Events;
using Failover.Testing;
using Json.Schema;

namespace Failover.EndToEnd.Tests.Events;

/// <summary>
/// Reads the events the local stack saw published (<c>GET /_local/events</c>) and holds each to its JSON Schema in
/// docs/events/.
/// </summary>
public static class PublishedEventReader
{
    private static readonly Lazy<IReadOnlyDictionary<string, JsonSchema>> Schemas = new(LoadSchemas);

    /// <summary>The tree's events, oldest first, once <paramref name="done"/> holds for them.</summary>
    public static async Task<IReadOnlyList<JsonObject>> WaitForAsync(Uri edge, string tree, Func<IReadOnlyList<JsonObject>, bool> done,
        string what)
    {
        using var http = new HttpClient();
        return await Eventually.ReachAsync($"{what} (events of tree {tree})", async token =>
        {
            var body = await http.GetStringAsync(new Uri(edge, $"{PublishedEvents.Path}?tree={Uri.EscapeDataString(tree)}"), token);
            return (IReadOnlyList<JsonObject>)JsonNode.Parse(body)!["events"]!.AsArray().Select(e => e!.AsObject()).ToList();
        }, done, within: TimeSpan.FromSeconds(90), every: TimeSpan.FromMilliseconds(200));
    }

    public static IReadOnlyList<JsonObject> OfType(this IReadOnlyList<JsonObject> events, string detailType) =>
        events.Where(e => e["detail-type"]!.GetValue<string>() == detailType).ToList();

    /// <summary>Every way the event breaks its schema (none: it validates).</summary>
    public static IReadOnlyList<string> SchemaErrors(JsonObject published)
    {
        var type = published["detail-type"]!.GetValue<string>();
        if (!Schemas.Value.TryGetValue(type, out var schema)) return [$"no schema in docs/events for '{type}'"];
        using var document = JsonDocument.Parse(published.ToJsonString());
        var results = schema.Evaluate(document.RootElement,
            new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (results.IsValid) return [];
        return (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{type} {d.InstanceLocation}: {e.Value}")).DefaultIfEmpty($"{type}: invalid").ToList();
    }

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (Directory.Exists(Path.Combine(directory.FullName, "docs", "events"))) return directory.FullName;
        throw new InvalidOperationException("docs/events not found above " + AppContext.BaseDirectory);
    }

    private static IReadOnlyDictionary<string, JsonSchema> LoadSchemas()
    {
        var directory = Path.Combine(RepositoryRoot(), "docs", "events");
        return FailoverEventTypes.All.ToDictionary(t => t, t => JsonSchema.FromText(
            File.ReadAllText(Path.Combine(directory, FailoverEventTypes.SchemaFileName(t))),
            new BuildOptions { SchemaRegistry = new SchemaRegistry() }));
    }
}
