using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using Amazon.DynamoDBv2;
using System.Collections.Concurrent;
using Amazon.DynamoDBv2.Model;
using Failover.Core.Route53;

namespace Failover.Store;

internal sealed partial class DynamoDbProgress
{
    /// <summary>
    /// Writes one PENDING item per node of the run (BatchWriteItem, 25 at a time). Writing the same nodes again
    /// resets them to PENDING: the plan step calls this before any node has progressed.
    /// </summary>
    public async Task PutNodesAsync(string runId, IReadOnlyCollection<PlannedNode> nodes, CancellationToken cancellationToken = default)
    {
        var duplicate = nodes.GroupBy(n => n.NodeId).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"node '{duplicate.Key}' appears {duplicate.Count()} times", nameof(nodes));

        var now = Now;
        var partition = ProgressKeys.RunPartition(runId);
        var writes = nodes.Select(node =>
        {
            var item = ProgressKeys.Key(partition, ProgressKeys.Node(node.NodeId));
            item[Attributes.RunId] = Attributes.S(runId);
            item[Attributes.NodeId] = Attributes.S(node.NodeId);
            item[Attributes.Status] = Attributes.Upper(NodeStatus.Pending);
            item[Attributes.Records] = RecordKeyValues.ToList(node.Records);
            item[Attributes.CreatedAt] = Attributes.Time(now);
            item[Attributes.UpdatedAt] = Attributes.Time(now);
            item[ProgressTable.ExpiryAttribute] = Attributes.N(RunExpiry(now));
            if (node.Layer is not null) item[Attributes.Layer] = Attributes.S(node.Layer);
            if (node.HealthCheckId is not null) item[Attributes.HealthCheckId] = Attributes.S(node.HealthCheckId);
            return new WriteRequest { PutRequest = new PutRequest { Item = item } };
        }).ToList();
        await _batchWriter.WriteAsync(writes, cancellationToken);
    }

    /// <summary>
    /// Changes the fields <paramref name="update"/> sets on one node and returns the node as it is now. Going
    /// IN_PROGRESS stamps <see cref="NodeProgress.StartedAt"/> the first time; DONE, FAILED and DELETED stamp
    /// <see cref="NodeProgress.FinishedAt"/>. Throws <see cref="ProgressConflictException"/> for a node the run does not have.
    /// </summary>
    public async Task<NodeProgress> UpdateNodeAsync(string runId, string nodeId, NodeUpdate update,
        CancellationToken cancellationToken = default)
    {
        var now = Now;
        var change = new ItemUpdate()
            .Set(Attributes.UpdatedAt, Attributes.Time(now))
            .When(u => $"attribute_exists({u.Name(ProgressTable.PartitionKey)})");
        if (update.Status is { } status)
        {
            change.Set(Attributes.Status, Attributes.Upper(status));
            if (status == NodeStatus.InProgress) change.SetIfAbsent(Attributes.StartedAt, Attributes.Time(now));
            if (status is NodeStatus.Done or NodeStatus.Failed or NodeStatus.Deleted) change.Set(Attributes.FinishedAt,
                Attributes.Time(now));
        }
        if (update.HealthCheckId is not null) change.Set(Attributes.HealthCheckId, Attributes.S(update.HealthCheckId));
        if (update.ChangeId is not null) change.Set(Attributes.ChangeId, Attributes.S(update.ChangeId));
        if (update.Error is not null) change.Set(Attributes.Error, Attributes.S(update.Error));

        try
        {
            var response = await _dynamo.UpdateItemAsync(
                change.ToRequest(_table, ProgressKeys.Key(ProgressKeys.RunPartition(runId), ProgressKeys.Node(nodeId)),
                    ReturnValue.ALL_NEW),
                cancellationToken);
            return ReadNode(response.Attributes);
        }
        catch (ConditionalCheckFailedException e)
        {
            throw new ProgressConflictException($"run '{runId}' has no node '{nodeId}'", e);
        }
    }

    /// <summary>
    /// Sets the status (and the change id or error, if given) of several nodes, a few requests at a time. Every known
    /// node is updated even if some are unknown; then a <see cref="ProgressConflictException"/> names the unknown ones.
    /// </summary>
    public async Task SetNodeStatusAsync(
        string runId, IReadOnlyCollection<string> nodeIds, NodeStatus status, string? changeId = null, string? error = null,
        CancellationToken cancellationToken = default)
    {
        var update = new NodeUpdate { Status = status, ChangeId = changeId, Error = error };
        var unknown = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(
            nodeIds.Distinct(),
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrentWrites, CancellationToken = cancellationToken },
            async (nodeId, token) =>
            {
                try
                {
                    await UpdateNodeAsync(runId, nodeId, update, token);
                }
                catch (ProgressConflictException)
                {
                    unknown.Add(nodeId);
                }
            });
        if (!unknown.IsEmpty)
            throw new ProgressConflictException($"run '{runId}' has no node {string.Join(", ", unknown.Order().Select(n => $"'{n}'"))}");
    }

    /// <summary>Every node of the run, ordered by node id.</summary>
    public async Task<IReadOnlyList<NodeProgress>> ListNodesAsync(string runId, CancellationToken cancellationToken = default)
    {
        var nodes = new List<NodeProgress>();
        await foreach (var item in QueryPrefixAsync(ProgressKeys.RunPartition(runId), ProgressKeys.NodePrefix, cancellationToken))
            nodes.Add(ReadNode(item));
        return nodes;
    }

    private static NodeProgress ReadNode(Dictionary<string, AttributeValue> item) => new(
        item.RequiredString(Attributes.RunId),
        item.RequiredString(Attributes.NodeId),
        item.String(Attributes.Layer),
        item.RequiredEnum<NodeStatus>(Attributes.Status),
        item.TryGetValue(Attributes.Records, out var records) ? RecordKeyValues.FromList(records) : [],
        item.String(Attributes.HealthCheckId),
        item.String(Attributes.ChangeId),
        item.String(Attributes.Error),
        item.RequiredTimestamp(Attributes.CreatedAt),
        item.RequiredTimestamp(Attributes.UpdatedAt),
        item.Timestamp(Attributes.StartedAt),
        item.Timestamp(Attributes.FinishedAt));
}
