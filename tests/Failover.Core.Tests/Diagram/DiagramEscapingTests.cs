using System.Text.RegularExpressions;
using Failover.Core.Diagram;
using Failover.Core.Spec;
using static Failover.Core.Tests.Simulation.Trees;

namespace Failover.Core.Tests.Diagram;

[Trait("Category", "Unit")]
public class DiagramEscapingTests
{
    private static readonly string[] HostileIds =
    [
        "a\"b]", "end", "x<script>alert(1)</script>", "1. list", "- item", "a|b", "#quot;", "c;d", "tab\there", "new\nline",
        "{curly}", "`tick`", "back\\slash", "ünï", "o", "a-b", "a_b", "%%{init}%%", "a-->b",
    ];

    private static TreeSpec HostileTree() =>
        Tree(Weighted("w", HostileIds.Select(id => Endpoint(id, "192.0.2.1\"]; evil").W(1)).ToArray()), recordName: "www.example.com");

    [Fact]
    public void Every_node_is_one_well_formed_line_with_a_distinct_safe_id()
    {
        var lines = DiagramRenderer.Mermaid(HostileTree()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var nodeLines = lines.Where(l => Regex.IsMatch(l, @"^  n_\w+\[")).ToList();
        Assert.Equal(HostileIds.Length + 1, nodeLines.Count);
        // Once our own line breaks and the entity codes are taken out, nothing that could end or restyle a label is left.
        Assert.All(nodeLines,
            l =>
            Assert.Matches(@"^  n_[A-Za-z0-9_]+\[""[^""\[\]{}|<>`;#%\n\t]*""\]$", Regex.Replace(l.Replace("<br/>", ""), @"#\d+;", "")));
        var ids = nodeLines.Select(l => l[2..l.IndexOf('[')]).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var edgeLines = lines.Where(l => l.Contains("-->")).ToList();
        Assert.Equal(HostileIds.Length, edgeLines.Count);
        Assert.All(edgeLines, l => Assert.Matches(@"^  n_\w+ -->\|""[^""]*""\| n_\w+$", l));
    }

    [Fact]
    public void Quotes_brackets_and_html_become_entity_codes()
    {
        var mermaid = DiagramRenderer.Mermaid(Tree(Weighted("w", Endpoint("a\"b]<i>").W(1))));

        Assert.Contains("[\"a#34;b#93;#60;i#62;<br/>", mermaid);
    }

    [Fact]
    public void Markdown_list_markers_at_the_start_of_a_label_are_encoded()
    {
        var mermaid = DiagramRenderer.Mermaid(Tree(Weighted("w", Endpoint("1. list").W(1), Endpoint("- item").W(1))));

        Assert.Contains("[\"1#46; list<br/>", mermaid);
        Assert.Contains("[\"#45; item<br/>", mermaid);
    }

    [Fact]
    public void Ids_that_sanitise_alike_stay_distinct()
    {
        var mermaid = DiagramRenderer.Mermaid(Tree(Weighted("w", Endpoint("a-b").W(1), Endpoint("a_b").W(1), Endpoint("a.b").W(1))));

        Assert.Contains("  n_a_b[\"a-b<br/>", mermaid);
        Assert.Contains("  n_a_b_2[\"a_b<br/>", mermaid);
        Assert.Contains("  n_a_b_3[\"a.b<br/>", mermaid);
        Assert.Contains("  n_w -->|\"w=1\"| n_a_b_3", mermaid);
    }

    [Fact]
    public void A_node_named_end_cannot_close_the_flowchart()
    {
        var mermaid = DiagramRenderer.Mermaid(Tree(Weighted("end", Endpoint("o").W(1))));

        Assert.DoesNotContain("\n  end", mermaid);
        Assert.Contains("  n_end -->|\"w=1\"| n_o\n", mermaid);
    }
}
