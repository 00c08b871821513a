using Failover.Core.Spec;

namespace Failover.Core.Diagram;

/// <summary>Draws a tree as Mermaid or Graphviz, each node labelled with the record it becomes.</summary>
public static class DiagramRenderer
{
    public static string Mermaid(TreeSpec spec) => throw new NotImplementedException();
    public static string Dot(TreeSpec spec) => throw new NotImplementedException();
}
