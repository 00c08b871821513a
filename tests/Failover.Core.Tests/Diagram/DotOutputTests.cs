using System.Text.RegularExpressions;
using Failover.Core.Diagram;
using Failover.Core.Spec;
using static Failover.Core.Tests.Simulation.Trees;

namespace Failover.Core.Tests.Diagram;

[Trait("Category", "Unit")]
public class DotOutputTests
{
    /// <summary>The statements of a DOT text, split at semicolons outside quoted strings; fails on unbalanced braces or quotes.</summary>
    private static List<string> Statements(string dot)
    {
        var statements = new List<string>();
        var current = new System.Text.StringBuilder();
        var depth = 0;
        var inQuote = false;
        for (var i = 0; i < dot.Length; i++)
        {
            var c = dot[i];
            if (inQuote)
            {
                if (c == '\\') { current.Append(c).Append(dot[++i]); continue; }
                if (c == '"') inQuote = false;
                current.Append(c);
                continue;
            }
            switch (c)
            {
                case '"': inQuote = true; current.Append(c); break;
                case '{': depth++; current.Clear(); break;
                case '}': depth--; Assert.True(depth >= 0, "a closing brace without an opening one"); break;
                case ';': statements.Add(current.ToString().Trim()); current.Clear(); break;
                default: current.Append(c); break;
            }
        }
        Assert.False(inQuote, "a quoted string is never closed");
        Assert.Equal(0, depth);
        return statements;
    }

    private static void AssertWellFormed(TreeSpec spec)
    {
        var dot = DiagramRenderer.Dot(spec);
        Assert.StartsWith("digraph \"", dot);
        var statements = Statements(dot);

        var declared = statements.Select(s => Regex.Match(s, @"^(n_\w+) \[label=")).Where(m => m.Success)
            .Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(spec.Root.DescendantsAndSelf().Count(), declared.Count);
        Assert.Equal(declared.Count, declared.Distinct().Count());
        var edges = statements.Select(s => Regex.Match(s, @"^(n_\w+) -> (n_\w+) \[label=")).Where(m => m.Success).ToList();
        Assert.Equal(declared.Count - 1, edges.Count);
        Assert.All(edges, e => Assert.Contains(e.Groups[1].Value, declared));
        Assert.All(edges, e => Assert.Contains(e.Groups[2].Value, declared));
    }

    [Fact]
    public void Complex_tree_is_well_formed()
    {
        AssertWellFormed(Complex());
    }

    [Fact]
    public void Hostile_ids_and_values_stay_inside_their_quoted_strings()
    {
        var ids = new[] { "a\"b", "c}d", "e{f", "g;h", "back\\", "x\\\"y", "n\nl", "end" };
        var spec = Tree(Weighted("w", ids.Select(id => Endpoint(id).W(1)).ToArray())) with { Name = "we\"ird}" };

        AssertWellFormed(spec);
        var dot = DiagramRenderer.Dot(spec);
        Assert.Contains("digraph \"we\\\"ird}\" {", dot);
        Assert.Contains("[label=\"back\\\\\\nweighted record (w=1)", dot);
        Assert.Contains("[label=\"n\\nl\\nweighted record", dot);
    }

    [Fact]
    public void Label_lines_are_joined_with_graphviz_newlines()
    {
        var dot = DiagramRenderer.Dot(Complex());

        Assert.Contains("  n_root [label=\"root\\nfailover rule\\nrecords at www.example.com\"];\n", dot);
        Assert.Contains("  n_root -> n_regions [label=\"PRIMARY\"];\n", dot);
    }
}
