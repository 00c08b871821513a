namespace Failover.Core.Validation;

/// <summary>Keeps a tree within what one apply changes comfortably (and what the limits say).</summary>
internal static class SizeRules
{
    public static void Check(ValidationContext context)
    {
        var limits = context.Limits;
        if (context.Nodes.Count > limits.MaxNodes)
            context.Error(
                "$.root", $"the tree has {context.Nodes.Count:N0} nodes; at most {limits.MaxNodes:N0} are allowed (split it into several " +
                    $"trees)");
        var tooDeep = context.Nodes.FirstOrDefault(n => n.Depth > limits.MaxDepth);
        if (tooDeep is not null)
            context.Error(
                tooDeep.Node.Path, $"the tree is deeper than {limits.MaxDepth} levels (this node is at level {tooDeep.Depth}); flatten it");
    }
}
