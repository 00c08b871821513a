using Failover.Core.Spec;
using Failover.Core.Validation;

namespace Failover.Core.Tests.Validation;

[Trait("Category", "Unit")]
public class LimitTests
{
    [Fact]
    public void Too_many_nodes_is_reported_with_the_limit()
    {
        var text = SpecDocument.Www().Text;

        var diagnostics = SpecLoader.Load(text, new ValidationLimits { MaxNodes = 6 }).Diagnostics;
        var diagnostic = Assert.Single(DocumentationAddresses.Aside(diagnostics));

        Assert.Equal("$.root", diagnostic.Path);
        Assert.Contains("the tree has 7 nodes; at most 6 are allowed", diagnostic.Message);
        Assert.Empty(DocumentationAddresses.Aside(SpecLoader.Load(text, new ValidationLimits { MaxNodes = 7 }).Diagnostics));
    }

    [Fact]
    public void Too_deep_is_reported_at_the_first_node_past_the_limit()
    {
        var text = SpecDocument.Www().Text;

        var diagnostics = SpecLoader.Load(text, new ValidationLimits { MaxDepth = 3 }).Diagnostics;
        var diagnostic = Assert.Single(DocumentationAddresses.Aside(diagnostics));

        Assert.Equal("$.root.primary.children[0].children[0]", diagnostic.Path);
        Assert.Contains("deeper than 3 levels", diagnostic.Message);
        Assert.Empty(DocumentationAddresses.Aside(SpecLoader.Load(text, new ValidationLimits { MaxDepth = 4 }).Diagnostics));
    }

    [Fact]
    public void The_default_limits_are_ten_thousand_nodes_and_sixteen_levels()
    {
        Assert.Equal((10_000, 16, 256 * 1024),
            (ValidationLimits.Default.MaxNodes, ValidationLimits.Default.MaxDepth, ValidationLimits.Default.MaxSpecBytes));
    }

    [Fact]
    public void A_tree_built_fifty_thousand_levels_deep_is_reported_not_overflowed()
    {
        var node = new TreeNode { Id = "leaf", Path = "$.leaf", Endpoint = new EndpointSpec { Values = ["192.0.2.1"] }, Weight = 1 };
        for (var i = 0; i < 50_000; i++)
            node =
                new TreeNode { Id = $"r{i}", Path = $"$.r{i}", Routing = RoutingPolicy.Weighted, Children = [node],
                Weight = i == 49_999 ? null : 1 };
        var spec =
            new TreeSpec { Name = "deep", HostedZoneId = "Z1", ZoneName = "example.com", RecordName = "www.example.com", RecordType = "A",
            Root = node };

        var diagnostics = TreeValidator.Validate(spec);

        Assert.Contains(diagnostics, d => d.Message.Contains("the tree has 50,001 nodes"));
        Assert.Contains(diagnostics, d => d.Message.Contains("deeper than 16 levels"));
    }

    [Fact]
    public void Raised_limits_let_a_large_spec_through()
    {
        var children = string.Join(",", Enumerable.Range(0, 3_000).Select(i =>
            "{\"id\": \"r" + i + "\", \"routing\": \"weighted\", \"weight\": 1, \"children\": [{\"id\": \"e" + i
                + "\", \"weight\": 1, \"endpoint\": {\"values\": [\"192.0.2.1\"]}}]}"));
        var text = SpecDocument.Www()
            .Set("root.primary", "{\"id\": \"big\", \"routing\": \"weighted\", \"children\": [" + children + "]}").Text;

        var refused = SpecLoader.Load(text);
        var accepted = SpecLoader.Load(text, new ValidationLimits { MaxSpecBytes = 1 << 20, MaxNodes = 20_000 });

        Assert.Contains("larger than 256 KB", Assert.Single(refused.Diagnostics).Message);
        // Only the Route 53 limit of 100 records per name and type remains.
        Assert.Equal(
            "$.root.primary.children: a weighted rule has 3000 children; Route 53 allows at most 100 weighted records per name and type",
            Assert.Single(accepted.Diagnostics).ToString());
    }
}
