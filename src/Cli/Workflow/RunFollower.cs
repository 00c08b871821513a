using Failover.Store;
using Failover.Service.Progress;
using Failover.Aws.StepFunctions;
using Failover.Service.Workflow;
using Failover.Core.Planning;
using Failover.Core.Contracts;

namespace Failover.Cli.Workflow;

/// <summary>
/// Follows a workflow run to its end, printing progress as it happens: a line when a layer starts and when it is
/// through, and a line per node as it moves (PENDING → IN_PROGRESS → DONE, or DELETED, or FAILED with its error).
/// Reads the progress table (the nodes, the run) and the execution, so it also notices an execution that ended
/// without its run being marked (aborted, timed out).
/// </summary>
internal sealed class RunFollower(ProgressStore store, StepFunctionsClient states, TextWriter output, TimeSpan pollInterval,
    TimeProvider time)
{
    private readonly Dictionary<string, NodeStatus> _seen = new(StringComparer.Ordinal);
    private readonly HashSet<string> _layersStarted = new(StringComparer.Ordinal);
    private readonly HashSet<string> _layersDone = new(StringComparer.Ordinal);
    private readonly HashSet<string> _checksSeen = new(StringComparer.Ordinal);
    private IReadOnlyList<string>? _layerOrder;

    public async Task<RunRecord> FollowAsync(StartedRun run, CancellationToken cancellationToken)
    {
        output.WriteLine($"run {run.RunId}: {Describe(run.Kind)} tree '{run.Tree}' version {run.Version}");
        while (true)
        {
            var record = await store.GetRunAsync(run.RunId, cancellationToken)
                ?? throw new CliFailureException($"run {run.RunId} has disappeared from the progress table");
            if (_layerOrder is null && record.HasPlan && await store.GetPlanAsync(run.RunId, cancellationToken) is { } plan)
                _layerOrder = PlanLayers(plan);
            await ReportNodesAsync(run.RunId, cancellationToken);
            if (record.Status != RunStatus.Running) return record;

            var execution = await states.DescribeExecutionAsync(run.ExecutionArn, cancellationToken);
            if (!execution.IsRunning)
            {
                // The execution may end a moment before its last step's writes are visible: read the run once more.
                record = await store.GetRunAsync(run.RunId, cancellationToken) ?? record;
                if (record.Status != RunStatus.Running) return record;
                throw new CliFailureException(
                    $"run {run.RunId}: the execution ended {execution.Status} ({execution.Error}: {execution.Cause}) without finishing " +
                        $"the run; " +
                    $"its lock expires on its own");
            }
            await Task.Delay(pollInterval, time, cancellationToken);
        }
    }

    private async Task ReportNodesAsync(string runId, CancellationToken cancellationToken)
    {
        var nodes = await store.ListNodesAsync(runId, cancellationToken);
        // The health-checks layer prepares leaves that belong to leaf-records: it shows as the checks appear on them.
        foreach (var node in nodes.Where(n => n.HealthCheckId is not null && _checksSeen.Add(n.NodeId))
            .OrderBy(n => n.NodeId, StringComparer.Ordinal))
            output.WriteLine($"[{LayerNames.HealthChecks}]   {node.NodeId,-24} health check {node.HealthCheckId}");
        var order = _layerOrder ?? [];
        foreach (var layer in nodes.GroupBy(n => n.Layer ?? "-").OrderBy(g => IndexOf(order, g.Key)))
        {
            var changed = layer.Where(n => !_seen.TryGetValue(n.NodeId, out var before) || before != n.Status).ToList();
            if (changed.Count == 0) continue;
            if (layer.Any(n => n.Status != NodeStatus.Pending) && _layersStarted.Add(layer.Key))
                output.WriteLine($"[{layer.Key}] {layer.Count()} node(s)");
            foreach (var node in changed.OrderBy(n => n.NodeId, StringComparer.Ordinal))
            {
                _seen[node.NodeId] = node.Status;
                if (node.Status == NodeStatus.Pending) continue;
                var detail = node.Status == NodeStatus.Failed ? $"  {node.Error}" : node.ChangeId is null ? ""
                    : $"  (change {node.ChangeId})";
                output.WriteLine($"[{layer.Key}]   {node.NodeId,-24} {StatusText.Of(node.Status)}{detail}");
            }
            if (layer.All(n => n.Status is NodeStatus.Done or NodeStatus.Deleted) && _layersDone.Add(layer.Key))
                output.WriteLine($"[{layer.Key}] done");
        }
    }

    private static int IndexOf(IReadOnlyList<string> order, string layer)
    {
        for (var i = 0; i < order.Count; i++) if (order[i] == layer) return i;
        return int.MaxValue;
    }

    private static IReadOnlyList<string> PlanLayers(string planJson)
    {
        try
        {
            return PlanJson.Read(planJson).Layers.Select(l => l.Name).ToList();
        }
        catch (FormatException)
        {
            return [];
        }
    }

    private static string Describe(RunKind kind) => kind switch
    {
        RunKind.Teardown => "tearing down",
        RunKind.Rollback => "rolling back",
        _ => "applying",
    };
}
