using System.Text;
using Failover.Core.Spec;

namespace Failover.Core.Diagram;

/// <summary>
/// Draws a tree as Mermaid or Graphviz, each node labelled with the record it becomes, the name it lives at and its
/// health check; edges carry the child's policy attribute. An overlay colours nodes by run progress, health and drift.
/// </summary>
public static class DiagramRenderer
{
    public static string Mermaid(TreeSpec spec, DiagramOverlay? overlay = null)
    {
        var graph = DiagramGraph.Of(spec, overlay);
        var text = new StringBuilder("flowchart TD\n");
        foreach (var node in graph.Nodes)
        {
            text.Append("  ").Append(node.GraphId).Append("[\"").AppendJoin("<br/>", node.Lines.Select(MermaidText.Escape)).Append("\"]\n");
        }
        foreach (var edge in graph.Edges)
        {
            text.Append("  ").Append(edge.From).Append(" -->|\"").Append(MermaidText.Escape(edge.Label)).Append("\"| ")
                .Append(edge.To).Append('\n');
        }
        foreach (var style in OverlayStyle.All.Where(s => graph.Nodes.Any(n => n.Styles.Contains(s))))
        {
            text.Append("  classDef ").Append(style.ClassName).Append(' ').Append(style.MermaidDefinition()).Append('\n');
            var members = graph.Nodes.Where(n => n.Styles.Contains(style)).Select(n => n.GraphId);
            text.Append("  class ").AppendJoin(",", members).Append(' ').Append(style.ClassName).Append('\n');
        }
        return text.ToString();
    }

    public static string Dot(TreeSpec spec, DiagramOverlay? overlay = null)
    {
        var graph = DiagramGraph.Of(spec, overlay);
        var text = new StringBuilder();
        text.Append("digraph ").Append(DotText.Quote(spec.Name)).Append(" {\n");
        text.Append("  rankdir=TB;\n");
        text.Append("  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n");
        text.Append("  edge [fontname=\"Helvetica\"];\n");
        foreach (var node in graph.Nodes)
        {
            text.Append("  ").Append(node.GraphId).Append(" [label=").Append(DotText.Label(node.Lines))
                .Append(DotStyle(node.Styles)).Append("];\n");
        }
        foreach (var edge in graph.Edges)
        {
            text.Append("  ").Append(edge.From).Append(" -> ").Append(edge.To).Append(" [label=")
                .Append(DotText.Quote(edge.Label)).Append("];\n");
        }
        text.Append("}\n");
        return text.ToString();
    }

    private static string DotStyle(IReadOnlyList<OverlayStyle> styles)
    {
        // The last fill wins, as in Mermaid: progress over health.
        var fill = styles.LastOrDefault(s => s.Fill is not null)?.Fill;
        var border = styles.LastOrDefault(s => s.Border is not null)?.Border;
        if (fill is null && border is null) return "";
        var style = new List<string> { "rounded" };
        if (fill is not null) style.Add("filled");
        if (border is not null) style.Add("dashed");
        var attributes = new StringBuilder($", style=\"{string.Join(",", style)}\"");
        if (fill is not null) attributes.Append($", fillcolor=\"{fill}\"");
        if (border is not null) attributes.Append($", color=\"{border}\", penwidth=3");
        return attributes.ToString();
    }
}
