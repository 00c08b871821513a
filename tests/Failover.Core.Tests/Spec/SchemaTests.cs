using System.Text.Json.Nodes;
using Failover.Core.Diagnostics;
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
        // recordType is required unless recordTypes (a dual-stack tree) stands in for it: the schema says so with a oneOf.
        Assert.Equal(RequiredByParser("", ParserFields("tree")), Required("").Append("recordType").Order(StringComparer.Ordinal));
        Assert.Contains("recordTypes", Schema["oneOf"]!.ToJsonString(), StringComparison.Ordinal);
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

    /// <summary>A value for each health check setting that is valid where the setting applies.</summary>
    private static readonly Dictionary<string, string> SampleSettings = new()
    {
        ["port"] = "8443", ["path"] = "\"/ready\"", ["fqdn"] = "\"www.example.com\"", ["searchString"] = "\"ok\"",
        ["requestInterval"] = "10", ["failureThreshold"] = "2", ["regions"] = "[\"us-east-1\", \"us-west-1\", \"eu-west-1\"]",
        ["measureLatency"] = "true", ["inverted"] = "true", ["enableSni"] = "true", ["target"] = "\"address\"",
        ["children"] = "[\"use1-b\"]", ["childHealthCheckIds"] = "[\"8d4b3d1c-1f2e-4a5b-9c6d-7e8f9a0b1c2d\"]", ["healthThreshold"] = "1",
        ["alarmName"] = "\"latency\"", ["alarmRegion"] = "\"us-east-1\"", ["insufficientDataHealthStatus"] = "\"Healthy\"",
        ["routingControlArn"] = "\"arn:aws:route53-recovery-control::111122223333:controlpanel/abc/routingcontrol/def\"",
    };

    /// <summary>
    /// The health check's allOf (if type … then these settings are off) is what the dashboard's editor reads to show a
    /// type's fields only; it must say exactly what the validator refuses, type by type and setting by setting.
    /// </summary>
    [Fact]
    public void Health_check_conditionals_are_the_settings_the_validator_refuses_for_each_type()
    {
        var definition = Definition("healthCheck");
        var settings = definition["properties"]!.AsObject().Select(p => p.Key).Where(f => f != "type").ToList();
        Assert.Equal(settings.Order(), SampleSettings.Keys.Order());
        const string check = "root.primary.children[0].children[0].endpoint.healthCheck";
        var disagreements = new List<string>();
        foreach (var type in AwsCatalog.HealthCheckTypes)
            foreach (var setting in settings)
            {
                var value = SampleSettings[setting];
                var spec = SpecDocument.Www().Set(check, $$"""{ "type": "{{type}}", "{{setting}}": {{value}} }""");
                var refused = SpecLoader.Load(spec.Text).Diagnostics
                    .Any(d => d.Severity == Severity.Error && d.Path == $"$.{check}.{setting}");
                var forbidden = SchemaForbids(definition, type, setting, JsonNode.Parse(value)!);
                if (refused != forbidden)
                    disagreements.Add($"{type} {setting}: the validator {(refused ? "refuses" : "accepts")} it, the schema "
                        + (forbidden ? "forbids it" : "allows it"));
            }
        Assert.Empty(disagreements);
    }

    /// <summary>Whether a `then` whose `if` holds for <paramref name="type"/> turns the setting off (false) or allows
    /// <paramref name="value"/> no more (a const it is not).</summary>
    private static bool SchemaForbids(JsonNode definition, string type, string setting, JsonNode value) =>
        definition["allOf"]!.AsArray().Any(branch =>
        {
            var condition = branch!["if"]!["properties"]!["type"]!;
            var negated = condition["not"] is not null;
            var listed = (negated ? condition["not"]! : condition)["enum"]!.AsArray().Any(t => t!.GetValue<string>() == type);
            if (listed == negated) return false;
            var then = branch["then"]!["properties"]![setting];
            return then switch
            {
                null => false,
                JsonValue off when off.GetValueKind() == System.Text.Json.JsonValueKind.False => true,
                _ => then["const"] is { } only && !JsonNode.DeepEquals(only, value),
            };
        });

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
