using System.Globalization;
using Failover.Core.Planning;

namespace Failover.Cli.Workflow;

/// <summary>One node of a run as the progress lines need it, from the progress table or from the API's run resource.</summary>
internal sealed record NodeView(string NodeId, string? Layer, string Status, string? HealthCheckId, string? ChangeId, string? Error);

/// <summary>
/// The lines a followed run prints as it moves: a line when a layer starts (with its node count) and when it is through
/// (with the time since the run was followed), and a line per node as it changes status (PENDING → IN_PROGRESS → DONE,
/// or DELETED, or FAILED with its error). Fed snapshots; prints only what changed since the last one.
/// </summary>
internal sealed class RunProgressPrinter(TextWriter output, TimeProvider time)
{
    private readonly Dictionary<string, string> _seen = new(StringComparer.Ordinal);
    private readonly HashSet<string> _layersStarted = new(StringComparer.Ordinal);
    private readonly HashSet<string> _layersDone = new(StringComparer.Ordinal);
    private readonly HashSet<string> _checksSeen = new(StringComparer.Ordinal);
    private readonly long _started = time.GetTimestamp();

    /// <summary>Prints what changed. <paramref name="layerOrder"/>: the plan's layers in the order they run, when known.</summary>
    public void Print(IReadOnlyList<NodeView> nodes, IReadOnlyList<string> layerOrder)
    {
        // The health-checks layer prepares leaves that belong to leaf-records: it shows as the checks appear on them.
        foreach (var node in nodes.Where(n => n.HealthCheckId is not null && _checksSeen.Add(n.NodeId))
            .OrderBy(n => n.NodeId, StringComparer.Ordinal))
            output.WriteLine($"[{LayerNames.HealthChecks}]   {node.NodeId,-24} health check {node.HealthCheckId}");
        foreach (var layer in nodes.GroupBy(n => n.Layer ?? "-").OrderBy(g => IndexOf(layerOrder, g.Key)))
        {
            var changed = layer.Where(n => !_seen.TryGetValue(n.NodeId, out var before) || before != n.Status).ToList();
            if (changed.Count == 0) continue;
            if (layer.Any(n => n.Status != Pending) && _layersStarted.Add(layer.Key))
                output.WriteLine($"[{layer.Key}] {layer.Count()} node(s)");
            foreach (var node in changed.OrderBy(n => n.NodeId, StringComparer.Ordinal))
            {
                _seen[node.NodeId] = node.Status;
                if (node.Status == Pending) continue;
                var detail = node.Status == "FAILED" ? $"  {node.Error}" : node.ChangeId is null ? "" : $"  (change {node.ChangeId})";
                output.WriteLine($"[{layer.Key}]   {node.NodeId,-24} {node.Status}{detail}");
            }
            if (layer.All(n => n.Status is "DONE" or "DELETED") && _layersDone.Add(layer.Key))
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[{layer.Key}] done: {layer.Count()}/{layer.Count()} node(s), {time.GetElapsedTime(_started).TotalSeconds:0.0} s"));
        }
    }

    /// <summary>The time since following began, for the closing line.</summary>
    public TimeSpan Elapsed => time.GetElapsedTime(_started);

    private const string Pending = "PENDING";

    private static int IndexOf(IReadOnlyList<string> order, string layer)
    {
        for (var i = 0; i < order.Count; i++) if (order[i] == layer) return i;
        return int.MaxValue;
    }
}
