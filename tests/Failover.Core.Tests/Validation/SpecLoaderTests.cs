using Failover.Core.Diagnostics;
using Failover.Core.Spec;
using Failover.Core.Validation;

namespace Failover.Core.Tests.Validation;

[Trait("Category", "Unit")]
public class SpecLoaderTests
{
    [Fact]
    public void Parse_and_rule_problems_come_together_errors_first_in_document_order()
    {
        var text = SpecDocument.Www()
            .Set("root.primary.children[0].children[0].weight", "\"heavy\"")
            .Set("root.primary.children[0].children[1].weight", "0")
            .Set("root.primary.children[1].region", "\"mars-1\"")
            .Set("ttl", "-3")
            .Set("root.secondary.alias.evaluateTargetHealth", "false")
            .Text;

        var result = SpecLoader.Load(text);

        Assert.Null(result.Spec);
        Assert.Equal(
        [
            "$.ttl",
            "$.root.primary.children[0].children[0].weight",
            "$.root.primary.children[1].region",
            "$.root.secondary.alias.evaluateTargetHealth",
        ], DocumentationAddresses.Aside(result.Diagnostics).Select(d => d.Path));
        Assert.All(DocumentationAddresses.Aside(result.Diagnostics), d => Assert.Equal(Severity.Error, d.Severity));
    }

    [Fact]
    public void A_field_the_parser_rejected_is_not_reported_again_by_the_rules()
    {
        var text = SpecDocument.Www().Set("root.primary.children[0].children[0].weight", "\"50\"").Text;

        var diagnostic = Assert.Single(DocumentationAddresses.Aside(SpecLoader.Load(text).Diagnostics));

        Assert.StartsWith("expected an integer", diagnostic.Message);
    }

    [Fact]
    public void Warnings_alone_keep_the_spec()
    {
        var text = SpecDocument.Www()
            .Set("root.primary.children[0].children[0].weight", "0")
            .Set("root.primary.children[0].children[1].weight", "0").Text;

        var result = SpecLoader.Load(text);

        Assert.NotNull(result.Spec);
        Assert.False(result.HasErrors);
        Assert.Equal(Severity.Warning, Assert.Single(DocumentationAddresses.Aside(result.Diagnostics)).Severity);
    }

    [Fact]
    public void Errors_come_before_warnings()
    {
        var text = SpecDocument.Www()
            .Set("root.primary.children[0].children[0].weight", "0")
            .Set("root.primary.children[0].children[1].weight", "0")
            .Set("root.secondary.alias.hostedZoneId", "\"bad\"").Text;

        var severities = DocumentationAddresses.Aside(SpecLoader.Load(text).Diagnostics).Select(d => d.Severity).ToList();

        Assert.Equal([Severity.Error, Severity.Warning], severities);
    }

    [Fact]
    public void Malformed_text_gives_only_the_syntax_diagnostic()
    {
        var result = SpecLoader.Load("{\"name\": ");

        Assert.StartsWith("malformed JSON", Assert.Single(result.Diagnostics).Message);
    }

    [Fact]
    public void The_validator_alone_gives_the_same_rule_diagnostics()
    {
        var spec = SpecParser.Parse(SpecDocument.Www().Set("root.primary.children[1].region", "\"us-east-1\"").Text).Spec!;

        var diagnostic = Assert.Single(DocumentationAddresses.Aside(TreeValidator.Validate(spec)));

        Assert.Equal("$.root.primary.children[1].region", diagnostic.Path);
    }

    [Fact]
    public void A_leaf_at_the_root_is_a_simple_record()
    {
        var text = SpecDocument.Www().Set("root", """{"id": "only", "endpoint": {"values": ["192.0.2.1"]}}""").Text;

        var result = SpecLoader.Load(text);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(Failover.Core.Spec.NodeKind.Endpoint, result.Spec!.Root.Kind);
    }
}
