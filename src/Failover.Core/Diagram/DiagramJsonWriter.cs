using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Failover.Core.Compilation;
using Failover.Core.Simulation;
using Failover.Core.Spec;

namespace Failover.Core.Diagram;

/// <summary>
/// The diagram as data, for a client that lays the tree out itself (the web dashboard):
/// <c>{"tree","recordName","recordType","nodes":[…]}</c>, parents before children. Each node carries what the Mermaid
/// label says, as separate fields (<c>recordKind</c>, <c>recordName</c>, <c>detail</c>, and a rule's <c>childrenAt</c>), its place in the
/// tree
/// (<c>parentId</c>, <c>edgeLabel</c>), whether the simulator can mark it unhealthy (<c>canFail</c>), and the overlay's
/// <c>progress</c>, <c>drift</c> and <c>health</c> where known.
/// </summary>
public static class DiagramJsonWriter
{
    public static string Write(TreeSpec spec, DiagramOverlay? overlay = null, bool indented = false)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json =
            new Utf8JsonWriter(buffer,
            new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("tree", spec.Name);
            json.WriteString("recordName", spec.RecordName);
            json.WriteString("recordType", spec.RecordType);
            json.WriteStartArray("nodes");
            Walk(json, spec, overlay, spec.Root, parent: null);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Walk(Utf8JsonWriter json, TreeSpec spec, DiagramOverlay? overlay, TreeNode node, TreeNode? parent)
    {
        WriteNode(json, spec, node, parent, overlay?.Nodes.GetValueOrDefault(node.Id));
        foreach (var child in node.ChildNodes()) Walk(json, spec, overlay, child, node);
    }

    private static void WriteNode(Utf8JsonWriter json, TreeSpec spec, TreeNode node, TreeNode? parent, NodeOverlay? state)
    {
        // The Mermaid label's lines: id, record kind, where the record lives, how its health is known (a root rule has
        // no record of its own: its second line says where its children's records are).
        var lines = NodeDescription.Lines(node, parent, spec);
        var isRootRule = parent is null && node.Kind == NodeKind.Rule;
        json.WriteStartObject();
        json.WriteString("id", node.Id);
        if (parent is null) json.WriteNull("parentId");
        else json.WriteString("parentId", parent.Id);
        json.WriteString("kind", node.Kind.ToString().ToLowerInvariant());
        if (node.Routing is { } routing) json.WriteString("routing", routing.ToString().ToLowerInvariant());
        json.WriteString("recordKind", lines[1]);
        json.WriteString("recordName",
            parent is null || ReferenceEquals(parent, spec.Root) ? spec.RecordName : HelperNames.For(parent.Id, spec.RecordName));
        json.WriteString("detail", isRootRule ? lines[2] : lines[3]);
        if (node.Kind == NodeKind.Rule) json.WriteString("childrenAt",
            isRootRule ? spec.RecordName : HelperNames.For(node.Id, spec.RecordName));
        if (parent is not null) json.WriteString("edgeLabel", NodeDescription.EdgeLabel(node, parent));
        if (parent?.Routing == RoutingPolicy.Latency && node.Region is not null) json.WriteString("region", node.Region);
        json.WriteBoolean("canFail", RecordHealth.CanFail(node));
        if (node.Endpoint is { } endpoint)
        {
            json.WriteStartArray("values");
            foreach (var value in endpoint.Values) json.WriteStringValue(value);
            json.WriteEndArray();
        }
        if (node.Alias is { } alias) json.WriteString("aliasTarget", alias.DnsName);
        if (state?.Progress is { } progress) json.WriteString("progress", Upper(progress.ToString()));
        if (state?.Drift is { } drift) json.WriteString("drift", Upper(drift.ToString()));
        if (state?.Health is { } health) json.WriteString("health", Upper(health.ToString()));
        json.WriteEndObject();
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
