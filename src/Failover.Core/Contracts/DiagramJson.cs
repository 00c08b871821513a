using System.Text;
using Failover.Core.Compilation;
using Failover.Core.Diagram;
using Failover.Core.Simulation;
using Failover.Core.Spec;

namespace Failover.Core.Contracts;

/// <summary>The diagram as its <see cref="DiagramDocument"/>: every node, parents before children, with the overlay's states.</summary>
public static class DiagramJson
{
    public static string Write(TreeSpec spec, DiagramOverlay? overlay = null, bool indented = false) =>
        WireJson.Write(ToDocument(spec, overlay), indented);

    public static DiagramDocument ToDocument(TreeSpec spec, DiagramOverlay? overlay = null)
    {
        var nodes = new List<DiagramNodeDocument>();
        Walk(nodes, spec, overlay, spec.Root, parent: null);
        return new DiagramDocument
        {
            Tree = spec.Name, RecordName = spec.RecordName, RecordType = spec.RecordType,
            RecordTypes = spec.DualStack ? spec.RecordTypes : null, Nodes = nodes,
        };
    }

    private static void Walk(List<DiagramNodeDocument> nodes, TreeSpec spec, DiagramOverlay? overlay, TreeNode node, TreeNode? parent)
    {
        nodes.Add(NodeOf(spec, node, parent, overlay?.Nodes.GetValueOrDefault(node.Id)));
        foreach (var child in node.ChildNodes()) Walk(nodes, spec, overlay, child, node);
    }

    private static DiagramNodeDocument NodeOf(TreeSpec spec, TreeNode node, TreeNode? parent, NodeOverlay? state)
    {
        // The Mermaid label's lines: id, record kind, where the record lives, how its health is known (a root rule has
        // no record of its own: its second line says where its children's records are).
        var lines = NodeDescription.Lines(node, parent, spec);
        var isRootRule = parent is null && node.Kind == NodeKind.Rule;
        return new DiagramNodeDocument
        {
            Id = node.Id,
            ParentId = parent?.Id,
            Kind = node.Kind.ToString().ToLowerInvariant(),
            Routing = node.Routing?.ToString().ToLowerInvariant(),
            RecordKind = lines[1],
            RecordName = parent is null || ReferenceEquals(parent, spec.Root)
                ? spec.RecordName
                : HelperNames.Of(parent, spec.RecordName),
            Detail = isRootRule ? lines[2] : lines[3],
            ChildrenAt = node.Kind == NodeKind.Rule ? (isRootRule ? spec.RecordName : HelperNames.Of(node, spec.RecordName)) : null,
            EdgeLabel = parent is null ? null : NodeDescription.EdgeLabel(node, parent),
            Region = parent?.Routing == RoutingPolicy.Latency ? node.Region : null,
            CanFail = RecordHealth.CanFail(node),
            Values = node.Endpoint?.Values,
            AliasTarget = node.Alias?.DnsName,
            Progress = state?.Progress is { } progress ? Upper(progress.ToString()) : null,
            Drift = state?.Drift is { } drift ? Upper(drift.ToString()) : null,
            Health = state?.Health is { } health ? Upper(health.ToString()) : null,
        };
    }

    /// <summary>InProgress → IN_PROGRESS: the API's spelling of node statuses.</summary>
    private static string Upper(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i])) text.Append('_');
            text.Append(char.ToUpperInvariant(name[i]));
        }
        return text.ToString();
    }
}
