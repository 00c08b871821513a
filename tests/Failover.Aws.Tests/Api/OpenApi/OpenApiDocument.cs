using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Failover.Aws.Tests.Api.OpenApi;

/// <summary>One response an operation documents: its description, its headers and a schema per content type.</summary>
internal sealed record DocumentedResponse(
    string Description, IReadOnlySet<string> Headers, IReadOnlyDictionary<string, JsonNode?> Contents);

/// <summary>One documented operation, with its responses by status ("200", "404", "default").</summary>
internal sealed record DocumentedOperation(
    string Method, string Path, string OperationId, IReadOnlyDictionary<string, DocumentedResponse> Responses)
{
    private readonly Regex _pattern = new("^" + Regex.Replace(Regex.Escape(Path), @"\\\{[a-z]+}", "[^/]+") + "$");

    public bool Matches(string method, string path) => method == Method && _pattern.IsMatch(path);

    public override string ToString() => $"{Method} {Path} ({OperationId})";
}

/// <summary>
/// docs/openapi.yaml read as JSON, and a JSON Schema for each of its response bodies. The document is OpenAPI 3.1,
/// whose Schema Object is JSON Schema 2020-12 (null is <c>type: [x, 'null']</c>, not 3.0's <c>nullable</c>), so a
/// response schema is validated as it is, with <c>components/schemas</c> carried along as <c>$defs</c> for its
/// <c>$ref</c>s. Validation is strict where the document is silent: an object schema that lists its properties gets
/// <c>unevaluatedProperties: false</c>, so a member the document does not name is a disagreement too.
/// </summary>
internal sealed class OpenApiDocument
{
    private const string ComponentSchemas = "#/components/schemas/";
    private const string OpenSuffix = ".open";
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    private readonly JsonObject _document;
    private readonly JsonObject _defs;

    private OpenApiDocument(JsonObject document)
    {
        _document = document;
        Version = (string)document["openapi"]!;
        var schemas = (JsonObject)document["components"]!["schemas"]!;
        _defs = [];
        foreach (var (name, schema) in schemas)
        {
            _defs[name] = Closed(schema, open: false);
            _defs[name + OpenSuffix] = Closed(schema, open: true);
        }
        Operations = ReadOperations();
    }

    public string Version { get; }

    public IReadOnlyList<DocumentedOperation> Operations { get; }

    public JsonObject Root => _document;

    public static OpenApiDocument Load() => new((JsonObject)YamlJson.Read(Path.Combine(RepositoryRoot(), "docs", "openapi.yaml"))!);

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "docs", "openapi.yaml"))) return directory.FullName;
        throw new InvalidOperationException("docs/openapi.yaml not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The body schema, as a standalone JSON Schema 2020-12 document that carries every component schema.</summary>
    public JsonSchema SchemaFor(JsonNode schema)
    {
        var root = Closed(schema, open: false) as JsonObject ?? new JsonObject { ["allOf"] = new JsonArray(Closed(schema, false)) };
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        root["$defs"] = _defs.DeepClone();
        return JsonSchema.FromText(root.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }

    /// <summary>Every error of <paramref name="instance"/> against the schema, each with where it is in the body.</summary>
    public static IReadOnlyList<string> Errors(JsonSchema schema, JsonElement instance)
    {
        var results = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (results.IsValid) return [];
        return (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value} ({e.Key} at {d.EvaluationPath})"))
            .DefaultIfEmpty("the body does not match (no detail)")
            .ToList();
    }

    private List<DocumentedOperation> ReadOperations()
    {
        var operations = new List<DocumentedOperation>();
        foreach (var (path, item) in (JsonObject)_document["paths"]!)
            foreach (var (method, operation) in (JsonObject)item!)
            {
                if (!Methods.Contains(method)) continue;
                var responses = ((JsonObject)operation!["responses"]!).ToDictionary(r => r.Key, r => ReadResponse(r.Value!));
                operations.Add(new DocumentedOperation(method.ToUpperInvariant(), path, (string)operation["operationId"]!, responses));
            }
        return operations;
    }

    private DocumentedResponse ReadResponse(JsonNode response)
    {
        var resolved = Resolve(response);
        var headers = (resolved["headers"] as JsonObject)?.Select(h => h.Key.ToLowerInvariant()).ToHashSet() ?? [];
        var contents = (resolved["content"] as JsonObject)?.ToDictionary(c => c.Key, c => c.Value!["schema"])
            ?? new Dictionary<string, JsonNode?>();
        return new DocumentedResponse((string?)resolved["description"] ?? "", headers, contents);
    }

    private JsonNode Resolve(JsonNode node)
    {
        if (node is not JsonObject { } o || !o.TryGetPropertyValue("$ref", out var reference)) return node;
        var target = (JsonNode?)_document;
        foreach (var token in ((string)reference!).TrimStart('#', '/').Split('/'))
            target = target?[token.Replace("~1", "/").Replace("~0", "~")];
        return target ?? throw new InvalidOperationException($"unresolved $ref {reference}");
    }

    /// <summary>
    /// A copy of the schema with its component <c>$ref</c>s pointing into <c>$defs</c>, and every object schema that
    /// names its properties closed to others. An <c>allOf</c> member stays open at its top (the whole is closed: its
    /// <c>unevaluatedProperties</c> sees what every member evaluated), so it refers to the open copy of a component.
    /// </summary>
    private static JsonNode? Closed(JsonNode? schema, bool open)
    {
        if (schema is not JsonObject source) return schema?.DeepClone();
        var copy = new JsonObject();
        foreach (var (key, value) in source)
            copy[key] = key switch
            {
                "$ref" => Redirect((string)value!, open),
                "properties" or "patternProperties" or "$defs" => new JsonObject(((JsonObject)value!)
                    .Select(p => KeyValuePair.Create(p.Key, Closed(p.Value, false)))),
                "allOf" => new JsonArray(((JsonArray)value!).Select(member => Closed(member, open: true)).ToArray()),
                "oneOf" or "anyOf" or "prefixItems" => new JsonArray(((JsonArray)value!).Select(member => Closed(member, false)).ToArray()),
                "items" or "additionalProperties" or "unevaluatedProperties" or "not" or "if" or "then" or "else" or "contains"
                    => Closed(value, false),
                _ => value?.DeepClone(),
            };
        var namesProperties = source.ContainsKey("properties") || source.ContainsKey("allOf");
        if (namesProperties && !open && !source.ContainsKey("additionalProperties") && !source.ContainsKey("unevaluatedProperties"))
            copy["unevaluatedProperties"] = false;
        return copy;
    }

    private static string Redirect(string reference, bool open) =>
        reference.StartsWith(ComponentSchemas, StringComparison.Ordinal)
            ? "#/$defs/" + reference[ComponentSchemas.Length..] + (open ? OpenSuffix : "")
            : throw new InvalidOperationException($"a schema $ref outside components/schemas: {reference}");
}
