using System.Text;
using Failover.Core.Spec;

namespace Failover.Core.Diagram;

/// <summary>One node to draw: a graph id safe in both Mermaid and DOT, its label lines and its overlay styles.</summary>
internal sealed record DrawnNode(string GraphId, IReadOnlyList<string> Lines, IReadOnlyList<OverlayStyle> Styles);

/// <summary>An edge from a rule to a child, labelled with the child's policy attribute.</summary>
internal sealed record DrawnEdge(string From, string To, string Label);

/// <summary>The tree laid out for drawing, parents before children.</summary>
internal sealed record DiagramGraph(IReadOnlyList<DrawnNode> Nodes, IReadOnlyList<DrawnEdge> Edges)
{
    public static DiagramGraph Of(TreeSpec spec, DiagramOverlay? overlay)
    {
        var nodes = new List<DrawnNode>();
        var edges = new List<DrawnEdge>();
        var usedIds = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<(TreeNode Node, TreeNode? Parent, string? ParentId)>();
        stack.Push((spec.Root, null, null));
        while (stack.Count > 0)
        {
            var (node, parent, parentId) = stack.Pop();
            var graphId = UniqueId(node.Id, usedIds);
            var state = overlay?.Nodes.GetValueOrDefault(node.Id);
            nodes.Add(new DrawnNode(graphId, NodeDescription.Lines(node, parent, spec), OverlayStyle.For(state)));
            if (parent is not null) edges.Add(new DrawnEdge(parentId!, graphId, NodeDescription.EdgeLabel(node, parent)));
            var children = node.ChildNodes().ToList();
            for (var i = children.Count - 1; i >= 0; i--) stack.Push((children[i], node, graphId));
        }
        return new DiagramGraph(nodes, edges);
    }

    /// <summary>
    /// <c>n_</c> and the node id with anything but ASCII letters and digits replaced by <c>_</c>: the prefix keeps ids off
    /// Mermaid keywords (<c>end</c>) and edge syntax (an id starting with <c>o</c> or <c>x</c>); a suffix keeps them unique.
    /// </summary>
    private static string UniqueId(string nodeId, HashSet<string> used)
    {
        var builder = new StringBuilder("n_");
        foreach (var c in nodeId) builder.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        var id = builder.ToString();
        for (var n = 2; !used.Add(id); n++) id = $"{builder}_{n}";
        return id;
    }
}
