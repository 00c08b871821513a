using Failover.Core.Route53;
using Failover.Service.Progress;

namespace Failover.Service.Ports.Store;

/// <summary>Every node's progress in a run (PENDING → IN_PROGRESS → DONE), with its change id or error.</summary>
public interface INodeProgressRecords
{
    Task PutNodesAsync(string runId, IReadOnlyCollection<PlannedNode> nodes, CancellationToken cancellationToken = default);

    Task<NodeProgress> UpdateNodeAsync(string runId, string nodeId, NodeUpdate update, CancellationToken cancellationToken = default);

    Task SetNodeStatusAsync(
        string runId, IReadOnlyCollection<string> nodeIds, NodeStatus status, string? changeId = null, string? error = null,
            CancellationToken cancellationToken = default);

    Task<IReadOnlyList<NodeProgress>> ListNodesAsync(string runId, CancellationToken cancellationToken = default);
}
