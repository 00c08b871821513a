using Failover.Service.Ports.Store;
using Failover.Service.Ports.Route53;
using Failover.Core.Route53;
using Failover.Service.Progress;

namespace Failover.Testing.Store;

public sealed partial class InMemoryProgressStore
{
    private readonly Dictionary<string, RunItem> _runs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedDictionary<string, NodeProgress>> _nodes = new(StringComparer.Ordinal);

    /// <summary>A RUNNING run of a stored version, made the tree's last run (APPLYING, or DELETING for a teardown).</summary>
    public Task<RunRecord> CreateRunAsync(NewRun run, CancellationToken cancellationToken = default) => Serve(() =>
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(run.RunId);
        var tree = _trees.GetValueOrDefault(run.Tree)
            ?? throw new ProgressConflictException($"tree '{run.Tree}' has no stored version: store one before starting a run");
        if (run.Version < 1 || run.Version > tree.LatestVersion)
            throw new ProgressConflictException($"tree '{run.Tree}' has versions 1 to {tree.LatestVersion}, not {run.Version}");
        if (_runs.ContainsKey(run.RunId)) throw new ProgressConflictException($"run id '{run.RunId}' is already taken");
        var now = Now;
        var record = new RunRecord(run.RunId, run.Tree, run.Version, run.Kind, RunStatus.Running, run.ExecutionArn, null,
            run.PlanJson is not null, now, now, null);
        _runs[run.RunId] = new RunItem(record, run.PlanJson);
        _trees[run.Tree] = tree with
        {
            Status = run.Kind == RunKind.Teardown ? TreeStatus.Deleting : TreeStatus.Applying,
            LastRunId = run.RunId, LastRunStatus = RunStatus.Running, UpdatedAt = now,
        };
        return record;
    });

    public Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken = default) =>
        Serve(() => _runs.GetValueOrDefault(runId)?.Record);

    /// <summary>Newest first, as the listing index orders them (start time, then run id).</summary>
    public Task<IReadOnlyList<RunRecord>> ListRunsAsync(string tree, int limit = 20, CancellationToken cancellationToken = default) =>
        Serve(() =>
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
            return (IReadOnlyList<RunRecord>)[.. _runs.Values.Select(r => r.Record).Where(r => r.Tree == tree)
                .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.RunId, StringComparer.Ordinal).Take(limit)];
        });

    /// <summary>Pages of <see cref="ListRunsAsync"/>'s order; the token names the last run handed out.</summary>
    public Task<RunPage> ListRunsPageAsync(
        string tree, int pageSize = 20, string? pageToken = null, CancellationToken cancellationToken = default) => Serve(() =>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var ordered = _runs.Values.Select(r => r.Record).Where(r => r.Tree == tree)
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.RunId, StringComparer.Ordinal).ToList();
        var start = 0;
        if (pageToken is not null)
        {
            var after = pageToken.StartsWith("after:", StringComparison.Ordinal) ? pageToken["after:".Length..]
                : throw new ArgumentException($"'{pageToken}' is not a page token returned by {nameof(ListRunsPageAsync)}",
                    nameof(pageToken));
            start = ordered.FindIndex(r => r.RunId == after) + 1;
        }
        var page = ordered.Skip(start).Take(pageSize).ToList();
        return new RunPage(page, start + pageSize < ordered.Count ? "after:" + page[^1].RunId : null);
    });

    public Task SetRunExecutionAsync(string runId, string executionArn, CancellationToken cancellationToken = default) => Serve(() =>
    {
        var run = Run(runId);
        _runs[runId] = run with { Record = run.Record with { ExecutionArn = executionArn, UpdatedAt = Now } };
    });

    /// <summary>
    /// Rounded as the table's attributes are: the rate to thousandths; a bucket's balance and rate down to thousandths and
    /// its time up to the millisecond.
    /// </summary>
    public Task SaveRunStepEndAsync(string runId, RunStepEnd end, CancellationToken cancellationToken = default) =>
        Serve(() =>
        {
            if (end.IsEmpty) return;
            var record = Run(runId).Record;
            if (end.RequestsPerSecond is { } rate) record = record with { Route53RequestsPerSecond = Math.Round(rate, 3) };
            if (end.Buckets is { } buckets)
                record = record with { Route53OperationBuckets = [.. buckets.Select(RoundedAsStored)] };
            record = record with
            {
                Route53Requests = record.Route53Requests + end.Requests, Route53Throttles = record.Route53Throttles + end.Throttles,
            };
            _runs[runId] = Run(runId) with { Record = record };
        });

    private static OperationBucket RoundedAsStored(OperationBucket bucket) => bucket with
    {
        Balance = Math.Floor(bucket.Balance * 1000) / 1000, PerSecond = Math.Floor(bucket.PerSecond * 1000) / 1000,
        At = DateTimeOffset.FromUnixTimeMilliseconds(bucket.At.ToUnixTimeMilliseconds()) is var ms && ms < bucket.At
            ? ms.AddMilliseconds(1) : bucket.At,
    };

    public Task MarkRunAnnouncedAsync(string runId, CancellationToken cancellationToken = default) => Serve(() =>
    {
        var run = Run(runId);
        _runs[runId] = run with { Record = run.Record with { Announced = true } };
    });

    public Task PutPlanAsync(string runId, string planJson, CancellationToken cancellationToken = default) => Serve(() =>
    {
        var run = Run(runId);
        _runs[runId] = new RunItem(run.Record with { HasPlan = true, UpdatedAt = Now }, planJson);
    });

    public Task<string?> GetPlanAsync(string runId, CancellationToken cancellationToken = default) =>
        Serve(() => _runs.GetValueOrDefault(runId)?.PlanJson);

    /// <summary>
    /// RUNNING → the status, once; a repeat with the same status is AlreadyInStatus and brings the tree item up to date
    /// again. The tree follows the run while it is the tree's last run (see the DynamoDB store's SetRunStatusAsync).
    /// </summary>
    public Task<RunStatusChange> SetRunStatusAsync(string runId, RunStatus status, string? error = null,
        CancellationToken cancellationToken = default) => Serve(() =>
    {
        if (status == RunStatus.Running)
            throw new ArgumentException("a run can only be moved out of RUNNING, not into it", nameof(status));
        if (_runs.GetValueOrDefault(runId) is not { } item) return new RunStatusChange(RunStatusOutcome.NotFound, null);
        var now = Now;
        RunStatusOutcome outcome;
        if (item.Record.Status == RunStatus.Running)
        {
            item = item with
            {
                Record = item.Record with { Status = status, UpdatedAt = now, FinishedAt = now, Error = error ?? item.Record.Error },
            };
            _runs[runId] = item;
            outcome = RunStatusOutcome.Changed;
        }
        else
        {
            outcome = item.Record.Status == status ? RunStatusOutcome.AlreadyInStatus : RunStatusOutcome.Refused;
        }
        if (outcome != RunStatusOutcome.Refused) UpdateTreeAfterRun(item.Record, now);
        return new RunStatusChange(outcome, item.Record);
    });

    private void UpdateTreeAfterRun(RunRecord run, DateTimeOffset now)
    {
        // A newer run owns the tree item now (or the tree is gone): this run's outcome no longer describes it.
        if (_trees.GetValueOrDefault(run.Tree) is not { } tree || tree.LastRunId != run.RunId) return;
        tree = tree with { LastRunStatus = run.Status, UpdatedAt = now };
        if (run.Status == RunStatus.Succeeded && run.Kind == RunKind.Teardown)
            tree = tree with { Status = TreeStatus.Deleted, CurrentVersion = null };
        else if (run.Status == RunStatus.Succeeded)
            tree = tree with
            {
                Status = TreeStatus.Active, CurrentVersion = run.Version,
                Descriptor = (_versions.GetValueOrDefault((run.Tree, run.Version))
                    ?? throw new ProgressStoreException($"run '{run.RunId}' applied version {run.Version} of tree '{run.Tree}', " +
                        "which is not stored")).Info.Descriptor,
            };
        else
            tree = tree with { Status = tree.CurrentVersion is null ? TreeStatus.Failed : TreeStatus.Active };
        _trees[run.Tree] = tree;
    }

    /// <summary>One PENDING item per node; writing the same nodes again resets them.</summary>
    public Task PutNodesAsync(string runId, IReadOnlyCollection<PlannedNode> nodes, CancellationToken cancellationToken = default) =>
        Serve(() =>
        {
            var duplicate = nodes.GroupBy(n => n.NodeId).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
                throw new ArgumentException($"node '{duplicate.Key}' appears {duplicate.Count()} times", nameof(nodes));
            var now = Now;
            if (!_nodes.TryGetValue(runId, out var items)) _nodes[runId] = items = new SortedDictionary<string, NodeProgress>(
                StringComparer.Ordinal);
            foreach (var node in nodes)
                items[node.NodeId] = new NodeProgress(runId, node.NodeId, node.Layer, NodeStatus.Pending, node.Records,
                    node.HealthCheckId, null, null, now, now, null, null);
        });

    public Task<NodeProgress> UpdateNodeAsync(string runId, string nodeId, NodeUpdate update,
        CancellationToken cancellationToken = default) => Serve(() => Update(runId, nodeId, update));

    /// <summary>Every known node is updated; then the unknown ones are named in a <see cref="ProgressConflictException"/>.</summary>
    public Task SetNodeStatusAsync(string runId, IReadOnlyCollection<string> nodeIds, NodeStatus status, string? changeId = null,
        string? error = null, CancellationToken cancellationToken = default) => Serve(() =>
    {
        var update = new NodeUpdate { Status = status, ChangeId = changeId, Error = error };
        var unknown = new List<string>();
        foreach (var nodeId in nodeIds.Distinct())
        {
            try
            {
                Update(runId, nodeId, update);
            }
            catch (ProgressConflictException)
            {
                unknown.Add(nodeId);
            }
        }
        if (unknown.Count > 0)
            throw new ProgressConflictException($"run '{runId}' has no node {string.Join(", ", unknown.Order().Select(n => $"'{n}'"))}");
    });

    /// <summary>Ordered by node id, as the table's sort key orders them.</summary>
    public Task<IReadOnlyList<NodeProgress>> ListNodesAsync(string runId, CancellationToken cancellationToken = default) =>
        Serve(() => (IReadOnlyList<NodeProgress>)[.. _nodes.GetValueOrDefault(runId)?.Values.AsEnumerable() ?? []]);

    private NodeProgress Update(string runId, string nodeId, NodeUpdate update)
    {
        if (_nodes.GetValueOrDefault(runId)?.GetValueOrDefault(nodeId) is not { } node)
            throw new ProgressConflictException($"run '{runId}' has no node '{nodeId}'");
        var now = Now;
        node = node with
        {
            UpdatedAt = now,
            HealthCheckId = update.HealthCheckId ?? node.HealthCheckId,
            ChangeId = update.ChangeId ?? node.ChangeId,
            Error = update.Error ?? node.Error,
        };
        if (update.Status is { } status)
        {
            node = node with { Status = status };
            if (status == NodeStatus.InProgress) node = node with { StartedAt = node.StartedAt ?? now };
            if (status is NodeStatus.Done or NodeStatus.Failed or NodeStatus.Deleted) node = node with { FinishedAt = now };
        }
        _nodes[runId][nodeId] = node;
        return node;
    }

    private RunItem Run(string runId) =>
        _runs.GetValueOrDefault(runId) ?? throw new ProgressConflictException($"run '{runId}' does not exist");

    private sealed record RunItem(RunRecord Record, string? PlanJson);
}
