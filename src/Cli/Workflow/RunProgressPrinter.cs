using System.Globalization;
using Failover.Core.Planning;

namespace Failover.Cli.Workflow;

/// <summary>
/// The plain progress lines (output that is not a terminal, or <c>--json</c>): a line when a layer starts (with its
/// node count) and when it is through (with the time since the run was followed), a line per node as it changes status
/// (PENDING → IN_PROGRESS → DONE, or DELETED, or FAILED with its error), and what the run waits for — when the wait
/// begins and every <see cref="WaitLineEvery"/> while it lasts, so a long INSYNC wait is never silent. Fed snapshots;
/// prints only what changed since the last one.
/// </summary>
internal sealed class RunProgressPrinter(TextWriter output)
{
    public static readonly TimeSpan WaitLineEvery = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, string> _seen = new(StringComparer.Ordinal);
    private readonly HashSet<string> _layersStarted = new(StringComparer.Ordinal);
    private readonly HashSet<string> _layersDone = new(StringComparer.Ordinal);
    private readonly HashSet<string> _checksSeen = new(StringComparer.Ordinal);
    private string? _waitKind;
    private TimeSpan _lastWaitLine;

    public void Print(RunSnapshot snapshot, RunProgress progress)
    {
        // The health-checks layer prepares leaves that belong to leaf-records: it shows as the checks appear on them.
        foreach (var node in snapshot.Nodes.Where(n => n.HealthCheckId is not null && _checksSeen.Add(n.NodeId))
            .OrderBy(n => n.NodeId, StringComparer.Ordinal))
            output.WriteLine($"[{LayerNames.HealthChecks}]   {node.NodeId,-24} health check {node.HealthCheckId}");
        var byLayer = snapshot.Nodes.ToLookup(n => n.Layer ?? "-");
        foreach (var layer in progress.Layers)
        {
            var nodes = byLayer[layer.Name].ToList();
            var changed = nodes.Where(n => !_seen.TryGetValue(n.NodeId, out var before) || before != n.Status).ToList();
            if (changed.Count == 0) continue;
            if (layer.State != LayerState.Waiting && _layersStarted.Add(layer.Name))
                output.WriteLine($"[{layer.Name}] {layer.Total} node(s)");
            foreach (var node in changed.OrderBy(n => n.NodeId, StringComparer.Ordinal))
            {
                _seen[node.NodeId] = node.Status;
                if (node.Status == "PENDING") continue;
                var detail = node.Status == "FAILED" ? $"  {node.Error}" : node.ChangeId is null ? "" : $"  (change {node.ChangeId})";
                output.WriteLine($"[{layer.Name}]   {node.NodeId,-24} {node.Status}{detail}");
            }
            if (layer.State == LayerState.Done && _layersDone.Add(layer.Name))
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[{layer.Name}] done: {layer.Done}/{layer.Total} node(s), {progress.Elapsed.TotalSeconds:0.0} s"));
        }
        PrintWait(progress);
    }

    private void PrintWait(RunProgress progress)
    {
        // The same wait reads the same up to its figures: a new kind of wait prints at once, the same one every 10 s.
        var kind = progress.WaitingFor?.Split(',')[0];
        if (kind is null)
        {
            _waitKind = null;
            return;
        }
        if (kind == _waitKind && progress.Elapsed - _lastWaitLine < WaitLineEvery) return;
        _waitKind = kind;
        _lastWaitLine = progress.Elapsed;
        output.WriteLine($"... {progress.WaitingFor}");
    }
}
