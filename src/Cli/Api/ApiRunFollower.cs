using Failover.Cli.Input;
using Failover.Cli.Workflow;
using Failover.Core.Contracts;

namespace Failover.Cli.Api;

/// <summary>The run to follow, as the 202 that started it or the tree's last run names it.</summary>
internal sealed record FollowedRun(string RunId, string Tree, int Version, string Kind);

/// <summary>
/// Follows a run the API started (<c>GET /runs/{id}</c>) to its end with the same progress as a run followed in the
/// progress table (<see cref="RunWatcher"/>), and turns its end into an exit code (0 succeeded, 1 failed or rolled back).
/// </summary>
internal sealed class ApiRunFollower(ServiceApi api, CliConsole console, TimeSpan pollInterval, TimeProvider time)
{
    public async Task<int> FollowAsync(FollowedRun run, CancellationToken cancellationToken)
    {
        var watcher = new RunWatcher(console, pollInterval, time, console.LiveProgress);
        var (last, elapsed) = await watcher.WatchAsync(
            $"run {run.RunId}: {RunKinds.Describe(run.Kind)} tree '{run.Tree}' version {run.Version}", run.Tree,
            async ct => Snapshot(ServiceApi.Read<RunResource>(
                await api.GetAsync($"/runs/{Uri.EscapeDataString(run.RunId)}", ct), "a run")),
            cancellationToken);
        return RunKinds.Report(console, run.Tree, run.RunId, run.Version, last, elapsed);
    }

    private static RunSnapshot Snapshot(RunResource resource) => new(resource.Status,
        resource.Nodes.Select(n => new NodeView(n.NodeId, n.Layer, n.Status, n.HealthCheckId, n.ChangeId, n.Error)).ToList(),
        LayersInOrder(resource.Nodes), resource.Error);

    /// <summary>The layers in the order the run reached them (a node's start time), those not reached yet last.</summary>
    private static IReadOnlyList<string> LayersInOrder(IReadOnlyList<NodeResource> nodes) =>
        nodes.Where(n => n.Layer is not null)
            .GroupBy(n => n.Layer!)
            .OrderBy(g => g.Min(n => n.StartedAt ?? "~"), StringComparer.Ordinal)
            .Select(g => g.Key)
            .ToList();
}
