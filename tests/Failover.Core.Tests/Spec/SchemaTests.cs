using System.Text.Json.Nodes;
using Failover.Core.Geography;
using Failover.Core.Spec;
using Failover.Core.Tests.Validation;
using Failover.Core.Validation;

namespace Failover.Core.Tests.Spec;

/// <summary>schemas/tree.schema.json describes exactly what the parser reads, so the two cannot drift apart.</summary>
[Trait("Category", "Unit")]
public class SchemaTests
{
    private static readonly JsonNode Schema =
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schemas", "tree.schema.json")))!;

    public static TheoryData<string, string> ObjectDefinitions() => new()
    {
        { "tree", "" }, { "node", "node" }, { "endpoint", "endpoint" }, { "alias", "alias" }, { "location", "location" },
            { "healthCheck", "healthCheck" }, { "attachment", "attachment" },
    };

    [Theory]
    [MemberData(nameof(ObjectDefinitions))]
    public void Schema_properties_are_the_fields_the_parser_accepts(string objectName, string definition)
    {
        var properties = Definition(definition)["properties"]!.AsObject().Select(p => p.Key).Order();

        Assert.Equal(ParserFields(objectName).Order(), properties);
    }

    [Theory]
    [MemberData(nameof(ObjectDefinitions))]
    public void Every_object_refuses_unknown_fields_and_every_field_is_described(string objectName, string definition)
    {
        var node = Definition(definition);

        Assert.False(node["additionalProperties"]!.GetValue<bool>(), objectName);
        Assert.False(string.IsNullOrWhiteSpace(node["description"]?.GetValue<string>()), objectName);
        Assert.All(node["properties"]!.AsObject(),
            p => Assert.False(string.IsNullOrWhiteSpace(p.Value!["description"]?.GetValue<string>()), $"{objectName}.{p.Key}"));
    }

    [Fact]
    public void Required_fields_are_the_ones_the_parser_requires()
    {
        Assert.Equal(RequiredByParser("", ParserFields("tree")), Required(""));
        Assert.Equal(RequiredByParser("root", ParserFields("node")), Required("node"));
        Assert.Equal(RequiredByParser("root.primary.children[1].endpoint", ParserFields("endpoint")), Required("endpoint"));
        Assert.Equal(RequiredByParser("root.secondary.alias", ParserFields("alias")), Required("alias"));
        Assert.Equal(RequiredByParser("attachments[0]", ParserFields("attachment"), WithAnAttachment), Required("attachment"));
    }

    private static SpecDocument WithAnAttachment() => SpecDocument.Www().Set("attachments",
        """[{ "hostedZoneId": "Z0000000000000000000B", "zoneName": "example.org", "recordName": "www.example.org" }]""");

    [Fact]
    public void Enumerations_match_the_parser_and_the_validator()
    {
        Assert.Equal(Enum.GetValues<RoutingPolicy>().Select(SpecFields.Name), EnumOf("node", "routing"));
        Assert.Equal(Enum.GetValues<DriftPolicy>().Select(SpecFields.Name), EnumOf("", "driftPolicy"));
        Assert.Equal(AwsCatalog.RoutableRecordTypes, EnumOf("", "recordType"));
        Assert.Equal(AwsCatalog.HealthCheckTypes, EnumOf("healthCheck", "type"));
        Assert.Equal(GeoLocationCatalog.Continents, EnumOf("location", "continent"));
        Assert.Equal(GeoLocationCatalog.Countries.Order(StringComparer.Ordinal), EnumOf("location", "country"));
        Assert.Equal(AwsCatalog.HealthCheckerRegions,
            Definition("healthCheck")["properties"]!["regions"]!["items"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    private static JsonNode Definition(string name) => name == "" ? Schema : Schema["$defs"]![name]!;

    private static IEnumerable<string> Required(string definition) =>
        Definition(definition)["required"]!.AsArray().Select(v => v!.GetValue<string>()).Order();

    private static IEnumerable<string> EnumOf(string definition, string property) =>
        Definition(definition)["properties"]![property]!["enum"]!.AsArray().Select(v => v!.GetValue<string>());

    private static IReadOnlyList<string> ParserFields(string objectName) => objectName switch
    {
        "tree" => SpecFields.Tree,
        "node" => SpecFields.Node,
        "endpoint" => SpecFields.Endpoint,
        "alias" => SpecFields.Alias,
        "location" => SpecFields.Location,
        "attachment" => SpecFields.Attachment,
        _ => SpecFields.HealthCheck,
    };

    /// <summary>The fields of the www example's object at <paramref name="at"/> whose removal the parser calls a missing required
    /// field.</summary>
    private static IEnumerable<string> RequiredByParser(string at, IEnumerable<string> fields, Func<SpecDocument>? spec = null)
    {
        spec ??= SpecDocument.Www;
        var prefix = at == "" ? "" : at + ".";
        var jsonPathPrefix = at == "" ? "$." : "$." + at + ".";
        return fields
            .Where(f => f != "$schema")
            .Where(f => SpecParser.Parse(spec().Remove(prefix + f).Text).Diagnostics
                .Any(d => d.Path == jsonPathPrefix + f && d.Message == "required field is missing"))
            .Order()
            .ToList();
    }
}
