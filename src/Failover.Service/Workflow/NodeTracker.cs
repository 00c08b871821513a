using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using Failover.Core.Planning;

namespace Failover.Service.Workflow;

/// <summary>Moves a run's node items along as its layers run: IN_PROGRESS when a layer starts, DONE or DELETED after the node's last
/// layer.</summary>
public sealed class NodeTracker(IProgressStore store, RunContext context)
{
    private readonly IReadOnlyDictionary<string, NodeWork> _work = PlanNodes.Of(context.Plan);

    public Task<IReadOnlyList<NodeProgress>> ListAsync(CancellationToken cancellationToken) =>
        store.ListNodesAsync(context.Run.RunId, cancellationToken);

    /// <summary>
    /// The layer's nodes still PENDING go IN_PROGRESS. Those already IN_PROGRESS (from an earlier layer, or an earlier
    /// invocation of this one that ran out of its budget) are not written again: a layer entered five times for its
    /// 1,500 checks would otherwise rewrite every node five times.
    /// </summary>
    public async Task StartLayerAsync(int layer, IReadOnlyList<NodeProgress> nodes, CancellationToken cancellationToken)
    {
        var started = nodes.Where(n => n.Status != NodeStatus.Pending).Select(n => n.NodeId).ToHashSet(StringComparer.Ordinal);
        var starting = PlanNodes.InLayer(context.Layer(layer)).Where(id => !started.Contains(id)).ToList();
        if (starting.Count > 0)
            await store.SetNodeStatusAsync(context.Run.RunId, starting, NodeStatus.InProgress,
                cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records that these nodes' work in <paramref name="layer"/> went through (with the change that carried it).</summary>
    public async Task CompleteAsync(int layer, IEnumerable<string> nodeIds, string? changeId, CancellationToken cancellationToken)
    {
        foreach (var group in nodeIds.Distinct(StringComparer.Ordinal).GroupBy(id => StatusAfter(id, layer)))
            await store.SetNodeStatusAsync(context.Run.RunId, group.ToList(), group.Key, changeId,
                cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A health check this layer created: its id and the node's status after the layer, in one write, so a node that
    /// has an id is a node the layer is done with (a later invocation skips it without writing it again).
    /// </summary>
    public Task RecordHealthCheckAsync(int layer, string nodeId, string healthCheckId, CancellationToken cancellationToken) =>
        store.UpdateNodeAsync(context.Run.RunId, nodeId,
            new NodeUpdate { HealthCheckId = healthCheckId, Status = StatusAfter(nodeId, layer) }, cancellationToken);

    /// <summary>The nodes whose work in layer <paramref name="layer"/> is recorded as through.</summary>
    public bool IsThrough(NodeProgress node, int layer) => node.Status == StatusAfter(node.NodeId, layer);

    /// <summary>Nodes DONE or DELETED.</summary>
    public static IReadOnlySet<string> Finished(IEnumerable<NodeProgress> nodes) =>
        nodes.Where(n => n.Status is NodeStatus.Done or NodeStatus.Deleted).Select(n => n.NodeId).ToHashSet(StringComparer.Ordinal);

    private NodeStatus StatusAfter(string nodeId, int layer) =>
        _work.TryGetValue(nodeId, out var work) && work.LastLayer > layer ? NodeStatus.InProgress
            : _work.GetValueOrDefault(nodeId)?.FinalStatus ?? NodeStatus.Done;

    /// <summary>Node id → health check id, from the node items (the health-checks layer records them as it goes).</summary>
    public static IReadOnlyDictionary<string, string> HealthCheckIds(IEnumerable<NodeProgress> nodes) =>
        nodes.Where(n => n.HealthCheckId is not null).ToDictionary(n => n.NodeId, n => n.HealthCheckId!, StringComparer.Ordinal);
}
