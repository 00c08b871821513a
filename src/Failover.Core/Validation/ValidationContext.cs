using Failover.Core.Diagnostics;
using Failover.Core.Spec;

namespace Failover.Core.Validation;

/// <summary>A node with what the rules need to know about its place in the tree.</summary>
internal sealed record VisitedNode(TreeNode Node, TreeNode? Parent, int Depth)
{
    public RoutingPolicy? ParentRouting => Parent?.Routing;
    public bool IsFailoverPrimary => Parent?.Routing == RoutingPolicy.Failover && ReferenceEquals(Parent.Primary, Node);
    public string PathOf(string field) => $"{Node.Path}.{field}";
}

/// <summary>The spec being validated, its nodes in document order, and the diagnostics found so far.</summary>
internal sealed class ValidationContext
{
    private readonly List<SpecDiagnostic> _diagnostics = [];

    public ValidationContext(TreeSpec spec, ValidationLimits limits)
    {
        Spec = spec;
        Limits = limits;
        Nodes = Visit(spec.Root);
    }

    public TreeSpec Spec { get; }
    public ValidationLimits Limits { get; }
    /// <summary>Every node, parents before children, in document order.</summary>
    public IReadOnlyList<VisitedNode> Nodes { get; }
    public IReadOnlyList<SpecDiagnostic> Diagnostics => _diagnostics;

    public void Error(string path, string message) => _diagnostics.Add(new SpecDiagnostic(path, message));
    public void Warning(string path, string message) => _diagnostics.Add(new SpecDiagnostic(path, message, Severity.Warning));

    // Iterative on purpose: a tree built in code can be arbitrarily deep, and depth is one of the things we report.
    private static List<VisitedNode> Visit(TreeNode root)
    {
        var nodes = new List<VisitedNode>();
        var stack = new Stack<VisitedNode>();
        stack.Push(new VisitedNode(root, null, 1));
        while (stack.Count > 0)
        {
            var visited = stack.Pop();
            nodes.Add(visited);
            var node = visited.Node;
            // Every child slot is visited, whatever the routing, so misplaced children are validated too: primary, secondary,
            // then the children, pushed last first (no list of them per node: a large tree has a hundred thousand nodes).
            for (var i = node.Children.Count - 1; i >= 0; i--) stack.Push(new VisitedNode(node.Children[i], node, visited.Depth + 1));
            if (node.Secondary is not null) stack.Push(new VisitedNode(node.Secondary, node, visited.Depth + 1));
            if (node.Primary is not null) stack.Push(new VisitedNode(node.Primary, node, visited.Depth + 1));
        }
        return nodes;
    }
}
