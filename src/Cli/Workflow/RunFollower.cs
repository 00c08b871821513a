using Failover.Store;
using Failover.Service.Progress;
using Failover.Aws.StepFunctions;
using Failover.Service.Workflow;
using Failover.Core.Planning;
using Failover.Core.Contracts;

namespace Failover.Cli.Workflow;

/// <summary>
/// Follows a workflow run in the progress table (the direct path) to its end with <see cref="RunWatcher"/>'s progress,
/// and turns its end into an exit code. Reads the run, its plan (for the layers' order) and nodes, and the execution,
/// so it also notices an execution that ended without its run being marked (aborted, timed out).
/// </summary>
internal sealed class RunFollower(ProgressStore store, StepFunctionsClient states, CliConsole console, TimeSpan pollInterval,
    TimeProvider time)
{
    private IReadOnlyList<string>? _layerOrder;

    public async Task<int> FollowAsync(StartedRun run, CancellationToken cancellationToken)
    {
        var kind = StatusText.Of(run.Kind);
        var watcher = new RunWatcher(console, pollInterval, time, console.LiveProgress);
        var (last, elapsed) = await watcher.WatchAsync(
            $"run {run.RunId}: {RunKinds.Describe(kind)} tree '{run.Tree}' version {run.Version}", run.Tree,
            ct => ReadAsync(run, ct), cancellationToken);
        return RunKinds.Report(console, run.Tree, run.RunId, run.Version, last, elapsed);
    }

    private async Task<RunSnapshot> ReadAsync(StartedRun run, CancellationToken cancellationToken)
    {
        var record = await store.GetRunAsync(run.RunId, cancellationToken)
            ?? throw new CliFailureException($"run {run.RunId} has disappeared from the progress table");
        if (_layerOrder is null && record.HasPlan && await store.GetPlanAsync(run.RunId, cancellationToken) is { } plan)
            _layerOrder = PlanLayers(plan);
        var nodes = await store.ListNodesAsync(run.RunId, cancellationToken);
        if (record.Status == RunStatus.Running)
        {
            var execution = await states.DescribeExecutionAsync(run.ExecutionArn, cancellationToken);
            if (!execution.IsRunning)
            {
                // The execution may end a moment before its last step's writes are visible: read the run once more.
                record = await store.GetRunAsync(run.RunId, cancellationToken) ?? record;
                if (record.Status == RunStatus.Running)
                    throw new CliFailureException(
                        $"run {run.RunId}: the execution ended {execution.Status} ({execution.Error}: {execution.Cause}) without " +
                        "finishing the run; its lock expires on its own");
            }
        }
        return new RunSnapshot(StatusText.Of(record.Status),
            nodes.Select(n => new NodeView(n.NodeId, n.Layer, StatusText.Of(n.Status), n.HealthCheckId, n.ChangeId, n.Error)).ToList(),
            _layerOrder ?? [], record.Error);
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
}
