using System.Globalization;
using Failover.Core.Planning;

namespace Failover.Cli.Workflow;

/// <summary>One node of a run as the progress views need it, from the progress table or from the API's run resource.</summary>
internal sealed record NodeView(string NodeId, string? Layer, string Status, string? HealthCheckId, string? ChangeId, string? Error);

/// <summary>One read of a followed run: its status (RUNNING until it ends), its nodes, and its layers in running order.</summary>
internal sealed record RunSnapshot(string Status, IReadOnlyList<NodeView> Nodes, IReadOnlyList<string> LayerOrder, string? Error = null)
{
    public bool IsRunning => Status == "RUNNING";
}

internal enum LayerState { Waiting, Running, Done, Failed }

/// <summary>A layer's row: nodes through it out of its nodes, and how long it has been going (or took).</summary>
internal sealed record LayerProgress(string Name, int Done, int Total, int Failed, LayerState State, TimeSpan Elapsed);

/// <summary>
/// Where a followed run stands: its layers in order, what it is waiting for (the long quiet part of a run is Route 53
/// propagating the changes: the workflow asks GetChange until every change reports INSYNC, after the last layer), and
/// the time since following began.
/// </summary>
internal sealed record RunProgress(IReadOnlyList<LayerProgress> Layers, int HealthChecks, string? WaitingFor, TimeSpan Elapsed);

/// <summary>
/// Turns the snapshots of a run into <see cref="RunProgress"/>, remembering when each layer and the INSYNC wait were
/// first seen (the run's items carry no such times for a layer, and following may start mid-run).
/// </summary>
internal sealed class RunProgressTracker(TimeProvider time)
{
    private readonly long _started = time.GetTimestamp();
    private readonly Dictionary<string, long> _layerStarted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimeSpan> _layerTook = new(StringComparer.Ordinal);
    private long? _waitStarted;

    public TimeSpan Elapsed => time.GetElapsedTime(_started);

    public RunProgress Update(RunSnapshot snapshot)
    {
        var now = time.GetTimestamp();
        var layers = new List<LayerProgress>();
        foreach (var group in snapshot.Nodes.GroupBy(n => n.Layer ?? "-").OrderBy(g => IndexOf(snapshot.LayerOrder, g.Key)))
        {
            var total = group.Count();
            var done = group.Count(n => IsThrough(n.Status));
            var failed = group.Count(n => n.Status == "FAILED");
            var state = failed > 0 ? LayerState.Failed
                : done == total ? LayerState.Done
                : group.Any(n => n.Status != "PENDING") ? LayerState.Running
                : LayerState.Waiting;
            if (state != LayerState.Waiting) _layerStarted.TryAdd(group.Key, now);
            if (state is LayerState.Done or LayerState.Failed && _layerStarted.TryGetValue(group.Key, out var began))
                _layerTook.TryAdd(group.Key, time.GetElapsedTime(began, now));
            var elapsed = _layerTook.TryGetValue(group.Key, out var took) ? took
                : _layerStarted.TryGetValue(group.Key, out var since) ? time.GetElapsedTime(since, now) : TimeSpan.Zero;
            layers.Add(new LayerProgress(group.Key, done, total, failed, state, elapsed));
        }
        return new RunProgress(layers, snapshot.Nodes.Count(n => n.HealthCheckId is not null), WaitingFor(snapshot, now),
            time.GetElapsedTime(_started, now));
    }

    private string? WaitingFor(RunSnapshot snapshot, long now)
    {
        if (!snapshot.IsRunning) return null;
        if (snapshot.Nodes.Count == 0) return "planning: reading the zone and the tree's records";
        var changes = snapshot.Nodes.Select(n => n.ChangeId).OfType<string>().Distinct(StringComparer.Ordinal).Count();
        if (changes == 0 || !snapshot.Nodes.All(n => IsThrough(n.Status)))
        {
            _waitStarted = null;
            return null;
        }
        _waitStarted ??= now;
        return string.Create(CultureInfo.InvariantCulture,
            $"waiting for Route 53 to report INSYNC, {changes} change(s), {time.GetElapsedTime(_waitStarted.Value, now).TotalSeconds:0} s");
    }

    internal static bool IsThrough(string status) => status is "DONE" or "DELETED";

    private static int IndexOf(IReadOnlyList<string> order, string layer)
    {
        for (var i = 0; i < order.Count; i++) if (order[i] == layer) return i;
        // The health checks are made before any record: a node whose only layer is theirs sorts first.
        return layer == LayerNames.HealthChecks ? -1 : int.MaxValue;
    }
}
