using Failover.Core.Spec;

namespace Failover.Core.Tests.Spec;

/// <summary>The same spec written as JSON and as YAML reads into the same model with the same diagnostics.</summary>
[Trait("Category", "Unit")]
public class ParityTests
{
    public static TheoryData<string> JsonExamples() => new(Examples.All().Where(n => n.EndsWith(".json")));

    [Theory]
    [MemberData(nameof(JsonExamples))]
    public void Json_and_yaml_give_the_same_model(string example)
    {
        var json = Examples.Read(example);
        var yaml = YamlFromJson.Convert(json);

        var fromJson = SpecParser.Parse(json);
        var fromYaml = SpecParser.Parse(yaml);

        Assert.Empty(fromJson.Diagnostics);
        Assert.Empty(fromYaml.Diagnostics);
        Assert.Equal(SpecJsonWriter.Write(fromJson.Spec!), SpecJsonWriter.Write(fromYaml.Spec!));
        Assert.Equal(Paths(fromJson.Spec!), Paths(fromYaml.Spec!));
    }

    public static TheoryData<string, string> BrokenVariants() => new()
    {
        { "\"weight\": 50", "\"weight\": \"50\"" },
        { "\"weight\": 50", "\"weight\": 50.5" },
        { "\"ttl\": 60,", "\"ttl\": true, \"extra\": [1, {}]," },
        { "\"routing\": \"latency\"", "\"routing\": \"Latency\"" },
        { "\"values\": [\"192.0.2.10\"]", "\"values\": [1, null, \"x\"]" },
        { "\"healthCheck\": {}", "\"healthCheck\": []" },
        { "\"name\": \"www\",", "" },
        { "\"path\": \"/ready\"", "\"path\": \"/ready\", \"port\": 99999999999" },
    };

    [Theory]
    [MemberData(nameof(BrokenVariants))]
    public void Json_and_yaml_give_the_same_diagnostics(string find, string replace)
    {
        var json = Examples.Read("www.json").Replace(find, replace);
        var yaml = YamlFromJson.Convert(json);

        var fromJson = SpecParser.Parse(json).Diagnostics.Select(d => d.ToString()).ToList();
        var fromYaml = SpecParser.Parse(yaml).Diagnostics.Select(d => d.ToString()).ToList();

        Assert.NotEmpty(fromJson);
        Assert.Equal(fromJson, fromYaml);
    }

    [Fact]
    public void Plain_yaml_scalars_are_typed_like_json_and_quoted_ones_stay_strings()
    {
        var yaml = YamlFromJson.Convert(Examples.Read("www.json"));

        var plain = SpecParser.Parse(yaml.Replace("\"weight\": 50", "weight: 50")).Spec!;
        var quoted = SpecParser.Parse(yaml.Replace("\"weight\": 50", "weight: '50'"));

        Assert.Equal(50, plain.Root.Primary!.Children[0].Children[0].Weight);
        Assert.Contains(quoted.Diagnostics, d => d.Path == "$.root.primary.children[0].children[0].weight");
    }

    private static List<string> Paths(TreeSpec spec) => spec.Root.DescendantsAndSelf().Select(n => n.Path).ToList();
}
