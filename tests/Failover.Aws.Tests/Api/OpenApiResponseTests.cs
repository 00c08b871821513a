using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Failover.Api.Http;
using Failover.Aws.Tests.Api.OpenApi;

namespace Failover.Aws.Tests.Api;

/// <summary>
/// docs/openapi.yaml describes what the API answers, body by body: every answer the in-memory API gives to the probes
/// (each route's successes, problems and failures) has a status the route documents, a content type it documents for
/// that status, a body its schema accepts (with no member the schema does not name) and the headers it documents; a
/// problem's type is one the response's description names; and every documented route, status and content type is
/// drawn out by some probe.
/// </summary>
[Trait("Category", "Unit")]
public sealed class OpenApiResponseTests
{
    private const string Default = "default";
    private const string NoBody = "(no body)";

    private static readonly Lazy<OpenApiDocument> Document = new(OpenApiDocument.Load);

    public static TheoryData<string> Probes => [.. ResponseProbes.All.Select(p => p.Name)];

    [Fact]
    public void The_document_is_OpenAPI_3_1_so_its_schemas_are_JSON_Schema_2020_12()
    {
        Assert.StartsWith("3.1.", Document.Value.Version);
        // 3.0's nullable means nothing to a 2020-12 validator: a 3.1 document says type: [x, 'null'] instead.
        Assert.DoesNotContain("\"nullable\":", Document.Value.Root.ToJsonString());
    }

    /// <summary>Bodies each schema must refuse: an unnamed member, a wrong type, a missing member, a bad date-time.</summary>
    public static TheoryData<string, string> Refused => new()
    {
        { "Problem", """{"type": "urn:x", "title": "t", "status": 400, "detail": "d", "instance": "/", "correlationId": "c", "x": 1}""" },
        { "Problem", """{"type": "urn:x", "title": "t", "status": "400", "detail": "d", "instance": "/", "correlationId": "c"}""" },
        { "TreeList", """{"trees": [{"name": "t"}]}""" },
        {
            "VersionWithSpec", """
            {"version": 1, "current": true, "hostedZoneId": "Z", "recordName": "r", "recordType": "A", "sha256": "s",
             "createdAt": "2026-03-01T12:00:00Z", "tree": "t", "spec": {}, "extra": 1}
            """
        },
        {
            "Tree", """
            {"name": "t", "hostedZoneId": "Z", "recordName": "r", "recordType": "A", "driftPolicy": null, "status": "ACTIVE",
             "currentVersion": 1, "latestVersion": 1, "createdAt": "yesterday", "updatedAt": "2026-03-01T12:00:00Z"}
            """
        },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void The_check_refuses_what_a_schema_does_not_describe(string component, string body)
    {
        var schema = Document.Value.SchemaFor(new JsonObject { ["$ref"] = "#/components/schemas/" + component });

        Assert.NotEmpty(OpenApiDocument.Errors(schema, JsonDocument.Parse(body).RootElement));
    }

    [Theory]
    [MemberData(nameof(Probes))]
    public async Task The_answer_is_one_the_document_describes(string name)
    {
        var probe = ResponseProbes.Named(name);
        var response = await probe.SendAsync();

        var (operation, status, documented) = Describe(probe, response);
        var mediaType = MediaType(response);
        if (documented.Contents.Count == 0)
        {
            Assert.True(response.Body.IsEmpty, $"{operation} {status} documents no body, but one came: {response.BodyText}");
        }
        else
        {
            Assert.True(documented.Contents.TryGetValue(mediaType, out var schemaNode),
                $"{operation} {status} documents {string.Join(", ", documented.Contents.Keys)}, not {mediaType}");
            var schema = Document.Value.SchemaFor(schemaNode ?? new JsonObject());
            var errors = OpenApiDocument.Errors(schema, Instance(response, mediaType));
            Assert.True(errors.Count == 0, $"{probe.Name}: {operation} {status} {mediaType} breaks its schema:\n"
                + string.Join("\n", errors) + "\n--- body\n" + response.BodyText);
        }
        foreach (var header in documented.Headers)
            Assert.True(response.Headers.ContainsKey(header), $"{operation} {status} documents header {header}; the answer has none");
        if (mediaType == MediaTypes.ProblemJson)
        {
            var type = ApiHarness.ProblemName(response);
            Assert.True(Regex.IsMatch(documented.Description, $@"(?<![\w-]){Regex.Escape(type)}(?![\w-])"),
                $"{probe.Name}: {operation} answered {type} under {status}, whose description does not name it: {documented.Description}");
        }
    }

    [Fact]
    public async Task Every_documented_status_and_content_type_of_every_route_is_checked_by_a_probe()
    {
        var seen = new HashSet<string>();
        foreach (var probe in ResponseProbes.All)
        {
            var response = await probe.SendAsync();
            var (operation, status, documented) = Describe(probe, response);
            seen.Add($"{operation} {status} {(documented.Contents.Count == 0 ? NoBody : MediaType(response))}");
        }

        var missing = Document.Value.Operations
            .SelectMany(o => o.Responses.SelectMany(r =>
                (r.Value.Contents.Count == 0 ? [NoBody] : r.Value.Contents.Keys).Select(type => $"{o} {r.Key} {type}")))
            .Where(answer => !seen.Contains(answer))
            .ToList();
        Assert.True(missing.Count == 0, "documented answers no probe draws out:\n" + string.Join("\n", missing));
    }

    /// <summary>The documented operation and response the answer falls under; an undocumented status fails here.</summary>
    private static (DocumentedOperation Operation, string Status, DocumentedResponse Response) Describe(
        ResponseProbe probe, ApiResponse response)
    {
        var path = probe.Path.Split('?')[0];
        var operation = Document.Value.Operations.SingleOrDefault(o => o.Matches(probe.Method, path))
            ?? throw new Xunit.Sdk.XunitException($"{probe.Name}: no documented operation serves {probe.Method} {path}");
        var status = response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses.TryGetValue(status, out var documented)) return (operation, status, documented);
        // default describes the failures any route can meet; anything else must be listed under its own status.
        if (response.StatusCode >= 500 && operation.Responses.TryGetValue(Default, out documented))
            return (operation, Default, documented);
        throw new Xunit.Sdk.XunitException(
            $"{probe.Name}: {operation} answered {status}, which it does not document: {response.BodyText}");
    }

    private static string MediaType(ApiResponse response) => response.ContentType.Split(';')[0].Trim();

    private static JsonElement Instance(ApiResponse response, string mediaType) =>
        mediaType.EndsWith("json", StringComparison.Ordinal)
            ? JsonDocument.Parse(response.Body).RootElement.Clone()
            : JsonSerializer.SerializeToElement(response.BodyText, OpenApiJson.Default.String);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class OpenApiJson : System.Text.Json.Serialization.JsonSerializerContext;
