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
    private readonly RunProgressPrinter _printer = new(output, time);
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
            var nodes = await store.ListNodesAsync(run.RunId, cancellationToken);
            _printer.Print(nodes.Select(n => new NodeView(n.NodeId, n.Layer, StatusText.Of(n.Status), n.HealthCheckId, n.ChangeId, n.Error))
                .ToList(), _layerOrder ?? []);
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

    internal static string Describe(RunKind kind) => kind switch
    {
        RunKind.Teardown => "tearing down",
        RunKind.Rollback => "rolling back",
        _ => "applying",
    };
}
