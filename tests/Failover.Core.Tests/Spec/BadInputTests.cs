using System.Text;
using Failover.Core.Spec;
using Failover.Core.Validation;

namespace Failover.Core.Tests.Spec;

/// <summary>Whatever the text, the parser answers with diagnostics, never an exception.</summary>
[Trait("Category", "Unit")]
public class BadInputTests
{
    [Theory]
    [InlineData("{\"name\": \"www\",, }", 1, 16)]
    [InlineData("{\n  \"name\": \"www\"\n  \"zoneName\": \"example.com\"\n}", 3, 3)]
    [InlineData("[1, 2", 1, 6)]
    [InlineData("{\"name\": \"www\"} trailing", 1, 17)]
    public void Malformed_json_is_one_diagnostic_with_line_and_column(string text, int line, int column)
    {
        var diagnostic = Assert.Single(SpecParser.Parse(text).Diagnostics);

        Assert.Equal("$", diagnostic.Path);
        Assert.StartsWith($"malformed JSON at line {line}, column {column}: ", diagnostic.Message);
        Assert.Equal((line, column), (diagnostic.Line, diagnostic.Column));
    }

    [Theory]
    [InlineData("name: www\n  zoneName: example.com\n", 2)]
    [InlineData("name: [www\n", 2)]
    [InlineData("name: \"www\nzoneName: x\n", 1)]
    [InlineData("name: www\nname: other\n", 2)]
    [InlineData("base: &b {a: 1}\nroot: *b\n", 2)]
    [InlineData("name: www\n---\nname: other\n", 2)]
    [InlineData("? [a, b]\n: 1\n", 1)]
    public void Malformed_yaml_is_one_diagnostic_with_a_line(string text, int line)
    {
        var diagnostic = Assert.Single(SpecParser.Parse(text).Diagnostics);

        Assert.StartsWith($"malformed YAML at line {line}, column ", diagnostic.Message);
        Assert.Equal(line, diagnostic.Line);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t")]
    [InlineData("# only a comment\n")]
    public void Empty_text_is_reported(string text)
    {
        Assert.Contains("empty", Assert.Single(SpecParser.Parse(text).Diagnostics).Message);
    }

    [Theory]
    [InlineData("42")]
    [InlineData("[1, 2]")]
    [InlineData("just words")]
    [InlineData("- a\n- b\n")]
    [InlineData("null")]
    public void A_document_that_is_not_an_object_is_reported(string text)
    {
        var diagnostic = Assert.Single(SpecParser.Parse(text).Diagnostics);

        Assert.Equal("$", diagnostic.Path);
        Assert.StartsWith("expected the tree spec (an object)", diagnostic.Message);
    }

    public static TheoryData<string> AllExamples() => new(Examples.All());

    [Theory]
    [MemberData(nameof(AllExamples))]
    public void Every_truncation_of_an_example_gives_diagnostics(string example)
    {
        var bytes = Encoding.UTF8.GetBytes(Examples.Read(example));

        for (var length = 0; length < bytes.Length - 1; length += 7)
        {
            var text = Encoding.UTF8.GetString(bytes, 0, length);
            var parsed = SpecParser.Parse(text);
            var loaded = SpecLoader.Load(text);
            Assert.DoesNotContain(parsed.Diagnostics.Concat(loaded.Diagnostics), d => d.Message.StartsWith("the spec could not be read"));
            if (example.EndsWith(".json"))
            {
                Assert.True(parsed.HasErrors, $"{example} cut at {length} bytes parsed without errors");
                Assert.True(loaded.HasErrors, $"{example} cut at {length} bytes loaded without errors");
            }
            else
            {
                // A YAML prefix ending between list items is a complete document (a tree with fewer children);
                // then it must be a whole spec, not a half-read one.
                Assert.True(parsed.HasErrors || parsed.Spec is not null, $"{example} cut at {length} bytes");
            }
        }
    }

    [Theory]
    [InlineData('[')]
    [InlineData('{')]
    public void Deep_json_nesting_is_refused(char open)
    {
        var text = open == '['
            ? new string('[', 100_000) + new string(']', 100_000)
            : string.Concat(Enumerable.Repeat("{\"a\":", 100_000)) + "1" + new string('}', 100_000);

        var diagnostic = Assert.Single(SpecParser.Parse(text, new ValidationLimits { MaxSpecBytes = 1 << 20 }).Diagnostics);

        Assert.Contains("nests deeper than 64 levels", diagnostic.Message);
    }

    [Fact]
    public void Deep_yaml_nesting_is_refused()
    {
        var flow = new string('[', 100_000) + new string(']', 100_000);
        var block = new StringBuilder();
        for (var i = 0; i < 2_000; i++) block.Append(' ', i).Append("a:\n");

        var limits = new ValidationLimits { MaxSpecBytes = 4 << 20 };

        Assert.Contains("nests deeper than 64 levels", Assert.Single(SpecParser.Parse("x: " + flow, limits).Diagnostics).Message);
        Assert.Contains("nests deeper than 64 levels", Assert.Single(SpecParser.Parse(block.ToString(), limits).Diagnostics).Message);
    }

    [Fact]
    public void Text_over_256_KB_is_refused_with_a_clear_message()
    {
        var text = Examples.Read("www.json").Replace("\"ttl\": 60,", $"\"ttl\": 60, \"pad\": \"{new string('x', 256 * 1024)}\",");

        var diagnostic = Assert.Single(SpecParser.Parse(text).Diagnostics);

        Assert.Equal("$", diagnostic.Path);
        Assert.Contains("larger than 256 KB", diagnostic.Message);
    }

    [Fact]
    public void A_huge_array_of_wrong_things_is_reported_without_trouble()
    {
        var items = string.Join(",", Enumerable.Repeat("7", 50_000));
        var text = Examples.Read("www.json").Replace("\"values\": [\"192.0.2.10\"]", $"\"values\": [{items}]");

        var result = SpecParser.Parse(text);

        Assert.Equal(50_000, result.Diagnostics.Count);
        Assert.Equal("$.root.primary.children[0].children[0].endpoint.values[49999]", result.Diagnostics[^1].Path);
    }

    [Theory]
    [InlineData("{\"name\": \"w\u0001w\"}")]
    [InlineData("name: \"w\u0001w\"\n")]
    [InlineData("name: w\u0007w\n")]
    [InlineData("{\"name\": \"\\ud800\"}")]
    [InlineData("\u0000")]
    public void Control_characters_give_diagnostics(string text)
    {
        var result = SpecParser.Parse(text);

        Assert.True(result.HasErrors);
        Assert.DoesNotContain(result.Diagnostics, d => d.Message.StartsWith("the spec could not be read"));
    }

    [Fact]
    public void Wrong_types_everywhere_are_reported_per_field()
    {
        const string text = """
            {"name": 1, "hostedZoneId": [], "zoneName": {}, "recordName": true, "recordType": null, "ttl": 1.5,
             "healthCheckDefaults": "x", "driftPolicy": 3, "root": []}
            """;

        var paths = SpecParser.Parse(text).Diagnostics.Select(d => d.Path).ToList();

        Assert.Equal(
            new[] { "$.name", "$.hostedZoneId", "$.zoneName", "$.recordName", "$.recordType", "$.ttl", "$.driftPolicy",
                "$.healthCheckDefaults", "$.root" }.Order(),
            paths.Order());
    }
}
